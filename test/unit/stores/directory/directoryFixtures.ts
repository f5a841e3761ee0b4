import * as fs from 'fs';
import * as path from 'path';
import { StoredPair } from '../../../../src/core/stores/secretsStore';
import { daysFromNow, makeCa, makeLeaf, openssl, signCsr } from '../../../support/openssl';

export interface FixturePair {
  pair: StoredPair;
  /** As `openssl x509 -fingerprint -sha256` prints it. */
  fingerprint: string;
}

export function opensslFingerprint(certPath: string): string {
  return openssl(['x509', '-noout', '-fingerprint', '-sha256', '-in', certPath]).trim().replace(/^.*=/, '');
}

/** OpenSSL's verdict on whether a key belongs to a certificate: the two public keys it prints. */
export function opensslPairMatches(certPath: string, keyPath: string): boolean {
  const fromCert = openssl(['x509', '-noout', '-pubkey', '-in', certPath]);
  const fromKey = openssl(['pkey', '-pubout', '-in', keyPath]);
  return fromCert === fromKey;
}

/** A CA and leaves made by openssl (EC keys: fast), each with its own expiry so that generation names differ. */
export function makePairs(dir: string, count: number, options: { expired?: boolean } = {}): FixturePair[] {
  const ca = makeCa(path.join(dir, 'ca'), 'Store CA', { key: { type: 'ec' } });
  const caPem = fs.readFileSync(ca.certPath, 'utf8');
  return Array.from({ length: count }, (_, i) => {
    const leaf = makeLeaf(ca, path.join(dir, 'leaves'), `leaf${i}${options.expired ? '-expired' : ''}`, {
      key: { type: 'ec' },
      notBefore: options.expired ? daysFromNow(-60) : daysFromNow(-1),
      notAfter: options.expired ? daysFromNow(-1 - i) : daysFromNow(90 + i),
    });
    return {
      pair: {
        certificatePem: fs.readFileSync(leaf.certPath, 'utf8'),
        privateKeyPem: fs.readFileSync(leaf.keyPath, 'utf8'),
        chainPem: caPem,
        caCertificatePem: caPem,
      },
      fingerprint: opensslFingerprint(leaf.certPath),
    };
  });
}

/**
 * Two certificates whose generation names collide: one expiry, serials that share their first 8 hex digits (a CA
 * with long sequential serials), different keys.
 */
export function makeCollidingPairs(dir: string): FixturePair[] {
  const ca = makeCa(path.join(dir, 'ca'), 'Colliding CA', { key: { type: 'ec' } });
  const notAfter = daysFromNow(60);
  return ['AB00000001', 'AB00000002'].map((serial, i) => {
    const leaf = makeLeaf(ca, path.join(dir, 'leaves'), `twin${i}`, {
      key: { type: 'ec' },
      notBefore: daysFromNow(-1),
      notAfter,
      serial,
    });
    return {
      pair: {
        certificatePem: fs.readFileSync(leaf.certPath, 'utf8'),
        privateKeyPem: fs.readFileSync(leaf.keyPath, 'utf8'),
      },
      fingerprint: opensslFingerprint(leaf.certPath),
    };
  });
}

/** A certificate and its renewal that keeps the same key (what a renewal must not do). */
export function makeSameKeyPairs(dir: string): FixturePair[] {
  const ca = makeCa(path.join(dir, 'ca'), 'Same Key CA', { key: { type: 'ec' } });
  const leaf = makeLeaf(ca, path.join(dir, 'leaves'), 'kept', { key: { type: 'ec' }, notAfter: daysFromNow(50) });
  const renewed = signCsr(ca, leaf.csrPath, path.join(dir, 'leaves', 'kept-renewed.crt'), {
    notBefore: daysFromNow(-1),
    notAfter: daysFromNow(80),
  });
  return [leaf.certPath, renewed].map((certPath) => ({
    pair: {
      certificatePem: fs.readFileSync(certPath, 'utf8'),
      privateKeyPem: fs.readFileSync(leaf.keyPath, 'utf8'),
    },
    fingerprint: opensslFingerprint(certPath),
  }));
}

/** `live` (or next, previous) resolved as a service would: the generation folder it names. */
export function linkTarget(root: string, link: string): string | null {
  try {
    return fs.readlinkSync(path.join(root, link));
  } catch {
    return null;
  }
}
