import * as assert from 'assert';
import { parseOpensslConfig } from '../../../src/core/opensslConfig/parseOpensslConfig';
import { requestFromConfig } from '../../../src/core/opensslConfig/requestFromConfig';
import { checkOpensslConfig, validateOpensslConfig } from '../../../src/core/opensslConfig/validateOpensslConfig';

const text = (...lines: string[]) => lines.join('\n') + '\n';
const good = (...dn: string[]) => text('[ req ]', 'prompt = no', 'distinguished_name = dn', '[ dn ]', ...dn);

function codes(source: string, options = {}) {
  return validateOpensslConfig(source, options).map((f) => `${f.severity}:${f.code}@${f.line}:${f.column}`);
}

describe('requestFromConfig', () => {
  it('computes the subject, SANs, extensions and settings of a request', () => {
    const config = parseOpensslConfig(
      text(
        '[ req ]',
        'prompt = no',
        'distinguished_name = dn',
        'req_extensions = ext',
        'default_bits = 2048',
        'default_md = sha256',
        'default_keyfile = k.pem',
        'encrypt_key = no',
        'string_mask = utf8only',
        'utf8 = yes',
        '[ dn ]',
        'O = Example',
        'OU = Payments',
        'CN = client.example.com',
        '[ ext ]',
        'keyUsage = critical,digitalSignature',
        'subjectAltName = DNS:client.example.com, IP:2001:DB8:0::1',
      ),
    );
    const request = requestFromConfig(config);
    assert.strictEqual(request.ok, true);
    assert.deepStrictEqual(
      request.subject.map((a) => [a.type, a.value, a.oid, a.stringType, a.rdn, a.field]),
      [
        ['O', 'Example', '2.5.4.10', 'UTF8STRING', 0, 'O'],
        ['OU', 'Payments', '2.5.4.11', 'UTF8STRING', 1, 'OU'],
        ['CN', 'client.example.com', '2.5.4.3', 'UTF8STRING', 2, 'CN'],
      ],
    );
    assert.deepStrictEqual(
      request.subjectAltNames.map((s) => [s.type, s.value]),
      [
        ['DNS', 'client.example.com'],
        ['IP', '2001:db8::1'],
      ],
    );
    assert.deepStrictEqual(request.subjectAltNames[1].source, { line: 17, column: 42, endLine: 17, endColumn: 58 });
    assert.deepStrictEqual(
      request.extensions.map((e) => [e.name, e.oid, e.critical, e.value]),
      [
        ['keyUsage', '2.5.29.15', true, 'digitalSignature'],
        ['subjectAltName', '2.5.29.17', false, 'DNS:client.example.com, IP:2001:DB8:0::1'],
      ],
    );
    assert.deepStrictEqual(
      [
        request.defaultBits,
        request.defaultMd,
        request.defaultKeyfile,
        request.encryptKey,
        request.stringMask,
        request.utf8,
        request.promptNo,
      ],
      [2048, 'sha256', 'k.pem', false, 'utf8only', true, true],
    );
    assert.deepStrictEqual(request.subject[2].source, { line: 14, column: 6, endLine: 14, endColumn: 24 });
  });

  it('takes the _default values when prompting under -batch', () => {
    const request = requestFromConfig(
      parseOpensslConfig(
        text(
          '[ req ]',
          'distinguished_name = dn',
          '[ dn ]',
          'CN = Common Name',
          'CN_default = x.example.com',
          'O = Org',
        ),
      ),
    );
    assert.strictEqual(request.promptNo, false);
    assert.deepStrictEqual(
      request.subject.map((a) => `${a.type}=${a.value}`),
      ['CN=x.example.com'],
    );
    assert.deepStrictEqual(
      request.subject[0].source,
      { line: 5, column: 14, endLine: 5, endColumn: 27 },
      'the value comes from the _default line',
    );
  });

  it('double-encodes non-ASCII text without utf8 = yes, as openssl does', () => {
    const request = requestFromConfig(parseOpensslConfig(good('CN = Müller')));
    assert.strictEqual(request.subject[0].value, 'MÃ¼ller');
    assert.strictEqual(request.findings.find((f) => f.code === 'non-ascii-without-utf8')?.severity, 'warning');
  });

  it('uses the section given, as openssl req -section does', () => {
    const request = requestFromConfig(
      parseOpensslConfig(text('[ program_a ]', 'prompt = no', 'distinguished_name = dn', '[ dn ]', 'CN = a')),
      { section: 'program_a' },
    );
    assert.deepStrictEqual(
      request.subject.map((a) => a.value),
      ['a'],
    );
    assert.ok(!request.findings.some((f) => f.code === 'missing-req-section'));
  });
});

describe('validateOpensslConfig', () => {
  it('accepts the provider-conformant request config without findings', () => {
    assert.deepStrictEqual(codes(good('O = Example', 'OU = Payments', 'CN = client.example.com')), []);
  });

  it('reports a missing [req] section and distinguished_name', () => {
    assert.deepStrictEqual(codes(text('[ dn ]', 'CN = x')), [
      'warning:missing-req-section@1:1',
      'error:missing-distinguished-name@1:1',
    ]);
    assert.deepStrictEqual(codes(text('[ req ]', 'distinguished_name = nope')), [
      'error:distinguished-name-section-missing@2:22',
    ]);
  });

  it('reports sections that req_extensions or @section point to and do not exist', () => {
    const findings = validateOpensslConfig(
      text(
        '[ req ]',
        'prompt = no',
        'distinguished_name = dn',
        'req_extensions = v3_reqq',
        '[ dn ]',
        'O = o',
        'OU = u',
        'CN = c',
        '[ v3_req ]',
        'subjectAltName = @alt_namez',
        '[ alt_names ]',
        'DNS.1 = a',
      ),
    );
    assert.deepStrictEqual(
      findings.map((f) => [f.code, f.line, f.column, f.data?.suggestion]),
      [['extension-section-missing', 4, 18, 'v3_req']],
    );
    const second = validateOpensslConfig(
      text(
        '[ req ]',
        'prompt = no',
        'distinguished_name = dn',
        'req_extensions = v3_req',
        '[ dn ]',
        'O = o',
        'OU = u',
        'CN = c',
        '[ v3_req ]',
        'subjectAltName = @alt_namez',
        '[ alt_names ]',
        'DNS.1 = a',
      ),
    );
    assert.deepStrictEqual(
      second.map((f) => [f.severity, f.code, f.line, f.column, f.endColumn, f.data?.suggestion]),
      [['error', 'san-section-missing', 10, 18, 28, 'alt_names']],
    );
  });

  it('names the closest field for an unknown DN field, in message and data', () => {
    const [finding] = validateOpensslConfig(good('O = o', 'OU = u', 'CN = c', 'organisationName = x'));
    assert.strictEqual(finding.code, 'unknown-dn-field');
    assert.strictEqual(finding.severity, 'error');
    assert.strictEqual(finding.data?.suggestion, 'organizationName');
    assert.match(finding.message, /did you mean organizationName\?/);
    assert.deepStrictEqual([finding.line, finding.column, finding.endColumn], [8, 1, 17]);
    const prompted = validateOpensslConfig(
      text(
        '[ req ]',
        'distinguished_name = dn',
        '[ dn ]',
        'commonname = Name',
        'commonname_default = x',
        'CN = n',
        'CN_default = y',
      ),
    );
    assert.deepStrictEqual(
      prompted.filter((f) => f.code === 'unknown-dn-field').map((f) => [f.severity, f.data?.suggestion]),
      [['warning', 'commonName']],
    );
  });

  it('flags malformed SANs where they are', () => {
    const findings = validateOpensslConfig(
      text(
        '[ req ]',
        'prompt = no',
        'distinguished_name = dn',
        'req_extensions = ext',
        '[ dn ]',
        'O = o',
        'OU = u',
        'CN = c',
        '[ ext ]',
        'subjectAltName = dns:a.example, IP:10.0.0.300, IP:fe80::1%eth0, DNS:bad_name!, URI:relative, Email:x@y',
      ),
    );
    assert.deepStrictEqual(
      findings.map((f) => [f.severity, f.code, f.column, f.endColumn, f.data?.suggestion]),
      [
        ['error', 'san-unknown-type', 18, 21, 'DNS'],
        ['error', 'san-bad-ip', 36, 46, undefined],
        ['error', 'san-bad-ip', 51, 63, undefined],
        ['warning', 'san-bad-dns', 69, 78, undefined],
        ['warning', 'san-bad-uri', 84, 92, undefined],
        ['error', 'san-unknown-type', 94, 99, 'email'],
      ],
    );
  });

  it('flags SAN entries of a section on their own lines', () => {
    const findings = validateOpensslConfig(
      text(
        '[ req ]',
        'prompt = no',
        'distinguished_name = dn',
        'req_extensions = ext',
        '[ dn ]',
        'O = o',
        'OU = u',
        'CN = c',
        '[ ext ]',
        'subjectAltName = @alt',
        '[ alt ]',
        'DNS.1 = ok.example',
        'IP.1 = 1.2.3',
        'ip.2 = 10.0.0.1',
      ),
    );
    assert.deepStrictEqual(
      findings.map((f) => [f.code, f.line, f.column, f.data?.section, f.data?.name]),
      [
        ['san-bad-ip', 13, 8, 'alt', 'IP.1'],
        ['san-unknown-type', 14, 1, 'alt', 'ip.2'],
      ],
    );
  });

  it('reports an empty CN, as an error with prompt = no and a warning when prompting', () => {
    assert.deepStrictEqual(codes(good('O = o', 'OU = u', 'CN =')), ['error:empty-cn@7:5']);
    const prompted = codes(
      text(
        '[ req ]',
        'distinguished_name = dn',
        '[ dn ]',
        'O = Org',
        'O_default = o',
        'OU = Unit',
        'OU_default = u',
        'CN = Name',
        'CN_default =',
      ),
    );
    assert.deepStrictEqual(prompted, ['warning:provider-missing-cn@2:22', 'warning:empty-cn@9:1']);
  });

  it("warns about small default_bits and the provider's RSA-2048", () => {
    const findings = codes(
      text(
        '[ req ]',
        'prompt = no',
        'default_bits = 1024',
        'distinguished_name = dn',
        '[ dn ]',
        'O = o',
        'OU = u',
        'CN = c',
      ),
    );
    assert.deepStrictEqual(findings, ['warning:default-bits-too-small@3:16', 'warning:provider-key-size@3:16']);
    assert.deepStrictEqual(
      codes(
        text(
          '[ req ]',
          'prompt = no',
          'default_bits = 4096',
          'distinguished_name = dn',
          '[ dn ]',
          'O = o',
          'OU = u',
          'CN = c',
        ),
      ),
      ['warning:provider-key-size@3:16'],
    );
  });

  it("warns when O, OU or CN is missing (the provider's rules), unless asked not to", () => {
    assert.deepStrictEqual(codes(good('CN = c')), [
      'warning:provider-missing-o@3:22',
      'warning:provider-missing-ou@3:22',
    ]);
    assert.deepStrictEqual(codes(good('CN = c'), { providerRules: false }), []);
  });

  it('reports duplicate keys as warnings', () => {
    assert.deepStrictEqual(codes(good('O = o', 'OU = u', 'CN = c', 'O = again')), ['warning:duplicate-key@8:1']);
  });

  it('explains values openssl reads differently from what they look like', () => {
    const findings = codes(
      text(
        '[ req ]',
        'prompt = No',
        'utf8 = true',
        'distinguished_name = dn',
        '[ dn ]',
        'O = Org',
        'O_default = o',
        'OU = Unit',
        'OU_default = u',
        'CN = Name',
        'CN_default = c',
        'L_default = nowhere',
      ),
    );
    assert.deepStrictEqual(findings, [
      'warning:prompt-not-no@2:10',
      'warning:utf8-not-yes@3:8',
      'warning:default-without-field@12:1',
    ]);
  });

  it('reports settings openssl req fails on', () => {
    const findings = codes(
      text(
        '[ req ]',
        'prompt = no',
        'distinguished_name = dn',
        'default_md = sha265',
        'string_mask = utf8',
        '[ dn ]',
        'O = o',
        'OU = u',
        'CN = c',
      ),
    );
    assert.deepStrictEqual(findings, ['error:default-md-unknown@4:14', 'error:string-mask-invalid@5:15']);
  });

  it('reports extension values openssl rejects, with suggestions', () => {
    const findings = validateOpensslConfig(
      text(
        '[ req ]',
        'prompt = no',
        'distinguished_name = dn',
        'req_extensions = ext',
        '[ dn ]',
        'O = o',
        'OU = u',
        'CN = c',
        '[ ext ]',
        'keyUsage = digitalsignature',
        'extendedKeyUsage = clientauth',
        'basicConstraints = CA:True',
        'subjectKeyIdentifer = hash',
        'authorityKeyIdentifier = keyid',
      ),
    );
    assert.deepStrictEqual(
      findings.map((f) => [f.code, f.line, f.data?.suggestion]),
      [
        ['extension-value-invalid', 10, 'digitalSignature'],
        ['extension-value-invalid', 11, 'clientAuth'],
        ['extension-value-invalid', 12, undefined],
        ['unknown-extension', 13, 'subjectKeyIdentifier'],
        ['authority-key-identifier-in-request', 14, undefined],
      ],
    );
  });

  it('does not pile request errors on a value the reader could not expand', () => {
    const { findings, request } = checkOpensslConfig(good('O = $nothing', 'OU = u', 'CN = c'));
    assert.deepStrictEqual(
      findings.map((f) => f.code),
      ['undefined-variable'],
    );
    assert.strictEqual(request.ok, false);
  });

  it('validates a 2,000-line config without findings and with every SAN (npm run bench measures its speed)', () => {
    const lines = [
      '[ req ]',
      'prompt = no',
      'distinguished_name = dn',
      'req_extensions = ext',
      '[ dn ]',
      'O = o',
      'OU = u',
      'CN = c',
      '[ ext ]',
      'subjectAltName = @alt',
      '[ alt ]',
    ];
    for (let i = 0; lines.length < 2000; i++)
      lines.push(`DNS.${i} = host${i}.example.com # comment ${i}`, `IP.${i} = 10.${(i >> 8) & 255}.${i & 255}.1`);
    const { findings, request } = checkOpensslConfig(lines.join('\n'));
    assert.deepStrictEqual(
      findings.filter((f) => f.severity !== 'info'),
      [],
    );
    assert.strictEqual(request.subjectAltNames.length, lines.length - 11);
  });
});
