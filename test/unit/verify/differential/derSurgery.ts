// Small edits of a certificate's bytes that openssl still loads: the differential corpus needs encodings a
// strict DER reader may refuse, and signatures that no longer match.

export interface Tlv {
  tag: number;
  /** Offset of the tag, of the contents, and the end of the contents. */
  start: number;
  body: number;
  end: number;
}

export function readTlv(der: Buffer, start: number): Tlv {
  const tag = der[start];
  let length = der[start + 1];
  let body = start + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[body + i];
    body += count;
  }
  return { tag, start, body, end: body + length };
}

export function childrenOf(der: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.body; at < parent.end;) {
    const child = readTlv(der, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** A length in long form with one more byte than needed: BER allows it, DER does not. */
function longLength(length: number): Buffer {
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  bytes.unshift(0);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function header(tag: number, length: number): Buffer {
  if (length < 0x80) return Buffer.from([tag, length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
}

/** The outer SEQUENCE's length in a non-minimal long form: outside the signed bytes, so the signature holds. */
export function nonMinimalOuterLength(der: Buffer): Buffer {
  const outer = readTlv(der, 0);
  const content = der.subarray(outer.body, outer.end);
  return Buffer.concat([Buffer.from([outer.tag]), longLength(content.length), content]);
}

/** The last byte flipped: the ECDSA signature's `s` changes, the encoding stays valid. */
export function flipSignatureByte(der: Buffer): Buffer {
  const out = Buffer.from(der);
  out[out.length - 1] ^= 0x01;
  return out;
}

/**
 * The subject Name's first string in a non-minimal long-form length, every enclosing length re-encoded to fit.
 * The signed bytes change, so only a certificate whose own signature is never checked (a trust anchor) keeps
 * working; openssl compares names by their canonical form, so issuer lookups still find it.
 */
export function nonMinimalSubjectString(der: Buffer): Buffer {
  const cert = readTlv(der, 0);
  const tbs = childrenOf(der, cert)[0];
  const fields = childrenOf(der, tbs);
  const subjectIndex = fields[0].tag === 0xa0 ? 5 : 4;
  const subject = fields[subjectIndex];
  const rdn = childrenOf(der, subject)[0];
  const atv = childrenOf(der, rdn)[0];
  const [oid, value] = childrenOf(der, atv);
  const valueBytes = der.subarray(value.body, value.end);
  const newValue = Buffer.concat([Buffer.from([value.tag]), longLength(valueBytes.length), valueBytes]);
  const wrap = (node: Tlv, before: Buffer, inner: Buffer, after: Buffer): Buffer => {
    const content = Buffer.concat([before, inner, after]);
    return Buffer.concat([header(node.tag, content.length), content]);
  };
  const newAtv = wrap(atv, der.subarray(oid.start, oid.end), newValue, der.subarray(value.end, atv.end));
  const newRdn = wrap(rdn, der.subarray(rdn.body, atv.start), newAtv, der.subarray(atv.end, rdn.end));
  const newSubject = wrap(subject, der.subarray(subject.body, rdn.start), newRdn, der.subarray(rdn.end, subject.end));
  const newTbs = wrap(tbs, der.subarray(tbs.body, subject.start), newSubject, der.subarray(subject.end, tbs.end));
  return wrap(cert, Buffer.alloc(0), newTbs, der.subarray(tbs.end, cert.end));
}
