import * as assert from 'assert';
import * as fs from 'fs';
import { Test } from 'mocha';
import { verifyChain } from '../../../../src/core/verify/chain/verifyChain';
import { verifyError } from '../../../../src/core/verify/chain/verifyErrors';
import { splitPem } from '../../../../src/core/x509/pem';
import { corpusVerdicts } from './corpusVerdicts';
import { OpensslVerdict, VerifyCase } from './verifyCase';

/** The error codes the issue names; 52 is left out: this openssl never reports it (see the corpus's probes). */
const REQUIRED_CODES = [47, 48, 25, 34, 22, 7, 20, 18, 19, 10, 94, 51, 53];

/** The certificates of a PEM file as openssl's PEM reader takes them, in file order. */
function certificates(file: string): Buffer[] {
  return splitPem(fs.readFileSync(file, 'utf8'))
    .blocks.filter((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE')
    .map((b) => b.der);
}

function describeErrors(errors: readonly { code: number; depth: number }[]): string {
  if (errors.length === 0) return 'no error';
  return errors.map((e) => `${verifyError(e.code).name} (${e.code}) at depth ${e.depth}`).join(', ');
}

function ours(c: VerifyCase): OpensslVerdict {
  const result = verifyChain({
    target: certificates(c.target)[0],
    trusted: certificates(c.trusted),
    untrusted: c.untrusted === undefined ? undefined : certificates(c.untrusted),
    at: c.attime === undefined ? undefined : new Date(c.attime * 1000),
  });
  return { ok: result.ok, errors: result.errors.map((e) => ({ code: e.error.code, depth: e.depth })) };
}

describe('verifyChain against openssl verify: the differential corpus', function () {
  let verdicts: ReadonlyMap<VerifyCase, OpensslVerdict>;

  before(function () {
    // Several hundred openssl calls; on a busy machine they take far longer than on a quiet one.
    this.timeout(600_000);
    verdicts = corpusVerdicts();
    const cases = [...verdicts.keys()];
    const suite = this.test!.parent!;
    for (const c of cases) {
      suite.addTest(
        new Test(`${c.family}: ${c.name}`, () => {
          const expected = verdicts.get(c)!;
          const actual = ours(c);
          assert.deepStrictEqual(
            actual,
            expected,
            `${c.name}: openssl says ${expected.ok ? 'OK' : 'failed'} with ${describeErrors(expected.errors)}; ` +
              `verifyChain says ${actual.ok ? 'OK' : 'failed'} with ${describeErrors(actual.errors)}`,
          );
        }),
      );
    }
  });

  it('makes openssl report every error the issue names, and pass and fail in every family', () => {
    const seen = new Set<number>();
    const families = new Map<string, { passing: number; failing: number }>();
    for (const [c, v] of verdicts) {
      for (const e of v.errors) seen.add(e.code);
      const counts = families.get(c.family) ?? { passing: 0, failing: 0 };
      if (v.ok) counts.passing++;
      else counts.failing++;
      families.set(c.family, counts);
    }
    const missing = REQUIRED_CODES.filter((code) => !seen.has(code));
    assert.deepStrictEqual(
      missing.map((code) => verifyError(code).name),
      [],
      `openssl reported ${[...seen].sort((a, b) => a - b).join(', ')}`,
    );
    const oneSided = [...families].filter(([, n]) => n.passing === 0 || n.failing === 0).map(([f]) => f);
    assert.deepStrictEqual(oneSided, [], 'families without both a passing and a failing case');
    assert.ok(families.size >= 12, `only ${families.size} families`);
  });
});
