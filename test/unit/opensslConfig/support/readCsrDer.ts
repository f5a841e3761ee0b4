// A small DER reader for the CSRs openssl writes in the differential tests: exact bytes, string tags and
// encoding order, which openssl's text output (escaped, comma-joined) cannot give unambiguously.

interface Node {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

function readNode(buf: Buffer, offset: number): Node {
  const tag = buf[offset];
  let length = buf[offset + 1];
  let p = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[p++];
  }
  return { tag, start: offset, contentStart: p, end: p + length };
}

function children(buf: Buffer, node: Node): Node[] {
  const out: Node[] = [];
  for (let p = node.contentStart; p < node.end;) {
    const child = readNode(buf, p);
    out.push(child);
    p = child.end;
  }
  return out;
}

function content(buf: Buffer, node: Node): Buffer {
  return buf.subarray(node.contentStart, node.end);
}

export function decodeOid(bytes: Buffer): string {
  const arcs: bigint[] = [];
  let value = 0n;
  for (const b of bytes) {
    value = (value << 7n) | BigInt(b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(value);
      value = 0n;
    }
  }
  const first = arcs[0] < 80n ? arcs[0] / 40n : 2n;
  const second = arcs[0] - first * 40n;
  return [first, second, ...arcs.slice(1)].join('.');
}

/** The characters of a DER string by its tag. */
export function decodeString(tag: number, bytes: Buffer): string {
  switch (tag) {
    case 0x0c:
      return bytes.toString('utf8');
    case 0x1e: {
      let s = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes.readUInt16BE(i));
      return s;
    }
    case 0x1c: {
      let s = '';
      for (let i = 0; i + 3 < bytes.length; i += 4) s += String.fromCodePoint(bytes.readUInt32BE(i));
      return s;
    }
    default:
      return bytes.toString('latin1');
  }
}

export interface CsrNameAttribute {
  oid: string;
  tag: number;
  value: string;
  rdn: number;
}

export interface CsrGeneralName {
  /** Context tag: 0 otherName, 1 email, 2 DNS, 4 dirName, 6 URI, 7 IP, 8 RID. */
  tag: number;
  bytes: Buffer;
  /** dirName: the name inside. */
  name?: CsrNameAttribute[];
  /** otherName / RID: the OID. */
  oid?: string;
}

export interface CsrExtension {
  oid: string;
  critical: boolean;
  value: Buffer;
  generalNames?: CsrGeneralName[];
}

export interface CsrContents {
  subject: CsrNameAttribute[];
  extensions: CsrExtension[];
  attributes: Array<{ oid: string; tag: number; value: string }>;
  signatureAlgorithm: string;
}

function readName(buf: Buffer, name: Node): CsrNameAttribute[] {
  const out: CsrNameAttribute[] = [];
  children(buf, name).forEach((rdn, index) => {
    for (const atv of children(buf, rdn)) {
      const [type, value] = children(buf, atv);
      out.push({
        oid: decodeOid(content(buf, type)),
        tag: value.tag,
        value: decodeString(value.tag, content(buf, value)),
        rdn: index,
      });
    }
  });
  return out;
}

function readGeneralNames(buf: Buffer): CsrGeneralName[] {
  const seq = readNode(buf, 0);
  return children(buf, seq).map((gn) => {
    const tag = gn.tag & 0x1f;
    const out: CsrGeneralName = { tag, bytes: Buffer.from(content(buf, gn)) };
    if (tag === 4) out.name = readName(buf, children(buf, gn)[0]);
    if (tag === 8) out.oid = decodeOid(content(buf, gn));
    if (tag === 0) out.oid = decodeOid(content(buf, children(buf, gn)[0]));
    return out;
  });
}

export function readCsrDer(der: Buffer): CsrContents {
  const request = readNode(der, 0);
  const [info, algorithm] = children(der, request);
  const infoParts = children(der, info);
  const subject = readName(der, infoParts[1]);
  const extensions: CsrExtension[] = [];
  const attributes: CsrContents['attributes'] = [];
  const attributesNode = infoParts.find((n) => n.tag === 0xa0);
  if (attributesNode) {
    for (const attribute of children(der, attributesNode)) {
      const [type, values] = children(der, attribute);
      const oid = decodeOid(content(der, type));
      if (oid === '1.2.840.113549.1.9.14') {
        const exts = children(der, children(der, values)[0]);
        for (const ext of exts) {
          const parts = children(der, ext);
          const extOid = decodeOid(content(der, parts[0]));
          const critical = parts.length === 3 && der[parts[1].contentStart] !== 0;
          const value = Buffer.from(content(der, parts[parts.length - 1]));
          const e: CsrExtension = { oid: extOid, critical, value };
          if (extOid === '2.5.29.17') e.generalNames = readGeneralNames(value);
          extensions.push(e);
        }
      } else {
        const v = children(der, values)[0];
        attributes.push({ oid, tag: v.tag, value: decodeString(v.tag, content(der, v)) });
      }
    }
  }
  const signatureAlgorithm = decodeOid(content(der, children(der, algorithm)[0]));
  return { subject, extensions, attributes, signatureAlgorithm };
}
