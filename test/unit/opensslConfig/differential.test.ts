// OpenSSL is the oracle: every config in differentialCases.ts goes through `openssl req -new -batch -key K`
// (working directory and environment controlled) and through the core; the subject, SANs and extensions of the
// CSR must equal what requestFromConfig computes, and a config openssl refuses must give an error finding, on
// the line openssl names when it names one.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ASN1_STRING_TAGS } from '../../../src/core/opensslConfig/encodeNameString';
import { formatIpAddress } from '../../../src/core/x509/ipAddress';
import { opensslConfigFileOptions } from '../../../src/core/opensslConfig/loadOpensslConfigFile';
import { objectByOid } from '../../../src/core/x509/opensslObjects';
import { checkOpensslConfig, ConfigValidation } from '../../../src/core/opensslConfig/validateOpensslConfig';
import { openssl, tempDir } from '../../support/openssl';
import { DifferentialCase, DIFFERENTIAL_CASES } from './differentialCases';
import { CsrContents, CsrGeneralName, readCsrDer } from './support/readCsrDer';
import { mapPool, ProcessResult, runProcess } from './support/runPool';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/opensslConfig');

interface Outcome {
  testCase: DifferentialCase;
  dir: string;
  result: ProcessResult;
  csr?: CsrContents;
  ours: ConfigValidation;
}

function writeCase(root: string, index: number, testCase: DifferentialCase): { dir: string; configPath: string } {
  const dir = path.join(root, `case-${String(index).padStart(3, '0')}`);
  fs.mkdirSync(dir, { recursive: true });
  let configPath: string;
  if (testCase.config.startsWith('fixture:')) {
    fs.cpSync(FIXTURES, dir, { recursive: true });
    configPath = testCase.config.slice('fixture:'.length);
  } else {
    configPath = 'request.cnf';
    fs.writeFileSync(path.join(dir, configPath), testCase.config);
  }
  for (const [name, content] of Object.entries(testCase.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return { dir, configPath };
}

function generalNameText(gn: CsrGeneralName): { type: string; value: string } | undefined {
  switch (gn.tag) {
    case 1:
      return { type: 'email', value: gn.bytes.toString('utf8') };
    case 2:
      return { type: 'DNS', value: gn.bytes.toString('utf8') };
    case 6:
      return { type: 'URI', value: gn.bytes.toString('utf8') };
    case 7:
      return { type: 'IP', value: formatIpAddress(gn.bytes) };
    case 8:
      return { type: 'RID', value: gn.oid as string };
    case 4:
      return {
        type: 'dirName',
        value: (gn.name ?? []).map((a) => `/${objectByOid(a.oid)?.sn ?? a.oid}=${a.value}`).join(''),
      };
    case 0:
      return { type: 'otherName', value: gn.oid as string };
    default:
      return undefined;
  }
}

describe('OpenSSL config: differential against openssl req', function () {
  this.timeout(120_000);
  let root: string;
  let outcomes: Outcome[] = [];

  before(async () => {
    root = tempDir('mtls-config-diff-');
    const keyPath = path.join(root, 'test-key.pem');
    openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyPath]);
    outcomes = await mapPool(DIFFERENTIAL_CASES, 4, async (testCase, index) => {
      const { dir, configPath } = writeCase(root, index, testCase);
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...testCase.env };
      const result = await runProcess(
        'openssl',
        ['req', '-new', '-batch', '-config', configPath, '-key', keyPath, '-outform', 'DER', '-out', 'request.der'],
        { cwd: dir, env },
      );
      const csrPath = path.join(dir, 'request.der');
      const csr = result.code === 0 && fs.existsSync(csrPath) ? readCsrDer(fs.readFileSync(csrPath)) : undefined;
      const text = fs.readFileSync(path.join(dir, configPath), 'utf8');
      const ours = checkOpensslConfig(text, opensslConfigFileOptions(configPath, dir, { ...testCase.env }));
      return { testCase, dir, result, csr, ours };
    });
  });

  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it(`covers at least 50 configs, and openssl refuses some of them`, () => {
    assert.ok(DIFFERENTIAL_CASES.length >= 50);
    assert.ok(DIFFERENTIAL_CASES.filter((c) => c.expect === 'refuse').length >= 20);
  });

  DIFFERENTIAL_CASES.forEach((testCase, index) => {
    it(`${testCase.expect === 'accept' ? 'accepts' : 'refuses'}: ${testCase.name}`, () => {
      const outcome = outcomes[index];
      const { result, csr, ours } = outcome;
      const errors = ours.findings.filter((f) => f.severity === 'error');
      const context = `openssl exit ${result.code}: ${result.stderr.trim().split('\n').slice(0, 3).join(' | ')}\nours: ${JSON.stringify(errors.map((f) => `${f.code}@${f.line}: ${f.message}`))}`;
      if (testCase.expect === 'refuse') {
        assert.notStrictEqual(result.code, 0, `openssl was expected to refuse this config\n${context}`);
        assert.ok(errors.length > 0, `openssl refused but the core found no error\n${context}`);
        assert.strictEqual(ours.request.ok, false);
        if (testCase.code)
          assert.ok(
            errors.some((f) => f.code === testCase.code),
            `expected an error ${testCase.code}\n${context}`,
          );
        const named = /(?:Error on line|:line) (\d+)/.exec(result.stderr);
        if (named) {
          const line = Number(named[1]);
          assert.ok(
            errors.some((f) => f.data?.opensslLine === line),
            `openssl names line ${line}; no error finding carries it\n${context}`,
          );
        }
        return;
      }
      assert.strictEqual(result.code, 0, `openssl was expected to accept this config\n${context}`);
      assert.deepStrictEqual(errors, [], `the core reports errors openssl does not have\n${context}`);
      assert.strictEqual(ours.request.ok, true);
      const actual = csr as CsrContents;
      assert.deepStrictEqual(
        ours.request.subject.map((a) => ({
          oid: a.oid,
          tag: ASN1_STRING_TAGS[a.stringType],
          value: a.value,
          rdn: a.rdn,
        })),
        actual.subject.map((a) => ({ oid: a.oid, tag: a.tag, value: a.value, rdn: a.rdn })),
        'subject',
      );
      const sanExtension = actual.extensions.find((e) => e.oid === '2.5.29.17');
      const actualSans = (sanExtension?.generalNames ?? []).map(generalNameText);
      const ourSans = ours.request.subjectAltNames.map((s) => ({
        type: s.type,
        value: s.type === 'otherName' ? s.value.split(';')[0] : s.value,
      }));
      assert.deepStrictEqual(ourSans, actualSans, 'subjectAltName');
      assert.strictEqual(
        ours.request.subjectAltNamesCritical ?? false,
        sanExtension?.critical ?? false,
        'subjectAltName critical',
      );
      assert.deepStrictEqual(
        ours.request.extensions.map((e) => ({ oid: e.oid, critical: e.critical })),
        actual.extensions.map((e) => ({ oid: e.oid, critical: e.critical })),
        'requested extensions',
      );
      assert.deepStrictEqual(
        ours.request.attributes.map((a) => ({ oid: a.oid, value: a.value })).sort((a, b) => a.oid.localeCompare(b.oid)),
        actual.attributes.map((a) => ({ oid: a.oid, value: a.value })).sort((a, b) => a.oid.localeCompare(b.oid)),
        'attributes',
      );
    });
  });
});
