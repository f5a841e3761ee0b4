import { createHash, hash, X509Certificate } from 'crypto';

/** SHA-256 digest bytes: crypto.hash (one call, no Hash object) where Node has it (20.12+). */
const sha256: (data: Buffer) => Buffer =
  typeof hash === 'function'
    ? (data) => hash('sha256', data, 'buffer') as unknown as Buffer
    : (data) => createHash('sha256').update(data).digest();
const HEX_DIGITS = Buffer.from('0123456789ABCDEF', 'latin1');

/**
 * The SHA-256 fingerprint as `openssl x509 -fingerprint -sha256` prints it (uppercase hex pairs joined by `:`).
 * OpenSSL hashes its own re-encoding of the certificate: the TBSCertificate as read, the rest encoded afresh.
 * For a certificate in DER that is its bytes, hashed once; when the outer SEQUENCE, the signature algorithm
 * or the signature is written in some other BER form (a long length, a BIT STRING with bits set in its
 * padding), X509Certificate (the same OpenSSL) gives the value. Real certificates never take that path.
 * `sha1` gives `openssl x509 -fingerprint -sha1`, the same way.
 */
export function certificateFingerprint(der: Buffer, digestName: 'sha256' | 'sha1' = 'sha256'): string {
  if (!outerIsDer(der)) {
    const x509 = new X509Certificate(der);
    return digestName === 'sha1' ? x509.fingerprint : x509.fingerprint256;
  }
  // Written as bytes and decoded once: a flat string of 95 characters, which a scan keeps for every item
  // (concatenated pairs would be kept as a tree of 63 strings).
  const digest = digestName === 'sha1' ? createHash('sha1').update(der).digest() : sha256(der);
  const text = Buffer.allocUnsafe(digest.length * 3 - 1);
  for (let i = 0; i < digest.length; i++) {
    if (i > 0) text[i * 3 - 1] = 0x3a;
    text[i * 3] = HEX_DIGITS[digest[i] >> 4];
    text[i * 3 + 1] = HEX_DIGITS[digest[i] & 15];
  }
  return text.toString('latin1');
}

/** The contents' bounds of the TLV at `pos` when its header is DER (low tag number, minimal length). */
function derHeaderEnd(buf: Buffer, pos: number, end: number): { contents: number; end: number } | undefined {
  if (pos + 2 > end || (buf[pos] & 0x1f) === 0x1f) return undefined;
  const first = buf[pos + 1];
  if (first < 0x80) return pos + 2 + first <= end ? { contents: pos + 2, end: pos + 2 + first } : undefined;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || pos + 2 + count > end || buf[pos + 2] === 0) return undefined;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + buf[pos + 2 + i];
  if (length < 0x80) return undefined;
  const contents = pos + 2 + count;
  return contents + length <= end ? { contents, end: contents + length } : undefined;
}

/**
 * Whether OpenSSL's encoding of everything around the TBSCertificate is the input's: DER headers, algorithm
 * parameters absent, NULL or a SEQUENCE, a primitive signature without padding bits set. Conservative: any
 * other form is handed to OpenSSL.
 */
function outerIsDer(der: Buffer): boolean {
  const top = derHeaderEnd(der, 0, der.length);
  if (!top || top.end !== der.length || der[0] !== 0x30) return false;
  const tbs = derHeaderEnd(der, top.contents, top.end);
  if (!tbs) return false;
  const algorithm = derHeaderEnd(der, tbs.end, top.end);
  if (!algorithm || der[tbs.end] !== 0x30) return false;
  const oid = derHeaderEnd(der, algorithm.contents, algorithm.end);
  if (!oid || der[algorithm.contents] !== 0x06) return false;
  if (oid.end < algorithm.end) {
    const parameters = derHeaderEnd(der, oid.end, algorithm.end);
    if (!parameters || parameters.end !== algorithm.end) return false;
    const tag = der[oid.end];
    if (!(tag === 0x30 || (tag === 0x05 && parameters.contents === parameters.end))) return false;
  }
  const signature = derHeaderEnd(der, algorithm.end, top.end);
  if (!signature || der[algorithm.end] !== 0x03 || signature.end !== top.end) return false;
  const length = signature.end - signature.contents;
  if (length < 1) return false;
  const unused = der[signature.contents];
  if (length === 1) return unused === 0;
  return (der[signature.end - 1] & ((1 << unused) - 1)) === 0;
}
