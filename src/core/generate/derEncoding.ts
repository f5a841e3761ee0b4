// The CSR builder's bridge to forge.asn1 where forge falls short: its oidToDer refuses arcs above 2^32 (OpenSSL
// takes any size, UUID OIDs under 2.25 need 128 bits) and its integerToDer is limited to 32 bits. The bytes come
// from the one DER writer (x509/derWriter.ts).
import * as forge from 'node-forge';
import { bitStringBytes, children, contents, encoded, expect, readNode, Tag } from '../x509/der';
import { integerBytes, oidBytes } from '../x509/derWriter';

const asn1 = forge.asn1;

/** OID contents (no tag or length) as a forge binary string. */
export function oidContent(oid: string): string {
  return String.fromCharCode(...oidBytes(oid));
}

export function oidNode(oid: string): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, oidContent(oid));
}

/** Minimal two's complement, as a forge binary string. */
export function integerContent(value: bigint): string {
  return String.fromCharCode(...integerBytes(value));
}

export function derBytes(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

export function binary(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('binary');
}

/**
 * A SubjectPublicKeyInfo as forge nodes that re-encode to exactly `der`. Built from our DER reader because
 * forge.asn1.fromDer tries to parse BIT STRING contents as ASN.1 and its typings offer no way to stop it.
 */
export function spkiNode(der: Buffer): forge.asn1.Asn1 {
  const [algorithm, key] = children(readNode(der));
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.fromDer(encoded(expect(algorithm, Tag.SEQUENCE, 'AlgorithmIdentifier')).toString('binary')),
    asn1.create(
      asn1.Class.UNIVERSAL,
      asn1.Type.BITSTRING,
      false,
      contents(expect(key, Tag.BIT_STRING, 'subjectPublicKey')).toString('binary'),
    ),
  ]);
}

/** The subjectPublicKey bits of an SPKI (without the unused-bits byte). */
export function subjectPublicKeyBits(der: Buffer): Buffer {
  const [, key] = children(readNode(der));
  return bitStringBytes(expect(key, Tag.BIT_STRING, 'subjectPublicKey'));
}
