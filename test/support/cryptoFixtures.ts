// One shared set of files for the unit tests, made once per mocha run by the openssl command line
// (the oracle) with pinned dates. Every test file asks for it; the first call builds it.
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { makeCa, makeCsr, makeKey, makeLeaf, openssl, signCsr, tempDir } from './openssl';

export interface CryptoFixtures {
  dir: string;
  ca: { certPath: string; keyPath: string };
  /** RSA leaf with every SAN type, valid 2025-01-01 .. 2030-01-01T00:00:00Z. */
  rsa: { keyPath: string; csrPath: string; certPath: string };
  ec: { keyPath: string; csrPath: string; certPath: string };
  ed25519: { keyPath: string; csrPath: string; certPath: string };
  expired: { keyPath: string; csrPath: string; certPath: string };
  notYetValid: { keyPath: string; csrPath: string; certPath: string };
  /** A renewal CSR for `rsa`: same subject and SANs, new key. */
  renewalCsr: string;
  renewalKey: string;
  /** Orphan key with its own CSR and no certificate. */
  orphanKey: string;
  orphanCsr: string;
  rsaSans: string[];
  notAfter: { rsa: string; ec: string; ed25519: string; expired: string; notYetValid: string };
  files: Record<string, string>;
}

let cached: CryptoFixtures | undefined;

export const RSA_SANS = [
  'DNS:client.example',
  'DNS:alt.example',
  'IP:10.0.0.1',
  'IP:2001:db8::1',
  'email:ops@example.com',
  'URI:https://example.com/client',
];

export function cryptoFixtures(): CryptoFixtures {
  if (cached) return cached;
  const dir = tempDir('mtls-unit-');
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const ca = makeCa(path.join(dir, 'ca'), 'Test Root CA', {
    notBefore: new Date('2024-01-01T00:00:00Z'),
    notAfter: new Date('2034-01-01T00:00:00Z'),
  });
  const leaves = path.join(dir, 'leaves');
  const notAfter = {
    rsa: '2030-01-01T00:00:00.000Z',
    ec: '2029-06-01T12:00:00.000Z',
    ed25519: '2031-03-15T08:30:00.000Z',
    expired: '2020-01-01T00:00:00.000Z',
    notYetValid: '2041-01-01T00:00:00.000Z',
  };
  const rsa = makeLeaf(ca, leaves, 'rsa-client', {
    subject: '/C=DE/O=Test Org/OU=Payments/CN=rsa-client',
    sans: RSA_SANS,
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date(notAfter.rsa),
  });
  const ec = makeLeaf(ca, leaves, 'ec-client', {
    key: { type: 'ec' },
    sans: ['DNS:ec.example', 'IP:fe80::1:0:0:2'],
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date(notAfter.ec),
  });
  const ed25519 = makeLeaf(ca, leaves, 'ed-client', {
    key: { type: 'ed25519' },
    sans: ['DNS:ed.example'],
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date(notAfter.ed25519),
  });
  const expired = makeLeaf(ca, leaves, 'expired-client', {
    notBefore: new Date('2019-01-01T00:00:00Z'),
    notAfter: new Date(notAfter.expired),
  });
  const notYetValid = makeLeaf(ca, leaves, 'future-client', {
    notBefore: new Date('2040-01-01T00:00:00Z'),
    notAfter: new Date(notAfter.notYetValid),
  });
  const renewalKey = makeKey(path.join(leaves, 'rsa-client-2030.key'));
  const renewalCsr = makeCsr(
    renewalKey,
    path.join(leaves, 'rsa-client-2030.csr'),
    '/C=DE/O=Test Org/OU=Payments/CN=rsa-client',
    RSA_SANS,
  );
  const orphanKey = makeKey(path.join(leaves, 'orphan.key'), { type: 'ec', curve: 'secp384r1' });
  const orphanCsr = makeCsr(orphanKey, path.join(leaves, 'orphan.csr'), '/O=Test/CN=orphan');

  const files: Record<string, string> = {};
  const other = path.join(dir, 'formats');
  fs.mkdirSync(other, { recursive: true });
  const out = (name: string) => (files[name] = path.join(other, name));
  openssl(['x509', '-in', rsa.certPath, '-outform', 'DER', '-out', out('rsa.der')]);
  openssl(['req', '-in', ec.csrPath, '-outform', 'DER', '-out', out('ec-csr.der')]);
  // OpenSSL 3 writes DER keys in their traditional form (SEC1 here); pkcs8 -topk8 gives PKCS#8.
  openssl(['pkey', '-in', ec.keyPath, '-outform', 'DER', '-out', out('ec-key.der')]);
  openssl(['pkcs8', '-topk8', '-nocrypt', '-in', rsa.keyPath, '-outform', 'DER', '-out', out('rsa-pkcs8.der')]);
  openssl(['rsa', '-in', rsa.keyPath, '-traditional', '-out', out('rsa-pkcs1.key')]);
  openssl(['ec', '-in', ec.keyPath, '-out', out('ec-sec1.key')]);
  openssl(['pkey', '-in', rsa.keyPath, '-aes256', '-passout', 'pass:x', '-out', out('rsa-encrypted-pkcs8.key')]);
  openssl([
    'rsa',
    '-in',
    rsa.keyPath,
    '-aes256',
    '-traditional',
    '-passout',
    'pass:x',
    '-out',
    out('rsa-legacy-encrypted.key'),
  ]);
  openssl([
    'pkcs8',
    '-topk8',
    '-in',
    ec.keyPath,
    '-v2',
    'aes256',
    '-passout',
    'pass:x',
    '-outform',
    'DER',
    '-out',
    out('ec-encrypted.der'),
  ]);
  // CSRs beyond the plain SHA-256 ones the leaves were made from.
  openssl([
    'req',
    '-new',
    '-key',
    rsa.keyPath,
    '-subj',
    '/CN=pss',
    '-sigopt',
    'rsa_padding_mode:pss',
    '-sigopt',
    'rsa_pss_saltlen:32',
    '-sha256',
    '-out',
    out('pss.csr'),
  ]);
  openssl(['req', '-new', '-key', rsa.keyPath, '-subj', '/CN=sha1', '-sha1', '-out', out('sha1.csr')]);
  openssl([
    'req',
    '-new',
    '-key',
    ec.keyPath,
    '-subj',
    '/CN=ec384',
    '-sha384',
    '-addext',
    'subjectAltName=IP:::1,IP:2001:db8:0:0:1:0:0:1,DNS:x.example',
    '-out',
    out('ec-sha384.csr'),
  ]);
  const tampered = fs.readFileSync(rsa.csrPath, 'utf8').split('\n');
  // Flip one character deep inside the base64 (the signature is at the end of the DER).
  const target = tampered.length - 4;
  tampered[target] =
    tampered[target].slice(0, 10) + (tampered[target][10] === 'A' ? 'B' : 'A') + tampered[target].slice(11);
  fs.writeFileSync(out('tampered.csr'), tampered.join('\n'));
  // PKCS#12: passphrase, empty passphrase, no protection at all, and an EC certificate forge cannot parse.
  openssl([
    'pkcs12',
    '-export',
    '-in',
    rsa.certPath,
    '-inkey',
    rsa.keyPath,
    '-certfile',
    ca.certPath,
    '-passout',
    'pass:secret',
    '-out',
    out('rsa-secret.p12'),
  ]);
  openssl([
    'pkcs12',
    '-export',
    '-in',
    rsa.certPath,
    '-inkey',
    rsa.keyPath,
    '-passout',
    'pass:',
    '-out',
    out('rsa-empty.p12'),
  ]);
  openssl([
    'pkcs12',
    '-export',
    '-in',
    ec.certPath,
    '-inkey',
    ec.keyPath,
    '-keypbe',
    'NONE',
    '-certpbe',
    'NONE',
    '-nomac',
    '-passout',
    'pass:',
    '-out',
    out('ec-open.pfx'),
  ]);
  // A bundle with text around and between the blocks, as `openssl x509 -text` or a CA's download writes it.
  fs.writeFileSync(
    out('bundle.pem'),
    [
      'subject=CN=rsa-client',
      fs.readFileSync(rsa.certPath, 'utf8'),
      'intermediate and root follow',
      '',
      fs.readFileSync(ec.certPath, 'utf8'),
      fs.readFileSync(ca.certPath, 'utf8'),
    ].join('\n'),
  );
  fs.writeFileSync(
    out('mixed.pem'),
    [
      fs.readFileSync(rsa.certPath, 'utf8'),
      fs.readFileSync(rsa.keyPath, 'utf8'),
      fs.readFileSync(rsa.csrPath, 'utf8'),
    ].join(''),
  );

  const garbage = path.join(dir, 'garbage');
  fs.mkdirSync(garbage, { recursive: true });
  const g = (name: string, content: string | Buffer) =>
    fs.writeFileSync((files[`garbage/${name}`] = path.join(garbage, name)), content);
  g('random.pem', randomBytes(3000));
  g('notes.crt', 'this is not a certificate\n');
  g('empty.pem', '');
  g('blank.crt', '\n  \n');
  const rsaPem = fs.readFileSync(rsa.certPath, 'utf8');
  g('truncated.pem', rsaPem.split('\n').slice(0, 8).join('\n') + '\n');
  g('badbase64.pem', rsaPem.replace(/\n([A-Za-z0-9+/]{10})/, '\n$1!!'));
  const big = randomBytes(20 * 1024 * 1024);
  big[0] = 0x30;
  g('big.der', big);
  g('der-garbage.der', Buffer.from([0x30, 0x82, 0xff, 0xff, 0x01, 0x02]));

  cached = {
    dir,
    ca,
    rsa,
    ec,
    ed25519,
    expired,
    notYetValid,
    renewalCsr,
    renewalKey,
    orphanKey,
    orphanCsr,
    rsaSans: RSA_SANS,
    notAfter,
    files,
  };
  return cached;
}

/** A fresh directory inside the fixture directory, removed with it when the run ends. */
export function scratchDir(prefix = 'scratch-'): string {
  return fs.mkdtempSync(path.join(cryptoFixtures().dir, prefix));
}

/** SHA-256 of the DER SubjectPublicKeyInfo as OpenSSL derives it from a key, certificate or CSR file. */
export function opensslSpkiSha256(file: string, kind: 'key' | 'cert' | 'csr', passphrase?: string): string {
  let pem: string;
  if (kind === 'cert') pem = openssl(['x509', '-in', file, '-noout', '-pubkey']);
  else if (kind === 'csr') pem = openssl(['req', '-in', file, '-noout', '-pubkey']);
  else pem = openssl(['pkey', '-in', file, '-pubout', ...(passphrase ? ['-passin', `pass:${passphrase}`] : [])]);
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return createHash('sha256').update(der).digest('hex');
}

export { makeCsr, makeKey, signCsr };
