import * as forge from 'node-forge';
import { checkKeyDerivationCost, MAX_KEY_DERIVATION_ITERATIONS } from './keyDerivationLimit';
import { Location, readCertificate } from './certificate';
import { CoreError } from '../errors';
import { CertificateInfo, Pkcs12Info } from '../model';

export interface Pkcs12Options extends Location {
  passphrase?: string;
}

/**
 * Lists a PKCS#12 file's certificates and counts its keys through node-forge. Without a passphrase it tries
 * what OpenSSL's PKCS12_parse tries (no password, then the empty one); when neither opens the file it is
 * reported as `encrypted`. A given passphrase that does not open it is an error.
 */
export function readPkcs12(der: Buffer, options: Pkcs12Options = {}): Pkcs12Info {
  const base = {
    kind: 'pkcs12' as const,
    path: options.path ?? '',
    index: options.index ?? 0,
    line: options.line ?? 1,
  };
  checkKeyDerivationCost(der, 'this PKCS#12 file');
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')), false);
  } catch (error) {
    throw new CoreError('malformed-pkcs12', 'not a readable PKCS#12 file', { cause: error });
  }
  // Windows writes PFX files in BER (indefinite lengths), which the DER check above cannot read: check the
  // structure forge itself parsed, before forge derives any key from it.
  const count = largestIterationCountIn(asn1, 0);
  if (count > MAX_KEY_DERIVATION_ITERATIONS) {
    throw new CoreError(
      'key-derivation-too-costly',
      `this PKCS#12 file asks for ${count >= Number.MAX_SAFE_INTEGER ? 'an enormous number of' : count.toLocaleString('en')} key-derivation iterations (at most ${MAX_KEY_DERIVATION_ITERATIONS.toLocaleString('en')} are accepted); not opened`,
    );
  }
  const candidates: (string | null)[] = options.passphrase !== undefined ? [options.passphrase] : [null, ''];
  let lastError: unknown;
  for (const password of candidates) {
    let p12: forge.pkcs12.Pkcs12Pfx;
    try {
      p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password as string);
    } catch (error) {
      lastError = error;
      continue;
    }
    return { ...base, encrypted: password !== null && password !== '', ...contentsOf(p12, base) };
  }
  if (options.passphrase === undefined) return { ...base, encrypted: true, certificates: [], keyCount: 0 };
  const message = lastError instanceof Error ? lastError.message : '';
  if (/password|MAC|decrypt/i.test(message)) {
    throw new CoreError('pkcs12-wrong-passphrase', 'the passphrase does not open this PKCS#12 file');
  }
  throw new CoreError('malformed-pkcs12', `unreadable PKCS#12 file: ${message || 'unknown structure'}`);
}

function contentsOf(
  p12: forge.pkcs12.Pkcs12Pfx,
  base: { path: string; line: number },
): { certificates: CertificateInfo[]; keyCount: number } {
  const certificates: CertificateInfo[] = [];
  let keyCount = 0;
  for (const safeContents of p12.safeContents) {
    for (const bag of safeContents.safeBags) {
      if (bag.type === forge.pki.oids.keyBag || bag.type === forge.pki.oids.pkcs8ShroudedKeyBag) {
        keyCount++;
      } else if (bag.type === forge.pki.oids.certBag) {
        // forge parses RSA certificates into objects and leaves others as ASN.1; both re-encode to the original DER.
        const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
        if (!asn1) continue;
        const der = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
        certificates.push(readCertificate(der, { path: base.path, index: certificates.length, line: base.line }));
      }
    }
  }
  return { certificates, keyCount };
}

/** As largestIterationCount in keyDerivationLimit.ts, over forge's parse (which reads BER too). */
function largestIterationCountIn(node: forge.asn1.Asn1, depth: number): number {
  if (depth > 40) return 0;
  const { Class, Type } = forge.asn1;
  if (Array.isArray(node.value)) {
    const kids = node.value as forge.asn1.Asn1[];
    let largest = 0;
    for (let i = 0; i + 1 < kids.length && i < 2; i++) {
      const [salt, count] = [kids[i], kids[i + 1]];
      if (
        node.tagClass === Class.UNIVERSAL &&
        node.type === Type.SEQUENCE &&
        salt.tagClass === Class.UNIVERSAL &&
        salt.type === Type.OCTETSTRING &&
        !Array.isArray(salt.value) &&
        count.tagClass === Class.UNIVERSAL &&
        count.type === Type.INTEGER &&
        typeof count.value === 'string'
      ) {
        largest = Math.max(largest, integerValue(count.value));
      }
    }
    for (const kid of kids) largest = Math.max(largest, largestIterationCountIn(kid, depth + 1));
    return largest;
  }
  if (
    node.tagClass === Class.UNIVERSAL &&
    node.type === Type.OCTETSTRING &&
    typeof node.value === 'string' &&
    node.value.length > 2
  ) {
    try {
      return largestIterationCountIn(forge.asn1.fromDer(forge.util.createBuffer(node.value), false), depth + 1);
    } catch {
      return 0; // opaque bytes, not ASN.1
    }
  }
  return 0;
}

function integerValue(bytes: string): number {
  let start = 0;
  while (start < bytes.length && bytes.charCodeAt(start) === 0) start++;
  const digits = bytes.slice(start);
  if (digits.length > 6) return Number.MAX_SAFE_INTEGER;
  let value = 0;
  for (let i = 0; i < digits.length; i++) value = value * 256 + digits.charCodeAt(i);
  return value;
}
