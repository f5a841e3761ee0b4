// End to end with new keys: every key passes `openssl rsa -check`, every CSR verifies, and its subject, SANs and
// string types are what `openssl req -new -config SAME -key OUR_KEY -batch` makes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CoreError, isCoreError } from '../../../src/core/errors';
import { generateKeyAndCsr } from '../../../src/core/generate/generateKeyAndCsr';
import { KeyPregenerator } from '../../../src/core/generate/keyPregenerator';
import { writeKeyAndCsr } from '../../../src/core/generate/writeNewFiles';
import { cryptoFixtures, opensslSpkiSha256, scratchDir } from '../../support/cryptoFixtures';
import {
  csrVerifies,
  rsaKeyChecks,
  runOpenssl,
  stringTypes,
  subjectAltNameText,
  subjectReadings,
} from './support/opensslCsr';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/opensslConfig');
const lines = (...l: string[]) => `${l.join('\n')}\n`;
const auto = (...rest: string[]) => lines('[ req ]', 'prompt = no', 'distinguished_name = dn', ...rest);

interface Case {
  name: string;
  /** Config text, or `fixture:NAME` (the fixture directory is copied and is openssl's working directory). */
  config: string;
}

const CASES: Case[] = [
  {
    name: 'program A: prompt = no, @alt_names with IPv6, keyUsage, extendedKeyUsage, basicConstraints',
    config: 'fixture:program-a-openssl.cnf',
  },
  {
    name: 'program B: prompted _default values, N. prefixes, variables, inline SANs (sha384 for openssl)',
    config: 'fixture:program-b-prompted.cnf',
  },
  {
    name: 'program C: .include of a shared file, critical SAN section, IPv4-mapped IPv6',
    config: 'fixture:program-c-include.cnf',
  },
  { name: 'program D: .include of a directory', config: 'fixture:program-d-directory.cnf' },
  {
    name: 'inline SANs of every common type',
    config: auto(
      'req_extensions = ext',
      '[ dn ]',
      'O = Example',
      'OU = Payments',
      'CN = client.example.com',
      '[ ext ]',
      'subjectAltName = DNS:a.example.com, IP:192.0.2.1, IP:2001:db8::1, email:a@example.com, URI:https://example.com/x',
    ),
  },
  {
    name: 'UTF-8 subject with utf8 = yes',
    config: auto(
      'utf8 = yes',
      'req_extensions = ext',
      '[ dn ]',
      'C = DE',
      'O = Zürich Ödön GmbH',
      'OU = 日本 支払い',
      'CN = Müller 😀',
      '[ ext ]',
      'subjectAltName = @alt',
      '[ alt ]',
      'DNS.1 = m.example',
      'IP.1 = fe80::1:0:0:2',
    ),
  },
  {
    name: 'N. prefixes repeat OU and DC (prompt = no)',
    config: auto(
      '[ dn ]',
      '0.DC = com',
      '1.DC = example',
      'O = Example',
      '0.OU = first unit',
      '1.OU = second unit',
      '2.OU = third',
      'CN = repeated.example.com',
    ),
  },
  {
    name: 'multi-valued RDN with +',
    config: auto('[ dn ]', 'O = org', 'UID = zz', '+CN = aa', '+DC = dc', 'OU = after'),
  },
  {
    name: 'string_mask default: PrintableString, T61String and BMPString',
    config: auto('utf8 = yes', 'string_mask = default', '[ dn ]', 'CN = plain', 'O = Müller', 'OU = 日本', 'L = a_b'),
  },
  {
    name: 'email:move takes emailAddress out of the subject',
    config: auto(
      'req_extensions = ext',
      '[ dn ]',
      'CN = x',
      'emailAddress = moved@example.com',
      '[ ext ]',
      'subjectAltName = DNS:x.example.com, email:move',
    ),
  },
  {
    name: 'prompted: _value wins over _default, _value = . skips',
    config: lines(
      '[ req ]',
      'distinguished_name = dn',
      '[ dn ]',
      'CN = n',
      'CN_default = fromdefault',
      'CN_value = fromvalue',
      'O = o',
      'O_default = kept?',
      'O_value = .',
      'OU = u',
      'OU_default = Unit',
    ),
  },
  {
    name: 'critical SAN section with IP.office and a bare DNS',
    config: auto(
      'req_extensions = ext',
      '[ dn ]',
      'CN = c',
      '[ ext ]',
      'subjectAltName = critical,@alt',
      'keyUsage = critical, digitalSignature',
      'extendedKeyUsage = clientAuth',
      '[ alt ]',
      'DNS.1 = one.example.com',
      'DNS.2 = two.example.com',
      'IP.1 = 10.0.0.1',
      'DNS = bare',
      'IP.office = 0:0:0:0:0:0:0:1',
    ),
  },
  {
    name: 'non-ASCII without utf8 = yes is double-encoded, as openssl does',
    config: auto('[ dn ]', 'CN = Müller', 'O = ÄÖÜ GmbH'),
  },
  {
    name: 'quotes, escapes, # and $ in values',
    config:
      lines('x = V') + auto('[ dn ]', 'CN = "  a # b  "', 'O = x"y z"w', 'OU = a\\tb\\\\c\\"d\\#e', 'L = "$x" $x'),
  },
];

async function expectCoreError(promise: Promise<unknown>, code: string, message?: RegExp): Promise<CoreError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isCoreError(error), String(error));
    assert.strictEqual(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return error;
  }
  assert.fail(`expected CoreError ${code}`);
}

describe('generateKeyAndCsr', function () {
  this.timeout(120_000);
  const seenKeys = new Set<string>();

  before(() => {
    const f = cryptoFixtures();
    for (const key of [f.rsa.keyPath, f.renewalKey, f.expired.keyPath, f.ca.keyPath])
      seenKeys.add(opensslSpkiSha256(key, 'key'));
  });

  /**
   * Writes the new pair as the extension does and holds it to openssl: an RSA-2048 key that checks, mode 0600, a
   * CSR that verifies, the same public key in both, a key no one had before; then openssl's own CSR from the same
   * config and key, for the caller to compare.
   */
  async function writeAndCheck(
    dir: string,
    configPath: string,
    result: Awaited<ReturnType<typeof generateKeyAndCsr>>,
  ): Promise<{ csr: string; reference: string }> {
    const key = path.join(dir, 'new.key');
    const csr = path.join(dir, 'new.csr');
    await writeKeyAndCsr(key, csr, result.keyPem, result.csrPem);
    assert.deepStrictEqual(rsaKeyChecks(key), { ok: true, bits: 2048 });
    assert.strictEqual(fs.statSync(key).mode & 0o777, 0o600);
    assert.ok(csrVerifies(csr), 'openssl req -verify');
    const spki = opensslSpkiSha256(key, 'key');
    assert.strictEqual(result.publicKeySha256, spki);
    assert.strictEqual(opensslSpkiSha256(csr, 'csr'), spki);
    assert.ok(!seenKeys.has(spki), 'the key is new');
    seenKeys.add(spki);
    const reference = path.join(dir, 'openssl.csr');
    const made = runOpenssl(['req', '-new', '-batch', '-config', configPath, '-key', key, '-out', reference], dir);
    assert.strictEqual(made.code, 0, made.stderr);
    return { csr, reference };
  }

  it(`covers at least 10 configs (${CASES.length})`, () => assert.ok(CASES.length >= 10));

  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const dir = scratchDir('gen-');
      let configPath = 'request.cnf';
      if (testCase.config.startsWith('fixture:')) {
        fs.cpSync(FIXTURES, dir, { recursive: true });
        configPath = testCase.config.slice('fixture:'.length);
      } else {
        fs.writeFileSync(path.join(dir, configPath), testCase.config);
      }
      const text = fs.readFileSync(path.join(dir, configPath), 'utf8');
      const result = await generateKeyAndCsr(text, { configPath, cwd: dir, env: {} });
      const { csr, reference } = await writeAndCheck(dir, configPath, result);
      assert.deepStrictEqual(subjectReadings('req', csr), subjectReadings('req', reference));
      assert.strictEqual(subjectAltNameText('req', csr), subjectAltNameText('req', reference));
      assert.deepStrictEqual(stringTypes(csr), stringTypes(reference));
      if (!/default_md\s*=\s*sha384/.test(text)) {
        assert.strictEqual(result.csrPem, fs.readFileSync(reference, 'utf8'), 'byte for byte');
      }
    });
  }

  it('makes the same files from a key prepared ahead, and a refused config leaves the key held', async () => {
    const dir = scratchDir('gen-ahead-');
    fs.cpSync(FIXTURES, dir, { recursive: true });
    const configPath = 'program-a-openssl.cnf';
    const text = fs.readFileSync(path.join(dir, configPath), 'utf8');
    const keys = new KeyPregenerator();
    keys.prepare(2048);
    await keys.whenSettled();
    await expectCoreError(generateKeyAndCsr(auto('[ dn ]', 'CN = $nope'), { keySource: keys }), 'config-has-errors');
    assert.deepStrictEqual(keys.holding(), { bits: 2048, ready: true });

    const result = await generateKeyAndCsr(text, { configPath, cwd: dir, env: {}, keySource: keys });
    assert.strictEqual(result.keyPreparedAhead, true);
    assert.strictEqual(keys.holding(), undefined);
    const { reference } = await writeAndCheck(dir, configPath, result);
    assert.strictEqual(result.csrPem, fs.readFileSync(reference, 'utf8'), 'byte for byte');

    // Taken once: the next request gets a key of its own, generated now, at the size the config asks.
    const next = await generateKeyAndCsr(auto('default_bits = 3072', '[ dn ]', 'CN = next.example'), {
      keySource: keys,
    });
    assert.strictEqual(next.keyPreparedAhead, false);
    assert.strictEqual(next.bits, 3072);
    assert.notStrictEqual(next.publicKeySha256, result.publicKeySha256);
    assert.strictEqual((await generateKeyAndCsr(text, { configPath, cwd: dir, env: {} })).keyPreparedAhead, false);
  });

  it('takes default_bits from the config, and the option over it', async () => {
    const text = auto('default_bits = 3072', '[ dn ]', 'CN = bits.example');
    const fromConfig = await generateKeyAndCsr(text);
    assert.strictEqual(fromConfig.bits, 3072);
    const dir = scratchDir('bits-');
    await writeKeyAndCsr(path.join(dir, 'k'), path.join(dir, 'c'), fromConfig.keyPem, fromConfig.csrPem);
    assert.deepStrictEqual(rsaKeyChecks(path.join(dir, 'k')), { ok: true, bits: 3072 });
    assert.strictEqual((await generateKeyAndCsr(text, { bits: 2048 })).bits, 2048);
  });

  it('refuses keys under 2048 bits, from the option or from default_bits', async () => {
    await expectCoreError(generateKeyAndCsr(auto('[ dn ]', 'CN = x'), { bits: 1024 }), 'weak-key-size', /1024/);
    await expectCoreError(
      generateKeyAndCsr(auto('default_bits = 1024', '[ dn ]', 'CN = x')),
      'weak-key-size',
      /default_bits = 1024/,
    );
    await expectCoreError(generateKeyAndCsr(auto('[ dn ]', 'CN = x'), { bits: 8192 }), 'unsupported-key-size');
    // The option may lift a weak default_bits.
    assert.strictEqual(
      (await generateKeyAndCsr(auto('default_bits = 1024', '[ dn ]', 'CN = x'), { bits: 2048 })).bits,
      2048,
    );
  });

  it('refuses a config openssl would refuse, naming the first error and its line', async () => {
    const text = auto('req_extensions = ext', '[ dn ]', 'CN = x', 'O = $nope', '[ ext ]', 'subjectAltName = IP:10.0.1');
    const error = await expectCoreError(
      generateKeyAndCsr(text, { configPath: 'broken.cnf' }),
      'config-has-errors',
      /^openssl req would refuse the config: broken\.cnf:7: .*\[undefined-variable\]/,
    );
    assert.strictEqual(error.line, 7);
    await expectCoreError(
      generateKeyAndCsr(auto('[ dn ]', 'CN = x'), { section: 'nosuch' }),
      'config-has-errors',
      /missing-distinguished-name/,
    );
  });

  it('refuses extensions it does not build rather than approximating them', async () => {
    const text = auto(
      'req_extensions = ext',
      '[ dn ]',
      'CN = x',
      '[ ext ]',
      'subjectAltName = otherName:1.3.6.1.4.1.311.20.2.3;UTF8:user@example.com',
    );
    await expectCoreError(generateKeyAndCsr(text), 'unsupported-extension', /otherName/);
    await expectCoreError(
      generateKeyAndCsr(
        auto(
          'req_extensions = ext',
          '[ dn ]',
          'CN = x',
          '[ ext ]',
          'crlDistributionPoints = URI:http://example.com/crl',
        ),
      ),
      'unsupported-extension',
      /crlDistributionPoints/,
    );
  });

  it('reads $ENV:: from the environment it is given', async () => {
    const result = await generateKeyAndCsr(auto('[ dn ]', 'CN = $ENV::MTLS_TEST_CN'), {
      env: { MTLS_TEST_CN: 'from-env.example' },
    });
    assert.deepStrictEqual(
      result.request.subject.map((a) => a.value),
      ['from-env.example'],
    );
  });

  it('stops when aborted, before or during generation', async () => {
    const text = auto('[ dn ]', 'CN = x');
    const before = new AbortController();
    before.abort();
    await expectCoreError(generateKeyAndCsr(text, { signal: before.signal }), 'aborted');
    const during = new AbortController();
    const pending = generateKeyAndCsr(text, { signal: during.signal, bits: 4096 });
    setImmediate(() => during.abort());
    await expectCoreError(pending, 'aborted');
  });
});
