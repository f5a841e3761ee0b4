// OpenSSL is the oracle: every config of the differential suite that openssl accepts is turned into a CSR by
// buildCsr and by `openssl req -new -batch -key K` with the same key. PKCS#1 v1.5 signatures are deterministic,
// so the two must be the same bytes; where openssl signs with another default_md the request info must be.
import * as assert from 'assert';
import { createPrivateKey, createPublicKey } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { readNode, children, encoded } from '../../../src/core/x509/der';
import { isCoreError } from '../../../src/core/errors';
import { buildCsr } from '../../../src/core/generate/buildCsr';
import { opensslConfigFileOptions } from '../../../src/core/opensslConfig/loadOpensslConfigFile';
import { checkOpensslConfig } from '../../../src/core/opensslConfig/validateOpensslConfig';
import { openssl, tempDir } from '../../support/openssl';
import { DifferentialCase, DIFFERENTIAL_CASES, withExt } from '../opensslConfig/differentialCases';
import { mapPool, runProcess } from '../opensslConfig/support/runPool';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/opensslConfig');

const lines = (...l: string[]) => `${l.join('\n')}\n`;

/** Corners of the encoder the differential suite does not reach. */
const EXTRA_CASES: DifferentialCase[] = [
  {
    name: 'every keyUsage bit, decipherOnly alone, nsCertType',
    config: withExt(
      'keyUsage = critical, digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, keyCertSign, cRLSign, encipherOnly, decipherOnly',
      'nsCertType = client, objCA',
      '1.2.3.9 = DER:30:00',
    ),
    expect: 'accept',
  },
  {
    name: 'keyUsage decipherOnly only; keyCertSign only',
    config: withExt('keyUsage = decipherOnly', 'nsCertType = sslCA'),
    expect: 'accept',
  },
  {
    name: 'basicConstraints CA:true with pathlen, critical',
    config: withExt('basicConstraints = critical, CA:TRUE, pathlen:3'),
    expect: 'accept',
  },
  {
    name: 'basicConstraints with a hex pathlen and CA:false',
    config: withExt('basicConstraints = CA:false, pathlen:0x80'),
    expect: 'accept',
  },
  {
    name: 'basicConstraints from a section',
    config: withExt('basicConstraints = @bc', '[ bc ]', 'CA = yes', 'pathlen = 300'),
    expect: 'accept',
  },
  {
    name: 'extendedKeyUsage in order, long names, OIDs, an oid_section name',
    config:
      lines('oid_section = oids', '[ oids ]', 'myUsage = 1.3.6.1.4.1.55555.7') +
      withExt(
        'extendedKeyUsage = critical, 1.3.6.1.5.5.7.3.2, TLS Web Server Authentication, myUsage, codeSigning, 2.25.329800735698586629295641978511506172918',
      ),
    expect: 'accept',
  },
  {
    name: 'subjectKeyIdentifier none, Netscape strings',
    config: withExt(
      'subjectKeyIdentifier = none',
      'nsBaseUrl = https://example.com/',
      'nsSslServerName = a.example',
      'nsComment = ünï',
    ),
    expect: 'accept',
  },
  {
    name: 'ASN1: IA5STRING and PRINTABLESTRING, critical, commas kept',
    config: withExt(
      '1.2.3.4.7 = ASN1:IA5STRING:a,b c',
      '1.2.3.4.8 = critical,ASN1:PRINTABLE:Hello (World)',
      '1.2.3.4.9 = ASN1:UTF8:x',
    ),
    expect: 'accept',
  },
  {
    name: 'UUID OIDs (arcs beyond 32 bits) as DN field, extension and RID',
    config: lines(
      '[ req ]',
      'prompt = no',
      'distinguished_name = dn',
      'req_extensions = ext',
      '[ dn ]',
      'CN = x',
      '0.2.25.329800735698586629295641978511506172918 = uuid field',
      '[ ext ]',
      '2.25.1234567890123456789 = DER:05:00',
      'subjectAltName = RID:2.25.4294967296, DNS:x.example',
    ),
    expect: 'accept',
  },
  {
    name: 'email:copy with no emailAddress leaves an empty SAN list',
    config: withExt('subjectAltName = email:copy'),
    expect: 'accept',
  },
  {
    name: 'multi-valued RDN of one type, sorted by encoding',
    config: lines(
      '[ req ]',
      'prompt = no',
      'distinguished_name = dn',
      '[ dn ]',
      'OU = zzz',
      '+OU = aa',
      '+OU = b',
      '+CN = Z',
      'O = after',
    ),
    expect: 'accept',
  },
  {
    name: 'attributes: UTF-8, BMP under string_mask default, byte-read without utf8',
    config: lines(
      '[ req ]',
      'prompt = no',
      'utf8 = yes',
      'string_mask = default',
      'distinguished_name = dn',
      'attributes = attrs',
      '[ dn ]',
      'CN = 日本',
      '[ attrs ]',
      'challengePassword = pässword',
      'unstructuredName = 日本語',
      'unstructuredAddress = plain',
    ),
    expect: 'accept',
  },
  {
    name: 'attributes without utf8 = yes (bytes as characters) next to extensions',
    config: lines(
      '[ req ]',
      'prompt = no',
      'distinguished_name = dn',
      'attributes = attrs',
      'req_extensions = ext',
      '[ dn ]',
      'CN = Müller',
      '[ attrs ]',
      'challengePassword = Müller',
      '[ ext ]',
      'subjectAltName = DNS:a.example',
    ),
    expect: 'accept',
  },
  {
    name: 'Latin-1 values under string_mask default become T61String',
    config: lines(
      '[ req ]',
      'prompt = no',
      'utf8 = yes',
      'string_mask = default',
      'distinguished_name = dn',
      '[ dn ]',
      'CN = Grüße',
      'O = plain',
      'emailAddress = a@b.example',
      'C = DE',
    ),
    expect: 'accept',
  },
];

/**
 * Configs whose extensions buildCsr refuses rather than approximates, with the reason. Everything else openssl
 * accepts must come out byte for byte.
 */
const REFUSED: Record<string, RegExp> = {
  'dirName, RID and otherName SANs': /dirName names are not built here/,
  'issuerAltName email:copy is a literal name there': /issuerAltName is not built here/,
};

interface Outcome {
  name: string;
  opensslDer?: Buffer;
  opensslError?: string;
  configText: string;
  ours?: Buffer;
  refused?: string;
}

/** The AlgorithmIdentifier sha256WithRSAEncryption with NULL parameters, as openssl writes it. */
const SHA256_WITH_RSA = '300d06092a864886f70d01010b0500';

function requestInfo(der: Buffer): Buffer {
  return encoded(children(readNode(der))[0]);
}

function signatureAlgorithm(der: Buffer): Buffer {
  return encoded(children(readNode(der))[1]);
}

describe('buildCsr: byte for byte what openssl req makes with the same key', function () {
  this.timeout(180_000);
  let root: string;
  let outcomes: Outcome[] = [];
  const accepted = [...DIFFERENTIAL_CASES.filter((c) => c.expect === 'accept'), ...EXTRA_CASES];

  before(async () => {
    root = tempDir('mtls-build-csr-');
    const keyPath = path.join(root, 'key.pem');
    openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyPath]);
    const privateKey = createPrivateKey(fs.readFileSync(keyPath));
    const publicKeyDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    outcomes = await mapPool(accepted, 4, async (testCase, index) => {
      const dir = path.join(root, `case-${index}`);
      fs.mkdirSync(dir, { recursive: true });
      let configPath = 'request.cnf';
      if (testCase.config.startsWith('fixture:')) {
        fs.cpSync(FIXTURES, dir, { recursive: true });
        configPath = testCase.config.slice('fixture:'.length);
      } else {
        fs.writeFileSync(path.join(dir, configPath), testCase.config);
      }
      for (const [name, content] of Object.entries(testCase.files ?? {})) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), content);
      }
      const result = await runProcess(
        'openssl',
        ['req', '-new', '-batch', '-config', configPath, '-key', keyPath, '-outform', 'DER', '-out', 'openssl.der'],
        { cwd: dir, env: { PATH: process.env.PATH, ...testCase.env } },
      );
      const outcome: Outcome = { name: testCase.name, configText: fs.readFileSync(path.join(dir, configPath), 'utf8') };
      if (result.code === 0) outcome.opensslDer = fs.readFileSync(path.join(dir, 'openssl.der'));
      else outcome.opensslError = result.stderr;
      const { config, request } = checkOpensslConfig(
        outcome.configText,
        opensslConfigFileOptions(configPath, dir, { ...testCase.env }),
      );
      try {
        outcome.ours = buildCsr({ config, request, privateKey, publicKeyDer }).der;
      } catch (error) {
        if (!isCoreError(error) || error.code !== 'unsupported-extension') throw error;
        outcome.refused = error.message;
      }
      return outcome;
    });
  });

  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('covers every config openssl accepts in the differential suite (at least 80), and more', () => {
    assert.ok(accepted.length >= 80 + EXTRA_CASES.length, String(accepted.length));
  });

  accepted.forEach((testCase, index) => {
    it(testCase.name, () => {
      const outcome = outcomes[index];
      assert.ok(outcome.opensslDer, `openssl failed: ${outcome.opensslError}`);
      const expected = REFUSED[testCase.name];
      if (expected) {
        assert.match(outcome.refused ?? '(built)', expected);
        return;
      }
      assert.strictEqual(outcome.refused, undefined, outcome.refused);
      const ours = outcome.ours as Buffer;
      const theirs = outcome.opensslDer as Buffer;
      assert.strictEqual(
        requestInfo(ours).toString('hex'),
        requestInfo(theirs).toString('hex'),
        'CertificationRequestInfo',
      );
      if (signatureAlgorithm(theirs).equals(signatureAlgorithm(ours))) {
        assert.ok(ours.equals(theirs), 'the whole CSR');
      } else {
        // openssl signed with the config's default_md; buildCsr always signs SHA-256.
        assert.match(outcome.configText, /default_md\s*=\s*(?!sha256)/i);
        assert.strictEqual(signatureAlgorithm(ours).toString('hex'), SHA256_WITH_RSA);
      }
    });
  });
});
