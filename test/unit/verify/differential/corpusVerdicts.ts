import * as fs from 'fs';
import { tempDir } from '../../../support/openssl';
import { opensslVerdict } from './opensslVerdict';
import { OpensslVerdict, VerifyCase } from './verifyCase';
import { buildVerifyCorpus } from './verifyCorpus';

let verdicts: Map<VerifyCase, OpensslVerdict> | undefined;

/**
 * The corpus with openssl's verdict on each case, built once per test run: it takes several hundred openssl
 * calls, and more than one suite holds our verdicts against it. The files go when the process exits.
 */
export function corpusVerdicts(): ReadonlyMap<VerifyCase, OpensslVerdict> {
  if (verdicts === undefined) {
    const dir = tempDir('mtls-corpus-');
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    const built = new Map<VerifyCase, OpensslVerdict>();
    for (const c of buildVerifyCorpus(dir)) built.set(c, opensslVerdict(c));
    verdicts = built;
  }
  return verdicts;
}
