import { createHash } from 'crypto';
import { bitStringBytes, children, decodeOid, expect, integerBitLength, isUniversal, readNode, Tag } from './der';
import { CoreError } from './errors';
import { KeyType, PublicKeyFacts } from './model';
import { curves, OID } from './oids';

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

/**
 * Facts about a DER SubjectPublicKeyInfo, read from its structure (no KeyObject: this runs once per
 * certificate in a scan). The hash is over the SPKI bytes exactly as given.
 */
export function publicKeyFacts(spki: Buffer): PublicKeyFacts {
  const publicKeySha256 = createHash('sha256').update(spki).digest('hex');
  try {
    const [algorithm, key] = children(readNode(spki));
    const [algOid, params] = children(expect(algorithm, Tag.SEQUENCE, 'AlgorithmIdentifier'));
    const oid = decodeOid(expect(algOid, Tag.OID, 'algorithm OID'));
    const keyType = keyTypes[oid] ?? 'unknown';
    const bits = bitStringBytes(expect(key, Tag.BIT_STRING, 'public key'));
    const facts: PublicKeyFacts = { publicKeySha256, keyType };
    if (keyType === 'RSA' || keyType === 'RSA-PSS') {
      const [modulus] = children(readNode(bits));
      facts.keyBits = integerBitLength(expect(modulus, Tag.INTEGER, 'modulus'));
    } else if (keyType === 'EC') {
      const curve = params && isUniversal(params, Tag.OID) ? curves[decodeOid(params)] : undefined;
      if (curve) {
        facts.curve = curve.name;
        facts.keyBits = curve.bits;
      } else if (params && isUniversal(params, Tag.OID)) {
        facts.curve = decodeOid(params);
      }
      // Named curves we do not list still have a size: half the uncompressed point, minus its prefix byte.
      if (facts.keyBits === undefined && bits[0] === 4) facts.keyBits = ((bits.length - 1) / 2) * 8;
    } else if (keyType === 'DSA' && params && isUniversal(params, Tag.SEQUENCE)) {
      const [p] = children(params);
      if (p) facts.keyBits = integerBitLength(p);
    }
    return facts;
  } catch (error) {
    throw new CoreError('malformed-der', 'malformed SubjectPublicKeyInfo', { cause: error });
  }
}
