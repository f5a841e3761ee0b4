import * as assert from 'assert';
import * as fs from 'fs';
import { Test } from 'mocha';
import { verifyCertificate } from '../../../src/core/verify/verifyCertificate';
import { runCli } from '../../support/buildCli';
import { corpusVerdicts } from './differential/corpusVerdicts';
import { OpensslVerdict, VerifyCase } from './differential/verifyCase';

/** The chain check's errors in the corpus's form, from its evidence (`error N at depth D: ...`). */
function chainVerdict(check: { ok: boolean; evidence: Record<string, string> }): OpensslVerdict {
  const errors = (check.evidence.errors ?? '')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [, code, depth] = /^error (\d+) at depth (\d+):/.exec(line)!;
      return { code: Number(code), depth: Number(depth) };
    });
  return { ok: check.ok, errors };
}

/** `verify`'s chain check on one case, from the files' text as the CLI and the extension give it. */
function ours(c: VerifyCase): OpensslVerdict {
  const read = (file: string) => fs.readFileSync(file, 'latin1');
  const result = verifyCertificate({
    certificatePem: read(c.target),
    caBundlePem: read(c.trusted),
    untrustedPem: c.untrusted === undefined ? undefined : read(c.untrusted),
    at: c.attime === undefined ? undefined : new Date(c.attime * 1000),
    now: new Date(),
  });
  return chainVerdict(result.checks.find((check) => check.name === 'chain')!);
}

// The glue around verifyChain (loading the files as openssl loads them, the check's verdict and error lines) held
// against the corpus; one family also through the CLI, for its exit codes.
describe('verify against openssl verify: the differential corpus through verifyCertificate and the CLI', function () {
  let verdicts: ReadonlyMap<VerifyCase, OpensslVerdict>;

  before(function () {
    this.timeout(600_000);
    verdicts = corpusVerdicts();
    const cases = [...verdicts.keys()];
    const suite = this.test!.parent!;
    for (const c of cases) {
      suite.addTest(
        new Test(`${c.family}: ${c.name}`, () => {
          assert.deepStrictEqual(ours(c), verdicts.get(c), c.name);
        }),
      );
    }
  });

  it("exits as openssl verify's verdict says on the encodings openssl loads: 0 or 1, never 2", function () {
    this.timeout(300_000);
    const family = [...verdicts].filter(([c]) => c.family === 'encodings openssl loads');
    assert.ok(family.length > 0);
    for (const [c, expected] of family) {
      const args = ['verify', '--cert', c.target, '--ca', c.trusted, '--json'];
      if (c.untrusted !== undefined) args.push('--untrusted', c.untrusted);
      args.push(...(c.attime === undefined ? ['--now', '2026-01-01'] : ['--attime', String(c.attime)]));
      const run = runCli(args);
      assert.notStrictEqual(run.code, 2, `${c.name}: ${run.stderr}`);
      const chain = JSON.parse(run.stdout).checks.find((check: { name: string }) => check.name === 'chain');
      assert.deepStrictEqual(chainVerdict(chain), expected, c.name);
      if (!expected.ok) assert.strictEqual(run.code, 1, c.name);
    }
  });
});
