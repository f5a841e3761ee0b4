import { createHash, hash } from 'crypto';
import { children, decodeOid, expect, integerBitLength, isUniversal, readNode, Tag } from './der';
import { CoreError } from '../errors';
import { KeyType, PublicKeyFacts } from '../model';
import { CURVE_ORDER_BITS, OID } from './oids';
import { objectByOid } from './opensslObjects';

const keyTypes: Record<string, KeyType> = {
  [OID.rsaEncryption]: 'RSA',
  [OID.rsassaPss]: 'RSA-PSS',
  [OID.ecPublicKey]: 'EC',
  [OID.ed25519]: 'Ed25519',
  [OID.ed448]: 'Ed448',
  [OID.dsa]: 'DSA',
  [OID.dhKeyAgreement]: 'DH',
  [OID.dhPublicNumber]: 'DH',
};

/** SHA-256 in lowercase hex: crypto.hash (one call, no Hash object) where Node has it (20.12+). */
const sha256Hex: (data: Buffer) => string =
  typeof hash === 'function'
    ? (data) => hash('sha256', data, 'hex')
    : (data) => createHash('sha256').update(data).digest('hex');

/**
 * Facts about a DER SubjectPublicKeyInfo, read from its structure (no KeyObject: this runs once per
 * certificate in a scan). The hash is over the SPKI bytes exactly as given.
 */
export function publicKeyFacts(spki: Buffer): PublicKeyFacts {
  const publicKeySha256 = sha256Hex(spki);
  try {
    const [algorithm, key] = children(readNode(spki));
    const [algOid, params] = children(expect(algorithm, Tag.SEQUENCE, 'AlgorithmIdentifier'));
    const oid = decodeOid(expect(algOid, Tag.OID, 'algorithm OID'));
    const keyType = keyTypes[oid] ?? 'unknown';
    // The BIT STRING's contents past its unused-bits byte, by offsets into `spki`.
    const bitString = expect(key, Tag.BIT_STRING, 'public key');
    if (bitString.contentStart === bitString.end) throw new CoreError('malformed-der', 'empty BIT STRING');
    const bitsStart = bitString.contentStart + 1;
    const bitsLength = bitString.end - bitsStart;
    const facts: PublicKeyFacts = { publicKeySha256, keyType };
    if (keyType === 'RSA' || keyType === 'RSA-PSS') {
      const [modulus] = children(readNode(spki, bitsStart, bitString.end));
      facts.keyBits = integerBitLength(expect(modulus, Tag.INTEGER, 'modulus'));
    } else if (keyType === 'EC') {
      if (params && isUniversal(params, Tag.OID)) {
        const oid = decodeOid(params);
        facts.curve = objectByOid(oid)?.sn ?? oid;
        facts.keyBits = CURVE_ORDER_BITS[oid];
      } else if (params && isUniversal(params, Tag.SEQUENCE)) {
        // Explicit parameters (version, field, curve, base point, order, cofactor): openssl's size is the
        // order's bit length, not the field's, nor the point's bytes.
        const order = children(params)[4];
        if (order && isUniversal(order, Tag.INTEGER)) facts.keyBits = integerBitLength(order);
      }
      // A curve OpenSSL does not know still has a size: half the uncompressed point, minus its prefix byte.
      if (facts.keyBits === undefined && bitsLength > 0 && spki[bitsStart] === 4)
        facts.keyBits = ((bitsLength - 1) / 2) * 8;
    } else if (keyType === 'DSA' && params && isUniversal(params, Tag.SEQUENCE)) {
      const [p] = children(params);
      if (p) facts.keyBits = integerBitLength(p);
    }
    return facts;
  } catch (error) {
    throw new CoreError('malformed-der', 'malformed SubjectPublicKeyInfo', { cause: error });
  }
}
