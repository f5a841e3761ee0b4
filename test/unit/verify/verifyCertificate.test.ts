import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { readCertificate } from '../../../src/core/x509/certificate';
import { readCsr } from '../../../src/core/x509/csr';
import { isCoreError } from '../../../src/core/errors';
import { toPem } from '../../../src/core/x509/pem';
import { VerifyCheck } from '../../../src/core/verify/verifyCheck';
import { verifyCertificate, VerifyInput, VerifyResult } from '../../../src/core/verify/verifyCertificate';
import { opensslSpkiSha256 } from '../../support/cryptoFixtures';
import { Ca, makeCa, makeCsr, makeKey, makeLeaf, openssl, signCsr, tempDir } from '../../support/openssl';
import { signIntermediate } from './support/signIntermediate';

const NOW = new Date('2025-02-01T00:00:00Z');
const SUBJECT = '/C=DE/O=Test Org/OU=Payments/CN=client.example';
const SANS = ['DNS:client.example', 'IP:10.0.0.1', 'IP:2001:DB8:0:0:0:0:0:1'];
const d = (iso: string) => new Date(iso);

interface OpensslRun {
  ok: boolean;
  /** Every `error N at D depth lookup: TEXT` line, as `N at D: TEXT`. */
  errors: string[];
}

/** `openssl verify`: its verdict (exit 0 and "OK"; 3.0 exits 2 on a failed verification) and every error line. */
function opensslVerify(
  bundle: string,
  cert: string,
  options: { noCheckTime?: boolean; at?: Date; untrusted?: string } = {},
): OpensslRun {
  const args = ['verify'];
  if (options.noCheckTime) args.push('-no_check_time');
  if (options.at) args.push('-attime', String(Math.floor(options.at.getTime() / 1000)));
  args.push('-CAfile', bundle);
  if (options.untrusted) args.push('-untrusted', options.untrusted);
  args.push(cert);
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  const errors = [...result.stderr.matchAll(/^error (\d+) at (\d+) depth lookup: (.*)$/gm)].map(
    (m) => `${m[1]} at ${m[2]}: ${m[3]}`,
  );
  return { ok: result.status === 0 && /: OK\s*$/.test(result.stdout), errors };
}

/** The chain check's errors in the same form, from its evidence. */
function chainErrors(check: VerifyCheck): string[] {
  if (!check.evidence.errors) return [];
  return check.evidence.errors
    .split('\n')
    .map((line) => line.replace(/^error (\d+) at depth (\d+): (.*) \(X509_V_ERR_\w+\)$/, '$1 at $2: $3'));
}

/**
 * A copy whose notBefore is tagged GeneralizedTime over UTCTime's digits: OpenSSL loads it (and prints "Bad time
 * value"), our reader refuses it, and its signature no longer verifies.
 */
function oddCopy(certPath: string, outPath: string): string {
  const der = Buffer.from(
    fs
      .readFileSync(certPath, 'utf8')
      .replace(/-----[^-]+-----/g, '')
      .replace(/\s+/g, ''),
    'base64',
  );
  der[der.indexOf(Buffer.from([0x17, 0x0d]))] = 0x18;
  fs.writeFileSync(outPath, toPem('CERTIFICATE', der));
  return outPath;
}

function tamperCertificate(certPath: string, outPath: string): string {
  const der = Buffer.from(
    fs
      .readFileSync(certPath, 'utf8')
      .replace(/-----[^-]+-----/g, '')
      .replace(/\s+/g, ''),
    'base64',
  );
  der[der.length - 8] ^= 0x01;
  fs.writeFileSync(outPath, toPem('CERTIFICATE', der));
  return outPath;
}

type Leaf = { keyPath: string; csrPath: string; certPath: string };

describe('verifyCertificate', function () {
  this.timeout(120_000);
  let dir: string;
  const leaves: Record<string, Leaf> = {};
  const bundles: Record<string, string> = {};
  const files: Record<string, string> = {};
  const read = (file: string) => fs.readFileSync(file, 'utf8');
  const check = (result: VerifyResult, name: VerifyCheck['name']): VerifyCheck => {
    const found = result.checks.find((c) => c.name === name);
    assert.ok(found, `no ${name} check`);
    return found;
  };
  const run = (leaf: string, bundle: string, extra: Partial<VerifyInput> = {}) =>
    verifyCertificate({
      certificatePem: read(leaves[leaf].certPath),
      keyPem: read(leaves[leaf].keyPath),
      caBundlePem: read(bundles[bundle]),
      now: NOW,
      ...extra,
    });
  const untrusted = (name: string | undefined) => (name ? { untrustedPem: read(files[name]) } : {});

  before(() => {
    dir = tempDir('mtls-verify-');
    const range = {
      notBefore: d('2024-01-01T00:00:00Z'),
      notAfter: d('2034-01-01T00:00:00Z'),
      key: { type: 'ec' as const },
    };
    const root = makeCa(path.join(dir, 'root'), 'Verify Root', range);
    const other = makeCa(path.join(dir, 'other'), 'Other Root', range);
    // Same name as the real root, another key: what a look-alike CA would issue.
    const impostor = makeCa(path.join(dir, 'impostor'), 'Verify Root', range);
    const self = makeCa(path.join(dir, 'self'), 'Self Signed', range);
    const inter = signIntermediate(root, path.join(dir, 'inter'), 'Verify Intermediate', {
      notBefore: d('2024-06-01T00:00:00Z'),
      notAfter: d('2030-01-01T00:00:00Z'),
    });
    const oldInter = signIntermediate(root, path.join(dir, 'inter'), 'Lapsed Intermediate', {
      notBefore: d('2024-01-01T00:00:00Z'),
      notAfter: d('2024-12-01T00:00:00Z'),
    });
    const leafDir = path.join(dir, 'leaves');
    const leaf = (
      name: string,
      ca: Ca,
      notBefore: string,
      notAfter: string,
      options: { ec?: boolean; subject?: string; sans?: string[] } = {},
    ) => {
      leaves[name] = makeLeaf(ca, leafDir, name, {
        subject: options.subject ?? SUBJECT,
        sans: options.sans ?? SANS,
        notBefore: d(notBefore),
        notAfter: d(notAfter),
        key: options.ec === false ? { type: 'rsa' } : { type: 'ec' },
      });
    };
    leaf('good', root, '2025-01-01T00:00:00Z', '2025-04-01T00:00:00Z', { ec: false });
    leaf('goodEc', root, '2025-01-01T00:00:00Z', '2025-04-01T00:00:00Z');
    leaf('old', root, '2024-10-03T00:00:00Z', '2025-01-01T00:00:00Z', {
      ec: false,
      sans: ['IP:2001:db8::1', 'DNS:CLIENT.example', 'IP:10.0.0.1'],
    });
    leaf('oldDifferent', root, '2024-10-03T00:00:00Z', '2025-01-01T00:00:00Z', {
      subject: '/C=DE/O=Other Org/OU=Payments/CN=client.example',
    });
    leaf('oldMoreSans', root, '2024-10-03T00:00:00Z', '2025-01-01T00:00:00Z', { sans: [...SANS, 'DNS:gone.example'] });
    leaf('expired', root, '2024-01-01T00:00:00Z', '2024-04-01T00:00:00Z');
    leaf('future', root, '2025-06-01T00:00:00Z', '2025-09-01T00:00:00Z');
    leaf('short', root, '2025-01-15T00:00:00Z', '2025-02-14T00:00:00Z');
    leaf('fromOther', other, '2025-01-01T00:00:00Z', '2025-04-01T00:00:00Z');
    leaf('fromImpostor', impostor, '2025-01-01T00:00:00Z', '2025-04-01T00:00:00Z');
    leaf('viaInter', inter, '2025-01-01T00:00:00Z', '2025-04-01T00:00:00Z');
    leaf('viaLapsed', oldInter, '2025-01-01T00:00:00Z', '2025-04-01T00:00:00Z');
    // A leaf certificate used as an issuer: openssl ca signs with it, openssl verify refuses it.
    leaf(
      'underLeaf',
      { dir: leafDir, certPath: leaves.goodEc.certPath, keyPath: leaves.goodEc.keyPath },
      '2025-01-01T00:00:00Z',
      '2025-04-01T00:00:00Z',
    );
    leaves.tampered = {
      ...leaves.good,
      certPath: tamperCertificate(leaves.good.certPath, path.join(leafDir, 'tampered.crt')),
    };
    leaves.self = { keyPath: self.keyPath, certPath: self.certPath, csrPath: '' };
    // OpenSSL loads it, our reader refuses it, openssl verify fails it: a failed check, not unreadable input.
    leaves.odd = { ...leaves.good, certPath: oddCopy(leaves.good.certPath, path.join(leafDir, 'odd.crt')) };

    const bundle = (name: string, ...certs: string[]) => {
      bundles[name] = path.join(dir, `${name}.pem`);
      fs.writeFileSync(bundles[name], certs.map(read).join(''));
    };
    bundle('root', root.certPath);
    bundle('chain', inter.certPath, root.certPath);
    bundle('interOnly', inter.certPath);
    bundle('lapsedChain', root.certPath, oldInter.certPath);
    bundle('withLeafIssuer', root.certPath, leaves.goodEc.certPath);
    bundle('other', other.certPath);
    bundle('rootWithOdd', oddCopy(other.certPath, path.join(dir, 'odd-other.crt')), root.certPath);

    files.inter = inter.certPath;
    files.oddInter = oddCopy(inter.certPath, path.join(dir, 'odd-inter.crt'));
    files.interAndRoot = path.join(dir, 'inter-and-root.pem');
    fs.writeFileSync(files.interAndRoot, read(inter.certPath) + read(root.certPath));

    files.otherKey = makeKey(path.join(dir, 'other.key'));
    files.encryptedKey = path.join(dir, 'encrypted.key');
    openssl(['pkey', '-in', leaves.good.keyPath, '-aes256', '-passout', 'pass:secret', '-out', files.encryptedKey]);
    files.reorderedCsr = makeCsr(
      leaves.good.keyPath,
      path.join(dir, 'reordered.csr'),
      '/CN=client.example/OU=Payments/O=Test Org/C=DE',
      ['IP:2001:db8::1', 'DNS:Client.Example', 'IP:10.0.0.1'],
    );
    files.otherSansCsr = makeCsr(leaves.good.keyPath, path.join(dir, 'other-sans.csr'), SUBJECT, [
      'DNS:client.example',
      'IP:10.0.0.2',
    ]);
    // The guide's failure: the old key carried into the new certificate.
    leaves.reusedKey = {
      ...leaves.old,
      certPath: signCsr(
        root,
        makeCsr(leaves.old.keyPath, path.join(leafDir, 'reused.csr'), SUBJECT, SANS),
        path.join(leafDir, 'reused.crt'),
        { notBefore: d('2025-01-01T00:00:00Z'), notAfter: d('2025-04-01T00:00:00Z') },
      ),
    };
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('chain and validity', () => {
    // [certificate, -CAfile, -untrusted]
    const cases: Array<[string, string, string?]> = [
      ['good', 'root'],
      ['goodEc', 'root'],
      ['expired', 'root'],
      ['future', 'root'],
      ['short', 'root'],
      ['fromOther', 'root'],
      ['fromImpostor', 'root'],
      ['viaInter', 'chain'],
      ['viaInter', 'interOnly'],
      ['viaInter', 'root'],
      ['viaInter', 'root', 'inter'],
      ['viaInter', 'root', 'oddInter'],
      ['viaInter', 'other', 'interAndRoot'],
      ['viaInter', 'interOnly', 'interAndRoot'],
      ['viaLapsed', 'lapsedChain'],
      ['underLeaf', 'withLeafIssuer'],
      ['tampered', 'root'],
      ['self', 'root'],
      ['reusedKey', 'root'],
      ['good', 'rootWithOdd'],
      ['odd', 'root'],
    ];
    const label = ([leaf, bundle, extra]: [string, string, string?]) =>
      `${leaf} with ${bundle}${extra ? ` and -untrusted ${extra}` : ''}`;

    it('agrees with openssl verify -no_check_time, -untrusted and -attime: verdict and every error line', () => {
      const instants = [
        NOW,
        d('2025-01-01T00:00:00Z'),
        d('2025-04-01T00:00:00Z'),
        d('2024-12-31T23:59:59Z'),
        d('2025-03-31T23:59:59Z'),
      ];
      for (const c of cases) {
        const [leaf, bundle, extra] = c;
        const options = { untrusted: extra ? files[extra] : undefined };
        const openssl = opensslVerify(bundles[bundle], leaves[leaf].certPath, { ...options, noCheckTime: true });
        const chain = check(run(leaf, bundle, untrusted(extra)), 'chain');
        assert.strictEqual(chain.ok, openssl.ok, `chain: ${label(c)}: ${chain.message}`);
        assert.deepStrictEqual(chainErrors(chain), openssl.errors, label(c));
        for (const now of instants) {
          const at = `${label(c)} at ${now.toISOString()}`;
          const withTime = opensslVerify(bundles[bundle], leaves[leaf].certPath, { ...options, at: now });
          const timed = check(run(leaf, bundle, { ...untrusted(extra), now, at: now }), 'chain');
          assert.strictEqual(timed.ok, withTime.ok, `-attime: ${at}: ${timed.message}`);
          assert.deepStrictEqual(chainErrors(timed), withTime.errors, `-attime: ${at}`);
          // Without -attime, the validity check stands for the dates of the leaf and the CAs of its path.
          const result = run(leaf, bundle, { ...untrusted(extra), now });
          assert.strictEqual(
            check(result, 'chain').ok && check(result, 'validity').ok,
            withTime.ok,
            `dates: ${at}: ${check(result, 'validity').message}`,
          );
        }
      }
    });

    it('names each error as openssl does, with the certificate at its depth and what to ask the provider for', () => {
      for (const c of cases) {
        const [leaf, bundle, extra] = c;
        const chain = check(run(leaf, bundle, untrusted(extra)), 'chain');
        const openssl = opensslVerify(bundles[bundle], leaves[leaf].certPath, {
          untrusted: extra ? files[extra] : undefined,
          noCheckTime: true,
        });
        for (const line of openssl.errors) {
          const [, code, depth, text] = /^(\d+) at (\d+): (.*)$/.exec(line)!;
          assert.ok(chain.message.includes(`error ${code} at depth ${depth}: ${text} (X509_V_ERR_`), chain.message);
          assert.ok(chain.evidence.errorCodes.split(', ').includes(code), label(c));
        }
        if (!chain.ok) assert.match(chain.evidence.errorNames, /^X509_V_ERR_\w+(, X509_V_ERR_\w+)*$/, label(c));
      }
      const fromOther = check(run('fromOther', 'root'), 'chain');
      assert.match(
        fromOther.message,
        /X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY\), certificate "C = DE, O = Test Org, OU = Payments, CN = client.example"\..*its issuer "O = Test, CN = Other Root" is missing\. Ask the provider/,
      );
      assert.strictEqual(fromOther.evidence.errorNames, 'X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
      const interMissing = check(run('viaInter', 'interOnly'), 'chain');
      assert.match(interMissing.message, /certificate "O = Test, CN = Verify Intermediate"/);
      assert.match(check(run('tampered', 'root'), 'chain').message, /X509_V_ERR_CERT_SIGNATURE_FAILURE/);
      assert.match(check(run('self', 'root'), 'chain').message, /X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT/);
      const oddInter = check(run('viaInter', 'root', untrusted('oddInter')), 'chain');
      assert.match(oddInter.message, /at depth 1: .*certificate "O = Test, CN = Verify Intermediate"/);
    });

    it('names the CA of a good chain, with its fingerprint and the path, untrusted members marked', () => {
      const good = check(run('good', 'root'), 'chain');
      assert.strictEqual(good.ok, true);
      assert.strictEqual(good.evidence.caSubject, 'O = Test, CN = Verify Root');
      assert.strictEqual(good.evidence.caFingerprintSha256, readCertificate(read(bundles.root)).fingerprintSha256);
      assert.strictEqual(good.evidence.issuer, 'O = Test, CN = Verify Root');
      assert.strictEqual(good.evidence.dates, 'not checked (-no_check_time)');
      const viaInter = check(run('viaInter', 'chain'), 'chain');
      assert.strictEqual(viaInter.ok, true);
      assert.match(viaInter.message, /Verify Root.*through "O = Test, CN = Verify Intermediate"/);
      assert.strictEqual(
        viaInter.evidence.path,
        'C = DE, O = Test Org, OU = Payments, CN = client.example <- O = Test, CN = Verify Intermediate <- O = Test, CN = Verify Root',
      );
      const untrustedInter = check(run('viaInter', 'root', untrusted('inter')), 'chain');
      assert.strictEqual(untrustedInter.ok, true);
      assert.match(untrustedInter.message, /through "O = Test, CN = Verify Intermediate" \(from the untrusted file\)/);
      assert.strictEqual(
        untrustedInter.evidence.path,
        'C = DE, O = Test Org, OU = Payments, CN = client.example <- O = Test, CN = Verify Intermediate (untrusted) <- O = Test, CN = Verify Root',
      );
      assert.strictEqual(untrustedInter.evidence.untrustedCertificates, '1');
      const timed = check(run('good', 'root', { at: NOW }), 'chain');
      assert.strictEqual(timed.evidence.dates, `checked at ${NOW.toISOString()} (-attime)`);
      assert.match(timed.message, /dates checked at 2025-02-01T00:00:00.000Z/);
    });

    it('gives its verdict on certificates OpenSSL loads and our reader refuses, and passes them to the chain', () => {
      const odd = run('odd', 'root');
      assert.strictEqual(check(odd, 'chain').ok, false);
      assert.match(check(odd, 'chain').evidence.readBy, /our reader refused/);
      assert.strictEqual(check(odd, 'validity').ok, false);
      assert.strictEqual(
        odd.certificate.fingerprintSha256,
        new X509Certificate(read(leaves.odd.certPath)).fingerprint256,
      );
      assert.deepStrictEqual(odd.certificate.subject, readCertificate(read(leaves.good.certPath)).subject);
      // A bundle certificate our reader refuses still counts as a trust anchor, as in openssl's bundle.
      const withOdd = check(run('good', 'rootWithOdd'), 'chain');
      assert.strictEqual(withOdd.ok, true, withOdd.message);
      assert.strictEqual(withOdd.evidence.trustedCertificates, '2');
    });

    it('fails expired and not-yet-valid certificates and lapsed issuers, and notes a short validity', () => {
      const expired = check(run('expired', 'root', { expectedValidityDays: 90 }), 'validity');
      assert.deepStrictEqual([expired.ok, expired.severity], [false, 'error']);
      assert.match(expired.message, /^Expired at 2024-04-01T00:00:00.000Z/);
      assert.strictEqual(expired.evidence.notAfter, '2024-04-01T00:00:00.000Z');
      const future = check(run('future', 'root'), 'validity');
      assert.strictEqual(future.ok, false);
      assert.match(future.message, /^Not yet valid: valid from 2025-06-01T00:00:00.000Z/);
      const lapsed = check(run('viaLapsed', 'lapsedChain'), 'validity');
      assert.strictEqual(lapsed.ok, false);
      assert.match(lapsed.message, /issuing CA "O = Test, CN = Lapsed Intermediate" expired/);
      const good = check(run('good', 'root', { expectedValidityDays: 90 }), 'validity');
      assert.deepStrictEqual(
        [good.ok, good.severity, good.evidence.daysLeft, good.evidence.validityDays],
        [true, 'info', '59', '90'],
      );
      const short = check(run('short', 'root', { expectedValidityDays: 90 }), 'validity');
      assert.deepStrictEqual([short.ok, short.severity], [true, 'warning']);
      assert.match(short.message, /valid for 30 days, less than the expected 90/);
    });
  });

  describe('key-match', () => {
    it("agrees with openssl's public keys for RSA and EC, with both hashes as evidence", () => {
      const pairs: Array<[string, string]> = [
        [leaves.good.certPath, leaves.good.keyPath],
        [leaves.good.certPath, files.otherKey],
        [leaves.goodEc.certPath, leaves.goodEc.keyPath],
        [leaves.goodEc.certPath, leaves.good.keyPath],
        [leaves.good.certPath, leaves.goodEc.keyPath],
      ];
      for (const [cert, key] of pairs) {
        const result = check(
          verifyCertificate({ certificatePem: read(cert), keyPem: read(key), now: NOW }),
          'key-match',
        );
        const certHash = opensslSpkiSha256(cert, 'cert');
        const keyHash = opensslSpkiSha256(key, 'key');
        assert.strictEqual(result.ok, certHash === keyHash, `${cert} ${key}`);
        assert.strictEqual(result.evidence.certificatePublicKeySha256, certHash);
        assert.strictEqual(result.evidence.keyPublicKeySha256, keyHash);
      }
      const other = check(
        verifyCertificate({ certificatePem: read(leaves.good.certPath), keyPem: read(files.otherKey), now: NOW }),
        'key-match',
      );
      assert.match(other.message, /does not belong to the certificate/);
    });

    it('gives the modulus MD5 the guide compares, as openssl prints it', () => {
      const result = check(
        verifyCertificate({ certificatePem: read(leaves.good.certPath), keyPem: read(leaves.good.keyPath), now: NOW }),
        'key-match',
      );
      const md5 = (args: string[]) => /([0-9a-f]{32})/.exec(openssl(['md5'], { input: openssl(args) }))?.[1];
      assert.strictEqual(
        result.evidence.certificateModulusMd5,
        md5(['x509', '-in', leaves.good.certPath, '-noout', '-modulus']),
      );
      assert.strictEqual(result.evidence.keyModulusMd5, md5(['rsa', '-in', leaves.good.keyPath, '-noout', '-modulus']));
    });

    it('fails an encrypted key without its passphrase, or with a wrong one, and opens it with the right one', () => {
      const base = { certificatePem: read(leaves.good.certPath), keyPem: read(files.encryptedKey), now: NOW };
      const none = check(verifyCertificate(base), 'key-match');
      assert.strictEqual(none.ok, false);
      assert.match(none.message, /encrypted and no passphrase/);
      const wrong = check(verifyCertificate({ ...base, keyPassphrase: 'nope' }), 'key-match');
      assert.strictEqual(wrong.ok, false);
      assert.match(wrong.message, /could not be decrypted/);
      const right = check(verifyCertificate({ ...base, keyPassphrase: 'secret' }), 'key-match');
      assert.strictEqual(right.ok, true);
      assert.match(right.opensslCommand, /-passin env:KEY_PASSPHRASE/);
    });
  });

  describe('csr-match and old-match', () => {
    const csr = (file: string) => readCsr(read(file));

    it('accepts the CSR it answers, spelt or ordered otherwise, and fails another', () => {
      const same = check(run('good', 'root', { csr: csr(leaves.good.csrPath) }), 'csr-match');
      assert.deepStrictEqual([same.ok, same.severity], [true, 'info']);
      const reordered = check(run('good', 'root', { csr: csr(files.reorderedCsr) }), 'csr-match');
      assert.strictEqual(reordered.ok, true);
      assert.match(reordered.message, /another order/);
      const otherKey = check(run('good', 'root', { csr: csr(leaves.goodEc.csrPath) }), 'csr-match');
      assert.strictEqual(otherKey.ok, false);
      assert.match(otherKey.message, /public key is not the CSR's/);
      assert.strictEqual(
        otherKey.ok,
        opensslSpkiSha256(leaves.good.certPath, 'cert') === opensslSpkiSha256(leaves.goodEc.csrPath, 'csr'),
      );
      const otherSans = check(run('good', 'root', { csr: csr(files.otherSansCsr) }), 'csr-match');
      assert.strictEqual(otherSans.ok, false);
      assert.match(otherSans.message, /SAN IP:10\.0\.0\.2 of the CSR is missing from the certificate/);
      assert.match(otherSans.message, /certificate adds SAN IP:10\.0\.0\.1/);
    });

    it('holds the new certificate against the old one: same names pass, another subject or the old key fails, SAN changes warn', () => {
      const old = (name: string) => readCertificate(read(leaves[name].certPath));
      const same = check(run('good', 'root', { oldCertificate: old('old') }), 'old-match');
      assert.deepStrictEqual([same.ok, same.severity], [true, 'info']);
      const different = check(run('good', 'root', { oldCertificate: old('oldDifferent') }), 'old-match');
      assert.deepStrictEqual([different.ok, different.severity], [false, 'error']);
      assert.match(
        different.message,
        /Subject O differs: the old certificate has "Other Org", the new certificate has "Test Org"/,
      );
      const fewer = check(run('good', 'root', { oldCertificate: old('oldMoreSans') }), 'old-match');
      assert.deepStrictEqual([fewer.ok, fewer.severity], [true, 'warning']);
      assert.match(fewer.message, /DNS:gone\.example/);
      const reused = check(run('reusedKey', 'root', { oldCertificate: old('old') }), 'old-match');
      assert.strictEqual(reused.ok, false);
      assert.match(reused.message, /old certificate's key/);
    });
  });

  describe('the result', () => {
    it('lists the checks it has input for, in order, with openssl commands naming the given paths', () => {
      const all = verifyCertificate({
        certificatePem: read(leaves.good.certPath),
        keyPem: read(leaves.good.keyPath),
        caBundlePem: read(bundles.root),
        csr: readCsr(read(leaves.good.csrPath)),
        oldCertificate: readCertificate(read(leaves.old.certPath)),
        now: NOW,
        paths: {
          certificate: 'new cert.pem',
          key: 'new.key',
          caBundle: 'ca chain.pem',
          csr: 'new.csr',
          oldCertificate: 'old.crt',
        },
      });
      assert.deepStrictEqual(
        all.checks.map((c) => [c.name, c.ok]),
        [
          ['chain', true],
          ['validity', true],
          ['key-match', true],
          ['csr-match', true],
          ['old-match', true],
        ],
      );
      assert.strictEqual(all.ok, true);
      assert.strictEqual(
        check(all, 'chain').opensslCommand,
        `openssl verify -no_check_time -CAfile 'ca chain.pem' 'new cert.pem'`,
      );
      assert.strictEqual(check(all, 'validity').opensslCommand, `openssl x509 -in 'new cert.pem' -noout -dates`);
      const withUntrusted = verifyCertificate({
        certificatePem: read(leaves.viaInter.certPath),
        caBundlePem: read(bundles.root),
        untrustedPem: read(files.inter),
        now: NOW,
        at: NOW,
        paths: { certificate: 'new.pem', caBundle: 'ca.pem', untrusted: 'inter.pem' },
      });
      assert.strictEqual(
        check(withUntrusted, 'chain').opensslCommand,
        `openssl verify -attime ${NOW.getTime() / 1000} -CAfile ca.pem -untrusted inter.pem new.pem`,
      );
      assert.match(
        check(all, 'key-match').opensslCommand,
        /openssl pkey -in new\.key -pubout -outform DER \| openssl sha256/,
      );
      assert.match(check(all, 'csr-match').opensslCommand, /openssl req -in new\.csr/);
      assert.match(check(all, 'old-match').opensslCommand, /openssl x509 -in old\.crt/);
      const bare = verifyCertificate({ certificatePem: read(leaves.good.certPath), now: NOW });
      assert.deepStrictEqual(
        bare.checks.map((c) => c.name),
        ['validity'],
      );
      assert.strictEqual(check(bare, 'validity').opensslCommand, 'openssl x509 -in CERT -noout -dates');
    });

    it('throws typed errors for input that is no certificate, key or bundle at all', () => {
      const code = (input: VerifyInput) => {
        try {
          verifyCertificate(input);
        } catch (error) {
          return isCoreError(error) ? error.code : 'untyped';
        }
        return 'no error';
      };
      const cert = read(leaves.good.certPath);
      assert.strictEqual(code({ certificatePem: read(leaves.good.keyPath), now: NOW }), 'not-pem-or-der');
      assert.strictEqual(code({ certificatePem: cert, keyPem: cert, now: NOW }), 'not-pem-or-der');
      assert.strictEqual(
        code({ certificatePem: cert, caBundlePem: '-----BEGIN CERTIFICATE-----\nAAAA\n', now: NOW }),
        'truncated-pem',
      );
      // openssl verify refuses to load these files: "Error loading file", "Could not read any untrusted certificates".
      assert.strictEqual(code({ certificatePem: cert, caBundlePem: '', now: NOW }), 'not-pem-or-der');
      const bundle = read(bundles.root);
      assert.strictEqual(
        code({ certificatePem: cert, caBundlePem: bundle, untrustedPem: '', now: NOW }),
        'not-pem-or-der',
      );
      const garbage = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
      assert.strictEqual(
        code({ certificatePem: cert, caBundlePem: garbage + bundle, now: NOW }),
        'malformed-certificate',
      );
      // ... but skip a block they cannot decode in the certificate file and the untrusted file.
      assert.strictEqual(
        code({ certificatePem: garbage + cert, caBundlePem: bundle, untrustedPem: garbage + cert, now: NOW }),
        'no error',
      );
    });
  });
});
