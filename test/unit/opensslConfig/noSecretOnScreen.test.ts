// Issue 10, "nothing secret on screen": a repository's config may read `$ENV::ANY_NAME` and `.include` any
// readable file. What openssl would do with those values, the core does (generate puts them into the CSR, and
// openssl reads the CSR back with them); what the user sees (findings, hover, the form, comparison findings, the
// CLI's output) names where a value comes from and never shows it, at any depth of variables.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../../src/cli/main';
import { compareRequest } from '../../../src/core/compare/compareRequest';
import { requestFactsFromConfig } from '../../../src/core/compare/requestFactsFromConfig';
import { generateKeyAndCsr } from '../../../src/core/generate/generateKeyAndCsr';
import { writeKeyAndCsr } from '../../../src/core/generate/writeNewFiles';
import { CertificateInfo } from '../../../src/core/model';
import { configHoverText } from '../../../src/core/opensslConfig/configHoverText';
import { hideLeftoverValues } from '../../../src/core/opensslConfig/hideLeftoverValues';
import { parseOpensslConfig, ParseOpensslConfigOptions } from '../../../src/core/opensslConfig/parseOpensslConfig';
import { readRequestForm } from '../../../src/core/opensslConfig/requestConfigForm';
import { requestFromConfig } from '../../../src/core/opensslConfig/requestFromConfig';
import { checkOpensslConfig } from '../../../src/core/opensslConfig/validateOpensslConfig';
import { tempDir } from '../../support/openssl';

/** Looks like an access key; valid in a DN and (lower case) in a DNS name, so that the configs are accepted. */
const SECRET = 'zq9xw2vb7klp-s3cr3t';
const ENV = { MTLS_SECRET: SECRET };
/** The first line of a credentials-like file: not config syntax at all. */
const FILE_SECRET = 'AKIAIOSFODNN7EXAMPLE-f1l3s3cr3t';
const ENV_PLACEHOLDER = '‹from the environment: ENV::MTLS_SECRET›';

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const auto = (...rest: string[]) =>
  lines('[ req ]', 'prompt = no', 'distinguished_name = dn', 'req_extensions = ext', ...rest);

/** Every fragment a leak would show: the whole secret and its distinctive parts. */
function assertHidden(what: string, value: unknown): void {
  const text = typeof value === 'string' ? value : String(JSON.stringify(value));
  for (const fragment of [SECRET, 'zq9xw2vb7klp', 's3cr3t', FILE_SECRET, 'AKIAIOSFODNN7EXAMPLE']) {
    assert.ok(!text.includes(fragment), `${what} shows "${fragment}":\n${text}`);
  }
}

/** The messages as the parser and the request build them, before checkOpensslConfig's last guard. */
function rawMessages(text: string, options: ParseOpensslConfigOptions): string[] {
  const config = parseOpensslConfig(text, options);
  const request = requestFromConfig(config);
  return [...config.findings, ...request.findings].map((f) => f.message);
}

interface SecretCase {
  name: string;
  /** Accepted by openssl req with MTLS_SECRET set; something of the request carries the secret. */
  config: string;
}

const VALID: SecretCase[] = [
  {
    name: '$ENV:: directly',
    config: auto('[ dn ]', 'O = Org', 'OU = Unit', 'CN = $ENV::MTLS_SECRET', '[ ext ]', 'basicConstraints = CA:FALSE'),
  },
  {
    name: '${ENV::} through one variable',
    config:
      lines('x = ${ENV::MTLS_SECRET}') +
      auto('[ dn ]', 'O = Org', 'OU = Unit', 'CN = $x', '[ ext ]', 'basicConstraints = CA:FALSE'),
  },
  {
    name: 'two levels of variables',
    config:
      lines('a = $ENV::MTLS_SECRET', 'b = $a') +
      auto('[ dn ]', 'O = $b', 'OU = Unit', 'CN = c.example', '[ ext ]', 'basicConstraints = CA:FALSE'),
  },
  {
    name: 'three levels, across sections',
    config:
      lines('[ vars ]', 'a = $ENV::MTLS_SECRET', 'b = ${vars::a}', '[ more ]', 'c = $vars::b') +
      auto('[ dn ]', 'O = Org', 'OU = ${more::c}', 'CN = c.example', '[ ext ]', 'basicConstraints = CA:FALSE'),
  },
  {
    name: 'concatenated with literal text',
    config:
      lines('x = $ENV::MTLS_SECRET') +
      auto(
        '[ dn ]',
        'O = Org',
        'OU = Unit',
        'CN = host-${x}.example.com',
        '[ ext ]',
        'subjectAltName = DNS:ok.example.com, DNS:${x}.example.com',
      ),
  },
  {
    name: 'SAN entries of a section named by @section',
    config:
      lines('x = $ENV::MTLS_SECRET', 'y = $x') +
      auto(
        '[ dn ]',
        'O = Org',
        'OU = Unit',
        'CN = c.example',
        '[ ext ]',
        'subjectAltName = @alt',
        '[ alt ]',
        'DNS.1 = $y.example.com',
        'DNS.2 = plain.example.com',
        'email.1 = ${y}@example.com',
        'URI.1 = https://example.com/$y',
      ),
  },
  {
    name: 'a prompted _default',
    config: lines(
      '[ req ]',
      'distinguished_name = dn',
      '[ dn ]',
      'O = Organisation',
      'O_default = $ENV::MTLS_SECRET',
      'OU = Unit',
      'OU_default = Unit',
      'CN = Name',
      'CN_default = c.example',
    ),
  },
  {
    name: 'a dirName SAN whose section takes a variable',
    config:
      lines('x = $ENV::MTLS_SECRET') +
      auto(
        '[ dn ]',
        'O = Org',
        'OU = Unit',
        'CN = c.example',
        '[ ext ]',
        'subjectAltName = dirName:dir_sect',
        '[ dir_sect ]',
        'CN = $x',
      ),
  },
  {
    name: 'an extension value other than a SAN',
    config:
      lines('x = $ENV::MTLS_SECRET') +
      auto(
        '[ dn ]',
        'O = Org',
        'OU = Unit',
        'CN = c.example',
        '[ ext ]',
        'nsComment = comment $x',
        'subjectKeyIdentifier = hash',
      ),
  },
];

/** Configs whose findings would quote the value if they were built carelessly. */
const INVALID: Array<{ name: string; config: string; codes: string[] }> = [
  {
    name: 'an IP that is not one',
    config:
      lines('x = $ENV::MTLS_SECRET') +
      auto('[ dn ]', 'CN = c', '[ ext ]', 'subjectAltName = @alt', '[ alt ]', 'IP.1 = $x'),
    codes: ['san-bad-ip'],
  },
  {
    name: 'inline items of every kind',
    config:
      lines('x = $ENV::MTLS_SECRET') +
      auto(
        '[ dn ]',
        'CN = c',
        '[ ext ]',
        'subjectAltName = IP:$x, DNS:bad_$x, RID:$x, dirName:$x, $x:v, ${x}',
        'keyUsage = $x',
        'extendedKeyUsage = $x',
        'basicConstraints = CA:$x, pathlen:$x, $x:1',
        'authorityKeyIdentifier = keyid:$x, $x',
      ),
    codes: [
      'san-bad-ip',
      'san-bad-dns',
      'san-bad-other',
      'san-section-missing',
      'san-unknown-type',
      'san-missing-value',
      'extension-value-invalid',
    ],
  },
  {
    name: 'section pointers',
    config:
      lines('x = $ENV::MTLS_SECRET', 'oid_section = $x', 'openssl_conf = $x') +
      lines(
        '[ req ]',
        'prompt = no',
        'distinguished_name = $x',
        'req_extensions = $x',
        'x509_extensions = $x',
        'attributes = $x',
      ),
    codes: [
      'distinguished-name-section-missing',
      'extension-section-missing',
      'attributes-section-missing',
      'oid-section-missing',
      'openssl-conf-section-missing',
    ],
  },
  {
    name: 'SAN sections named through variables',
    config:
      lines('x = $ENV::MTLS_SECRET') +
      auto('[ dn ]', 'CN = c', '[ ext ]', 'subjectAltName = @$x', 'issuerAltName = @$x', 'nsCertType = @$x'),
    codes: ['san-section-missing'],
  },
  {
    name: '[req] settings',
    config:
      lines('x = $ENV::MTLS_SECRET') +
      auto(
        'default_md = $x',
        'string_mask = $x',
        'utf8 = $x',
        'default_bits = 1$x',
        '[ dn ]',
        'CN = c',
        '[ ext ]',
        'basicConstraints = CA:FALSE',
      ),
    codes: ['default-md-unknown', 'string-mask-invalid'],
  },
  {
    name: 'DN values OpenSSL refuses or garbles',
    config:
      lines('x = $ENV::MTLS_SECRET') +
      auto(
        '[ dn ]',
        'C = $x',
        'CN = c',
        'emailAddress = é$x',
        'O = é$x',
        '1.C = ${x}x',
        '[ ext ]',
        'basicConstraints = CA:FALSE',
      ),
    codes: ['dn-value-too-long', 'dn-illegal-characters', 'non-ascii-without-utf8'],
  },
  {
    name: 'prompted limits',
    config:
      lines('x = $ENV::MTLS_SECRET') +
      lines(
        '[ req ]',
        'distinguished_name = dn',
        '[ dn ]',
        'CN = Name',
        'CN_default = $x',
        'CN_max = 4',
        'O = Org',
        'O_default = $x',
        'O_min = 64',
      ),
    codes: ['dn-length-limit'],
  },
  {
    name: 'oid_section values',
    config:
      lines('x = $ENV::MTLS_SECRET', 'oid_section = oids', '[ oids ]', 'myOid = $x', 'other = 1.2.$x') +
      auto('[ dn ]', 'CN = c', '[ ext ]', 'basicConstraints = CA:FALSE'),
    codes: ['invalid-oid'],
  },
  {
    name: 'an include path from the environment',
    config:
      lines('.include $ENV::MTLS_SECRET/x.cnf', '.include ${ENV::MTLS_SECRET}') +
      auto('[ dn ]', 'CN = c', '[ ext ]', 'basicConstraints = CA:FALSE'),
    codes: ['include-not-followed'],
  },
];

describe('Nothing secret on screen: $ENV:: values and included files', function () {
  this.timeout(60_000);

  describe('configs openssl accepts', () => {
    for (const testCase of VALID) {
      it(`${testCase.name}: used in the request, named in what is shown`, () => {
        const validation = checkOpensslConfig(testCase.config, { env: ENV });
        assert.deepStrictEqual(
          validation.findings.filter((f) => f.severity === 'error'),
          [],
        );
        const { request } = validation;
        // The request carries the real value, as openssl would; everything shown names its origin instead.
        const all = [...request.subject, ...request.subjectAltNames, ...request.extensions];
        assert.ok(
          all.some((a) => a.value.includes(SECRET)),
          'the request carries the value',
        );
        for (const item of all) {
          if (item.value.includes(SECRET)) {
            assert.deepStrictEqual(item.origin, { env: ['MTLS_SECRET'] });
            assert.ok(item.shown?.includes(ENV_PLACEHOLDER), item.shown);
            assertHidden('shown value', item.shown);
          } else {
            assert.strictEqual(item.shown, undefined, `${item.value} is plain main text`);
          }
        }
        assertHidden('findings', validation.findings);
        assertHidden('form', readRequestForm(validation));
        const facts = requestFactsFromConfig(validation);
        assertHidden(
          'request facts as shown',
          [...facts.subject, ...facts.subjectAltNames].map((a) => a.shown ?? a.value),
        );
      });
    }

    it('keeps literal text around the placeholder, and marks the form fields read-only', () => {
      const validation = checkOpensslConfig(VALID[4].config, { env: ENV });
      const cn = validation.request.subject.find((a) => a.type === 'CN');
      assert.strictEqual(cn?.value, `host-${SECRET}.example.com`);
      assert.strictEqual(cn?.shown, `host-${ENV_PLACEHOLDER}.example.com`);
      assert.deepStrictEqual(
        validation.request.subjectAltNames.map((s) => s.shown ?? s.value),
        ['ok.example.com', `${ENV_PLACEHOLDER}.example.com`],
      );
      const form = readRequestForm(validation);
      const field = form.fields.find((f) => f.id === 'CN');
      assert.strictEqual(field?.value, `host-${ENV_PLACEHOLDER}.example.com`);
      assert.match(field?.readOnly ?? '', /from the environment: ENV::MTLS_SECRET/);
      assert.strictEqual(form.fields.find((f) => f.id === 'O')?.readOnly, undefined);
      assert.ok(form.san.readOnly, 'an inline list with a hidden item is edited as text');
    });

    it('shows SAN rows of a section by origin, read-only', () => {
      const form = readRequestForm(checkOpensslConfig(VALID[5].config, { env: ENV }));
      assert.deepStrictEqual(
        form.san.rows.map((r) => [r.id, r.value, Boolean(r.readOnly)]),
        [
          ['DNS.1', `${ENV_PLACEHOLDER}.example.com`, true],
          ['DNS.2', 'plain.example.com', false],
          ['email.1', `${ENV_PLACEHOLDER}@example.com`, true],
          ['URI.1', `https://example.com/${ENV_PLACEHOLDER}`, true],
        ],
      );
    });
  });

  describe('findings that quote values', () => {
    for (const testCase of INVALID) {
      it(`${testCase.name}: ${testCase.codes.join(', ')}`, () => {
        // Built with care, before the last guard...
        const raw = rawMessages(testCase.config, { env: ENV });
        assertHidden('raw messages', raw);
        // ...and through it, as every caller gets them.
        const validation = checkOpensslConfig(testCase.config, { env: ENV });
        const codes = new Set(validation.findings.map((f) => f.code));
        for (const code of testCase.codes)
          assert.ok(codes.has(code as never), `expected ${code} among ${[...codes].join(', ')}`);
        assertHidden('findings', validation.findings);
        assertHidden('form', readRequestForm(validation));
        assert.ok(
          validation.findings.some((f) => f.message.includes('ENV::MTLS_SECRET')),
          'a finding names where the value came from',
        );
      });
    }

    it('the last guard replaces a hidden value that slipped into a message anyway', () => {
      const config = parseOpensslConfig(lines('x = pre-$ENV::MTLS_SECRET', 'short = $ENV::SHORT'), {
        env: { ...ENV, SHORT: 'abc' },
      });
      const findings = [
        {
          severity: 'error' as const,
          code: 'dn-illegal-characters' as const,
          message: `"pre-${SECRET}" and "${SECRET}" and abc`,
        },
      ];
      hideLeftoverValues(config, findings);
      assert.strictEqual(
        findings[0].message,
        `"pre-${ENV_PLACEHOLDER}" and "${ENV_PLACEHOLDER}" and abc`,
        'values too short to search for are left to the message builders',
      );
    });
  });

  describe('.include', () => {
    let dir: string;
    const options = (): ParseOpensslConfigOptions & { env: Record<string, string> } => ({
      path: path.join(dir, 'request.cnf'),
      env: ENV,
      readInclude: (p) => {
        try {
          return fs.readFileSync(path.resolve(dir, p), 'utf8');
        } catch {
          return undefined;
        }
      },
    });

    before(() => {
      dir = tempDir('mtls-secret-include-');
      // Like ~/.aws/credentials: a first line that is not config syntax, then lines that are.
      fs.writeFileSync(
        path.join(dir, 'credentials'),
        lines(FILE_SECRET, '[dn]', `aws_secret_access_key = ${FILE_SECRET}`, 'bad = $undefined_var'),
      );
      // A section only this file names; the main text carries on in it after the .include line.
      fs.writeFileSync(path.join(dir, 'section.cnf'), lines(`[ ${FILE_SECRET}_section ]`, 'a = 0'));
      fs.writeFileSync(
        path.join(dir, 'fields.cnf'),
        lines(
          '[ dn ]',
          `O = ${FILE_SECRET}`,
          'OU = Unit',
          `CN = ${FILE_SECRET.toLowerCase()}.example`,
          '[ alt ]',
          `DNS.1 = ${FILE_SECRET.toLowerCase()}.example`,
          `IP.1 = ${FILE_SECRET}`,
          '[ vars ]',
          `v = ${FILE_SECRET}`,
        ),
      );
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('a file that is not config syntax: the finding names the file and the line, not the text', () => {
      const text = auto('.include credentials', '[ dn ]', 'CN = c', '[ ext ]', 'basicConstraints = CA:FALSE');
      const raw = rawMessages(text, options());
      assertHidden('raw messages', raw);
      const validation = checkOpensslConfig(text, options());
      assertHidden('findings', validation.findings);
      assertHidden('form', readRequestForm(validation));
      const first = validation.findings.find((f) => f.code === 'missing-equal-sign');
      assert.strictEqual(first?.message, "line 1 of credentials: no '=' on the line (OpenSSL expects name = value)");
      assert.strictEqual(first?.line, 5, 'on the .include line');
      assert.deepStrictEqual([first?.data?.file, first?.data?.fileLine], ['credentials', 1]);
      assert.ok(
        validation.findings.some(
          (f) => f.code === 'undefined-variable' && f.message.startsWith('line 4 of credentials: '),
        ),
      );
    });

    it('a file that defines fields, SANs and variables: used, shown as "from FILE"', () => {
      const text = lines('.include fields.cnf') + auto('[ dn ]', 'L = ${vars::v}', '[ ext ]', 'subjectAltName = @alt');
      const raw = rawMessages(text, options());
      assertHidden('raw messages', raw);
      const validation = checkOpensslConfig(text, options());
      const { request } = validation;
      assert.deepStrictEqual(
        request.subject.map((a) => [a.type, a.value]),
        [
          ['O', FILE_SECRET],
          ['OU', 'Unit'],
          ['CN', `${FILE_SECRET.toLowerCase()}.example`],
          ['L', FILE_SECRET],
        ],
      );
      assert.deepStrictEqual(
        request.subject.map((a) => a.shown),
        Array(4).fill('‹from fields.cnf›'),
      );
      assertHidden('findings', validation.findings);
      assert.ok(
        validation.findings.some(
          (f) =>
            f.code === 'san-bad-ip' &&
            f.message === 'line 7 of fields.cnf: an IP address OpenSSL cannot read, or reads leniently',
        ),
      );
      const form = readRequestForm(validation);
      assertHidden('form', form);
      assert.deepStrictEqual(
        form.fields.map((f) => [f.id, f.type, f.value]),
        [
          ['included:1', 'O', '‹from fields.cnf›'],
          ['included:2', 'OU', '‹from fields.cnf›'],
          ['included:3', 'CN', '‹from fields.cnf›'],
          ['L', 'L', '‹from fields.cnf›'],
        ],
      );
      assert.ok(form.fields.every((f) => f.readOnly));
    });

    it('a section only an included file names: named by the file in messages about the main text', () => {
      const text = lines(
        '[ req ]',
        'distinguished_name = dn',
        '.include section.cnf',
        'a = 1',
        'a = 2',
        'b_default = 1',
        '[ dn ]',
        'CN = c',
        'CN_default = c',
      );
      const validation = checkOpensslConfig(text, options());
      const duplicate = validation.findings.find((f) => f.code === 'duplicate-key' && f.line === 5);
      assert.match(duplicate?.message ?? '', /^a is already set in the section ‹from section\.cnf› \(line 4\)/);
      assertHidden('raw messages', rawMessages(text, options()));
      assertHidden(
        'messages',
        validation.findings.map((f) => f.message),
      );
      assertHidden('form', readRequestForm(validation));
    });

    it('an include path from the environment is named by its variable', () => {
      fs.mkdirSync(path.join(dir, SECRET), { recursive: true });
      fs.writeFileSync(
        path.join(dir, SECRET, 'x.cnf'),
        lines('[ dn ]', 'CN = $ENV::MTLS_SECRET', 'OU = bad_$ENV::MTLS_SECRET'),
      );
      const text = auto(
        '.include $ENV::MTLS_SECRET/x.cnf',
        '.include $ENV::MTLS_SECRET/missing.cnf',
        '[ dn ]',
        'O = Org',
        '[ ext ]',
        'basicConstraints = CA:FALSE',
      );
      const validation = checkOpensslConfig(text, options());
      assert.strictEqual(
        validation.config.directives[0].kind === 'include' && validation.config.directives[0].pathLabel,
        '‹ENV::MTLS_SECRET›/x.cnf',
      );
      assert.strictEqual(validation.request.subject.find((a) => a.type === 'CN')?.value, SECRET);
      assertHidden('findings', validation.findings);
      assertHidden('form', readRequestForm(validation));
      assert.ok(
        validation.findings.some(
          (f) =>
            f.code === 'include-not-found' && f.message.includes('"‹ENV::MTLS_SECRET›/missing.cnf" does not exist'),
        ),
      );
    });
  });

  describe('hover', () => {
    const text =
      lines('a = $ENV::MTLS_SECRET', 'b = $a', 'c = x-${b}-y') +
      auto('[ dn ]', 'CN = $c', '[ ext ]', 'basicConstraints = CA:FALSE');
    const validation = checkOpensslConfig(text, { env: ENV });
    const hover = (line: number, column: number) => {
      const lineText = text.split('\n')[line - 1];
      return configHoverText(validation.config, validation.request, lineText, line, column, ENV);
    };

    it("shows where a variable's value comes from at any depth, never the value", () => {
      const onB = hover(2, 6);
      assert.match(onB?.markdown ?? '', /`a` = `‹from the environment: ENV::MTLS_SECRET›`/);
      const onC = hover(3, 10);
      assert.match(onC?.markdown ?? '', /`b` = `‹from the environment: ENV::MTLS_SECRET›`/);
      const onCn = hover(9, 7);
      assert.match(onCn?.markdown ?? '', /`c` = `x-‹from the environment: ENV::MTLS_SECRET›-y`/);
      const onEnv = hover(1, 8);
      assert.match(onEnv?.markdown ?? '', /set in the environment \(its value is not shown\)/);
      for (let line = 1; line <= 10; line++) {
        const lineText = text.split('\n')[line - 1] ?? '';
        for (let column = 1; column <= lineText.length + 1; column++)
          assertHidden(`hover at ${line}:${column}`, hover(line, column));
      }
    });

    it('still shows main-text values as openssl reads them', () => {
      const plain = checkOpensslConfig(lines('a = plain') + auto('[ dn ]', 'CN = x-$a'));
      const lineText = 'CN = x-$a';
      assert.match(
        configHoverText(plain.config, plain.request, lineText, 7, 3)?.markdown ?? '',
        /Value as openssl reads it: `x-plain`/,
      );
    });
  });

  describe('comparison findings', () => {
    const old: CertificateInfo = {
      kind: 'certificate',
      path: '/certs/old.crt',
      index: 0,
      subject: [
        { type: 'O', value: 'Org' },
        { type: 'OU', value: 'Unit' },
        { type: 'CN', value: 'c.example' },
      ],
      issuer: [],
      subjectAltNames: [{ type: 'DNS', value: 'kept.example.com' }],
      notBefore: '2025-01-01T00:00:00Z',
      notAfter: '2026-01-01T00:00:00Z',
      serialNumber: '01',
      fingerprintSha256: 'AA',
      selfSigned: false,
      isCA: false,
      line: 1,
      pem: '',
      publicKeySha256: '00',
      keyType: 'RSA',
      keyBits: 2048,
    };

    it('compares the real values and quotes only where they come from', () => {
      const text =
        lines('x = $ENV::MTLS_SECRET', 'y = $x') +
        auto(
          '[ dn ]',
          'O = Org',
          'OU = $y',
          'CN = c.example',
          'L = $x',
          '[ ext ]',
          'subjectAltName = DNS:$y.example.com, DNS:kept.example.com',
        );
      const facts = requestFactsFromConfig(checkOpensslConfig(text, { env: ENV }));
      const findings = compareRequest(old, facts);
      assert.deepStrictEqual(findings.map((f) => `${f.code}:${f.attribute ?? f.san?.type}`).sort(), [
        'san-added:DNS',
        'subject-mismatch:L',
        'subject-mismatch:OU',
      ]);
      assertHidden('comparison findings', findings);
      assert.ok(
        findings.every((f) => f.message.includes(ENV_PLACEHOLDER)),
        JSON.stringify(findings),
      );
      // The same value from the main text compares equal: the comparison used the real value.
      const same = requestFactsFromConfig(
        checkOpensslConfig(
          lines('x = $ENV::MTLS_SECRET') +
            auto('[ dn ]', 'O = Org', 'OU = Unit', 'CN = $x', '[ ext ]', 'subjectAltName = DNS:kept.example.com'),
          { env: ENV },
        ),
      );
      const withSecretCn = { ...old, subject: [...old.subject.slice(0, 2), { type: 'CN', value: SECRET }] };
      assert.deepStrictEqual(compareRequest(withSecretCn, same), []);
    });
  });

  describe('config-subject', () => {
    it("prints hidden values by origin, marked redacted, and its diagnostics like the editor's", async () => {
      const dir = tempDir('mtls-secret-cli-');
      try {
        fs.writeFileSync(
          path.join(dir, 'r.cnf'),
          lines('x = $ENV::MTLS_SECRET') +
            auto('[ dn ]', 'O = Org', 'OU = Unit', 'CN = $x', '[ ext ]', 'subjectAltName = DNS:ok.example.com, IP:$x'),
        );
        for (const json of [true, false]) {
          let stdout = '';
          const code = await main(['config-subject', 'r.cnf', ...(json ? ['--json'] : [])], {
            stdout: (s) => (stdout += s),
            stderr: () => undefined,
            cwd: dir,
            env: ENV,
          });
          assert.strictEqual(code, 1);
          assertHidden('config-subject output', stdout);
          if (json) {
            const document = JSON.parse(stdout);
            assert.deepStrictEqual(document.subject, [
              { type: 'O', value: 'Org' },
              { type: 'OU', value: 'Unit' },
              { type: 'CN', value: ENV_PLACEHOLDER, redacted: true },
            ]);
            assert.ok(
              document.diagnostics.some(
                (d: { code: string; message: string }) =>
                  d.code === 'san-bad-ip' && d.message.includes(ENV_PLACEHOLDER),
              ),
            );
          } else {
            assert.match(stdout, new RegExp(`CN {2}${ENV_PLACEHOLDER}`));
          }
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('generate', () => {
    it('puts the real values into the CSR, byte for byte what openssl req makes', async () => {
      const dir = tempDir('mtls-secret-gen-');
      try {
        fs.writeFileSync(path.join(dir, 'vars.cnf'), lines('[ vars ]', 'fromfile = f1l3-value'));
        const text =
          lines('a = $ENV::MTLS_SECRET', 'b = $a', 'c = $b', '.include vars.cnf') +
          auto(
            '[ dn ]',
            'O = Org',
            'OU = ${vars::fromfile}',
            'CN = host-${c}.example.com',
            '[ ext ]',
            'subjectAltName = @alt',
            '[ alt ]',
            'DNS.1 = $c.example.com',
            'DNS.2 = plain.example.com',
          );
        fs.writeFileSync(path.join(dir, 'request.cnf'), text);
        const result = await generateKeyAndCsr(text, { configPath: 'request.cnf', cwd: dir, env: ENV });
        const key = path.join(dir, 'new.key');
        const csr = path.join(dir, 'new.csr');
        await writeKeyAndCsr(key, csr, result.keyPem, result.csrPem);
        const env = { PATH: process.env.PATH, ...ENV };
        const subject = spawnSync('openssl', ['req', '-in', csr, '-noout', '-subject'], { encoding: 'utf8', env });
        assert.strictEqual(subject.stdout.trim(), `subject=O = Org, OU = f1l3-value, CN = host-${SECRET}.example.com`);
        const textual = spawnSync('openssl', ['req', '-in', csr, '-noout', '-text'], { encoding: 'utf8', env });
        assert.match(textual.stdout, new RegExp(`DNS:${SECRET}\\.example\\.com, DNS:plain\\.example\\.com`));
        const reference = path.join(dir, 'openssl.csr');
        const made = spawnSync(
          'openssl',
          ['req', '-new', '-batch', '-config', 'request.cnf', '-key', key, '-out', reference],
          { cwd: dir, encoding: 'utf8', env },
        );
        assert.strictEqual(made.status, 0, made.stderr);
        assert.strictEqual(result.csrPem, fs.readFileSync(reference, 'utf8'), 'byte for byte');
        // What generate reports about the request is shown by origin.
        assertHidden(
          'generate result as shown',
          result.request.subject.map((a) => a.shown ?? a.value),
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
