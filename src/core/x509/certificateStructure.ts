// Without X509Certificate on the inventory path, nothing else would refuse what OpenSSL's d2i_X509 refuses:
// this walks a Certificate as OpenSSL 3.0's ASN.1 templates decode it (X509, X509_CINF, X509_ALGOR, X509_NAME
// with its canonical form, X509_VAL, X509_PUBKEY, X509_EXTENSION), in one pass over the bytes, without copies
// except when a string comes in BER segments. The verdicts were established by running this machine's openssl
// on crafted DER (test/unit/x509/certificateStructure.test.ts keeps them).
//
// Headers are read as der.ts reads them (definite lengths of at most four bytes) where readCertificate reads
// them too; inside the values readCertificate never opens (algorithm parameters, segments of a BER string),
// they are read as OpenSSL reads them, indefinite lengths included, so that this check refuses nothing there
// that OpenSSL loads.
import { CoreError } from '../errors';
import { checkContents, checkNameString, mustBePrimitive } from './asn1ContentRules';
import { Tag, TagClass } from './der';

/** OpenSSL reads at most this much of a Name (X509_NAME_MAX). */
const NAME_MAX_BYTES = 1024 * 1024;
/** OpenSSL's limit on nested segments of a BER string (ASN1_MAX_STRING_NEST). */
const STRING_NEST_MAX = 5;
const INDEFINITE = -1;
/** INT_MAX >> 7: the most a tag number may reach before its last byte. */
const TAG_PREFIX_MAX = 0xffffff;

/** Universal tags a name's value may have (ASN1_PRINTABLE's mask; SEQUENCE kept as encoded). */
const NAME_VALUE_TAGS: readonly boolean[] = (() => {
  const allowed = new Array<boolean>(31).fill(false);
  for (const tag of [3, 7, 8, 9, 11, 12, 13, 14, 15, 16, 18, 19, 20, 22, 28, 29, 30]) allowed[tag] = true;
  return allowed;
})();

function fail(message: string): never {
  throw new CoreError('malformed-der', message);
}

// The last header read: module state rather than an object per node, since a scan reads some 60 per certificate.
let tagClass = 0;
let constructed = false;
let tag = 0;
let contentStart = 0;
/** INDEFINITE for an indefinite length. */
let contentEnd = 0;

function readHeader(buf: Buffer, pos: number, limit: number, ber: boolean): void {
  if (pos >= limit) fail('unexpected end of data');
  const first = buf[pos++];
  tagClass = first >> 6;
  constructed = (first & 0x20) !== 0;
  tag = first & 0x1f;
  if (tag === 0x1f) {
    // OpenSSL refuses a tag number whose bytes before the last exceed 24 bits; der.ts also takes 5 bytes at most.
    tag = 0;
    for (let i = 0; ; i++) {
      if (pos >= limit || (!ber && i > 4)) fail('bad tag');
      const b = buf[pos++];
      tag = tag * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
      if (tag > TAG_PREFIX_MAX) fail('tag number too large');
    }
  }
  if (pos >= limit) fail('unexpected end of data');
  let length = buf[pos++];
  if (length & 0x80) {
    let count = length & 0x7f;
    if (count === 0) {
      if (!ber || !constructed) fail('indefinite length');
      contentStart = pos;
      contentEnd = INDEFINITE;
      return;
    }
    if (pos + count > limit) fail('unexpected end of data');
    if (ber) {
      // OpenSSL skips leading zero bytes of a long-form length; der.ts takes four bytes at most.
      while (count > 0 && buf[pos] === 0) {
        pos++;
        count--;
      }
      if (count > 6) fail('length too large');
    } else if (count > 4) {
      fail('length too large');
    }
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[pos++];
  }
  if (length > limit - pos) fail('length runs past the end of data');
  contentStart = pos;
  contentEnd = pos + length;
}

function isEoc(buf: Buffer, pos: number, limit: number): boolean {
  return pos + 1 < limit && buf[pos] === 0 && buf[pos + 1] === 0;
}

/** Reads a header that must be a constructed universal `expected` (SEQUENCE or SET); returns its end. */
function openConstructed(buf: Buffer, pos: number, limit: number, expected: number, what: string): number {
  if (isEoc(buf, pos, limit)) fail(`unexpected end-of-contents instead of ${what}`);
  readHeader(buf, pos, limit, false);
  if (tagClass !== TagClass.UNIVERSAL || tag !== expected || !constructed) fail(`expected ${what}`);
  return contentEnd;
}

/** Throws unless the whole Certificate in `der` (its first TLV) decodes as d2i_X509 decodes it. */
export function checkCertificateStructure(der: Buffer): void {
  const end = openConstructed(der, 0, der.length, Tag.SEQUENCE, 'Certificate');
  let pos = tbsCertificate(der, contentStart, end);
  pos = algorithmIdentifier(der, pos, end);
  pos = bitString(der, pos, end, TagClass.UNIVERSAL, Tag.BIT_STRING, 'signature');
  if (pos !== end) fail('data after the signature');
}

function tbsCertificate(buf: Buffer, pos: number, limit: number): number {
  const end = openConstructed(buf, pos, limit, Tag.SEQUENCE, 'TBSCertificate');
  pos = contentStart;
  readHeader(buf, pos, end, false);
  if (tagClass === TagClass.CONTEXT && tag === 0) {
    if (!constructed) fail('version tag not constructed');
    const versionEnd = contentEnd;
    if (primitive(buf, contentStart, versionEnd, Tag.INTEGER, 'version') !== versionEnd) fail('bad version');
    pos = versionEnd;
  }
  pos = primitive(buf, pos, end, Tag.INTEGER, 'serialNumber');
  pos = algorithmIdentifier(buf, pos, end);
  pos = name(buf, pos, end);
  pos = validity(buf, pos, end);
  pos = name(buf, pos, end);
  pos = subjectPublicKeyInfo(buf, pos, end);
  for (const uniqueId of [1, 2]) {
    if (pos >= end) return end;
    readHeader(buf, pos, end, false);
    if (tagClass === TagClass.CONTEXT && tag === uniqueId)
      pos = bitString(buf, pos, end, TagClass.CONTEXT, uniqueId, 'unique identifier');
  }
  if (pos < end) {
    readHeader(buf, pos, end, false);
    if (tagClass === TagClass.CONTEXT && tag === 3) {
      if (!constructed) fail('extensions tag not constructed');
      const wrapperEnd = contentEnd;
      if (extensions(buf, contentStart, wrapperEnd) !== wrapperEnd) fail('data after the extensions');
      pos = wrapperEnd;
    }
  }
  if (pos !== end) fail('unexpected field in TBSCertificate');
  return end;
}

/** A universal primitive of type `expected` with valid contents; returns its end. */
function primitive(buf: Buffer, pos: number, limit: number, expected: number, what: string): number {
  if (isEoc(buf, pos, limit)) fail(`unexpected end-of-contents instead of ${what}`);
  readHeader(buf, pos, limit, false);
  if (tagClass !== TagClass.UNIVERSAL || tag !== expected || constructed) fail(`expected ${what}`);
  checkContents(expected, buf, contentStart, contentEnd);
  return contentEnd;
}

/** A BIT STRING (universal, or implicitly tagged), primitive or in BER segments; returns its end. */
function bitString(buf: Buffer, pos: number, limit: number, cls: number, expected: number, what: string): number {
  readHeader(buf, pos, limit, false);
  if (tagClass !== cls || tag !== expected) fail(`expected ${what}`);
  if (!constructed) {
    checkContents(Tag.BIT_STRING, buf, contentStart, contentEnd);
    return contentEnd;
  }
  const { bytes, end } = segments(buf, contentStart, contentEnd, limit);
  checkContents(Tag.BIT_STRING, bytes, 0, bytes.length);
  return end;
}

function algorithmIdentifier(buf: Buffer, pos: number, limit: number): number {
  const end = openConstructed(buf, pos, limit, Tag.SEQUENCE, 'AlgorithmIdentifier');
  pos = primitive(buf, contentStart, end, Tag.OID, 'algorithm OID');
  if (pos < end) pos = anyValue(buf, pos, end);
  if (pos !== end) fail('data after the algorithm parameters');
  return end;
}

/** ANY: a universal value is held to its type's rules; SEQUENCE, SET and other classes are kept as encoded. */
function anyValue(buf: Buffer, pos: number, limit: number): number {
  if (isEoc(buf, pos, limit)) fail('unexpected end-of-contents');
  readHeader(buf, pos, limit, true);
  const kind = tag;
  if (tagClass !== TagClass.UNIVERSAL || kind === Tag.SEQUENCE || kind === Tag.SET) {
    if (tagClass === TagClass.UNIVERSAL && !constructed) fail('SEQUENCE or SET not constructed');
    return contentEnd === INDEFINITE ? endOfIndefinite(buf, contentStart, limit) : contentEnd;
  }
  if (!constructed) {
    checkContents(kind, buf, contentStart, contentEnd);
    return contentEnd;
  }
  if (mustBePrimitive(kind)) fail('constructed form of a primitive type');
  const { bytes, end } = segments(buf, contentStart, contentEnd, limit);
  checkContents(kind, bytes, 0, bytes.length);
  return end;
}

/** Where an indefinite-length value whose contents start at `pos` ends (after its end-of-contents). */
function endOfIndefinite(buf: Buffer, pos: number, limit: number): number {
  let expected = 1;
  while (pos < limit) {
    if (isEoc(buf, pos, limit)) {
      pos += 2;
      if (--expected === 0) return pos;
      continue;
    }
    readHeader(buf, pos, limit, true);
    if (contentEnd === INDEFINITE) {
      expected++;
      pos = contentStart;
    } else {
      pos = contentEnd;
    }
  }
  fail('missing end-of-contents');
}

/**
 * The contents of a string in BER segments, joined, and where the string ends. OpenSSL looks at neither the
 * segments' tags nor their classes, only at how deep they nest.
 */
function segments(buf: Buffer, start: number, end: number, limit: number): { bytes: Buffer; end: number } {
  const parts: Buffer[] = [];
  const stop = collect(buf, start, end, limit, 0, parts);
  return { bytes: Buffer.concat(parts), end: stop };
}

function collect(buf: Buffer, pos: number, end: number, limit: number, depth: number, parts: Buffer[]): number {
  const indefinite = end === INDEFINITE;
  const stop = indefinite ? limit : end;
  while (pos < stop) {
    if (isEoc(buf, pos, stop)) {
      if (!indefinite) fail('unexpected end-of-contents');
      return pos + 2;
    }
    readHeader(buf, pos, stop, true);
    if (constructed) {
      if (depth >= STRING_NEST_MAX) fail('string segments nested too deep');
      pos = collect(buf, contentStart, contentEnd, stop, depth + 1, parts);
    } else {
      parts.push(buf.subarray(contentStart, contentEnd));
      pos = contentEnd;
    }
  }
  if (indefinite) fail('missing end-of-contents');
  return pos;
}

/** Name: SEQUENCE OF SET OF SEQUENCE { OID, value }, every value one OpenSSL can canonicalise. */
function name(buf: Buffer, pos: number, limit: number): number {
  const end = openConstructed(buf, pos, limit, Tag.SEQUENCE, 'Name');
  if (end - pos > NAME_MAX_BYTES) fail('Name too long');
  for (let rdn = contentStart; rdn < end;) {
    const rdnEnd = openConstructed(buf, rdn, end, Tag.SET, 'RelativeDistinguishedName');
    for (let at = contentStart; at < rdnEnd;) {
      const attributeEnd = openConstructed(buf, at, rdnEnd, Tag.SEQUENCE, 'AttributeTypeAndValue');
      const typeEnd = primitive(buf, contentStart, attributeEnd, Tag.OID, 'attribute type');
      if (nameValue(buf, typeEnd, attributeEnd) !== attributeEnd) fail('data after an attribute value');
      at = attributeEnd;
    }
    rdn = rdnEnd;
  }
  return end;
}

function nameValue(buf: Buffer, pos: number, limit: number): number {
  readHeader(buf, pos, limit, false);
  const kind = tag;
  if (tagClass !== TagClass.UNIVERSAL || kind > 30 || !NAME_VALUE_TAGS[kind]) fail('attribute value of a wrong type');
  if (kind === Tag.SEQUENCE) {
    if (!constructed) fail('SEQUENCE not constructed');
    return contentEnd;
  }
  if (!constructed) {
    checkContents(kind, buf, contentStart, contentEnd);
    checkNameString(kind, buf, contentStart, contentEnd);
    return contentEnd;
  }
  const { bytes, end } = segments(buf, contentStart, contentEnd, limit);
  checkContents(kind, bytes, 0, bytes.length);
  checkNameString(kind, bytes, 0, bytes.length);
  return end;
}

function validity(buf: Buffer, pos: number, limit: number): number {
  const end = openConstructed(buf, pos, limit, Tag.SEQUENCE, 'Validity');
  pos = contentStart;
  for (let i = 0; i < 2; i++) {
    if (isEoc(buf, pos, end)) fail('unexpected end-of-contents instead of a time');
    readHeader(buf, pos, end, false);
    if (tagClass !== TagClass.UNIVERSAL || (tag !== Tag.UTC_TIME && tag !== Tag.GENERALIZED_TIME))
      fail('expected a time');
    pos = constructed ? segments(buf, contentStart, contentEnd, end).end : contentEnd;
  }
  if (pos !== end) fail('data after the validity');
  return end;
}

function subjectPublicKeyInfo(buf: Buffer, pos: number, limit: number): number {
  const end = openConstructed(buf, pos, limit, Tag.SEQUENCE, 'SubjectPublicKeyInfo');
  pos = algorithmIdentifier(buf, contentStart, end);
  pos = bitString(buf, pos, end, TagClass.UNIVERSAL, Tag.BIT_STRING, 'public key');
  if (pos !== end) fail('data after the public key');
  return end;
}

/** SEQUENCE OF Extension { OID, critical BOOLEAN OPTIONAL, OCTET STRING }; returns its end. */
function extensions(buf: Buffer, pos: number, limit: number): number {
  const end = openConstructed(buf, pos, limit, Tag.SEQUENCE, 'Extensions');
  for (let at = contentStart; at < end;) {
    const extensionEnd = openConstructed(buf, at, end, Tag.SEQUENCE, 'Extension');
    let p = primitive(buf, contentStart, extensionEnd, Tag.OID, 'extension OID');
    readHeader(buf, p, extensionEnd, false);
    if (tagClass === TagClass.UNIVERSAL && tag === Tag.BOOLEAN) {
      p = primitive(buf, p, extensionEnd, Tag.BOOLEAN, 'critical');
      readHeader(buf, p, extensionEnd, false);
    }
    if (tagClass !== TagClass.UNIVERSAL || tag !== Tag.OCTET_STRING) fail('expected extnValue');
    p = constructed ? segments(buf, contentStart, contentEnd, extensionEnd).end : contentEnd;
    if (p !== extensionEnd) fail('data after an extension value');
    at = extensionEnd;
  }
  return end;
}
