// Mutations of valid inputs for the fuzz tests: bytes (bit flips, truncation, insertion, deletion), DER trees
// (lengths, tags, integers, OIDs, times, strings; removed, duplicated, swapped and grafted nodes, re-encoded with
// consistent lengths or with one length that lies), PEM text (lines dropped, duplicated, swapped, garbage base64,
// nested markers, mismatched labels, CRLF, headers) and line-oriented text (configs, JSON). Every mutation is a
// plain record drawn by fast-check and applied deterministically, so fast-check can shrink it and a seed replays it.
//
// The DER reader here is the test's own, independent of src/core/x509/der.ts, so that a bug there cannot hide here too.
import fc from 'fast-check';

// ---------------------------------------------------------------------------------------------------------------
// Bytes

export type ByteOp =
  | { op: 'flip'; pos: number; bit: number }
  | { op: 'set'; pos: number; value: number }
  | { op: 'truncate'; at: number; from: 'start' | 'end' | 'ratio' }
  | { op: 'insert'; pos: number; bytes: Uint8Array }
  | { op: 'delete'; pos: number; count: number }
  | { op: 'overwrite'; pos: number; bytes: Uint8Array }
  | { op: 'duplicate'; pos: number; count: number; to: number };

const INTERESTING_BYTES = [
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0a, 0x0d, 0x1f, 0x20, 0x2d, 0x30, 0x31, 0x3d, 0x7f, 0x80, 0x81, 0x82,
  0x83, 0x84, 0xa0, 0xa3, 0xfe, 0xff,
];

export const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), pos: fc.nat(), bit: fc.nat({ max: 7 }) }),
  fc.record({
    op: fc.constant('set' as const),
    pos: fc.nat(),
    value: fc.oneof(fc.constantFrom(...INTERESTING_BYTES), fc.nat({ max: 255 })),
  }),
  fc.record({
    op: fc.constant('truncate' as const),
    // Position classes: the first bytes (inside the outer header), the last bytes, and anywhere (a ratio in 1/1000).
    at: fc.nat({ max: 1000 }),
    from: fc.constantFrom('start' as const, 'end' as const, 'ratio' as const),
  }),
  fc.record({
    op: fc.constant('insert' as const),
    pos: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({ op: fc.constant('delete' as const), pos: fc.nat(), count: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    op: fc.constant('overwrite' as const),
    pos: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({
    op: fc.constant('duplicate' as const),
    pos: fc.nat(),
    count: fc.integer({ min: 1, max: 128 }),
    to: fc.nat(),
  }),
);

export function applyByteOp(input: Buffer, m: ByteOp): Buffer {
  const n = input.length;
  const at = (pos: number, size = n) => (size === 0 ? 0 : pos % size);
  switch (m.op) {
    case 'flip': {
      if (n === 0) return input;
      const out = Buffer.from(input);
      out[at(m.pos)] ^= 1 << m.bit;
      return out;
    }
    case 'set': {
      if (n === 0) return input;
      const out = Buffer.from(input);
      out[at(m.pos)] = m.value;
      return out;
    }
    case 'truncate': {
      const keep =
        m.from === 'start'
          ? Math.min(n, m.at % 16)
          : m.from === 'end'
            ? Math.max(0, n - 1 - (m.at % 16))
            : Math.floor((n * m.at) / 1000);
      return input.subarray(0, keep);
    }
    case 'insert': {
      const p = at(m.pos, n + 1);
      return Buffer.concat([input.subarray(0, p), Buffer.from(m.bytes), input.subarray(p)]);
    }
    case 'delete': {
      const p = at(m.pos, n + 1);
      return Buffer.concat([input.subarray(0, p), input.subarray(p + m.count)]);
    }
    case 'overwrite': {
      if (n === 0) return input;
      const out = Buffer.from(input);
      const p = at(m.pos);
      Buffer.from(m.bytes).copy(out, p, 0, Math.min(m.bytes.length, n - p));
      return out;
    }
    case 'duplicate': {
      if (n === 0) return input;
      const p = at(m.pos);
      const chunk = input.subarray(p, p + m.count);
      const to = at(m.to, n + 1);
      return Buffer.concat([input.subarray(0, to), chunk, input.subarray(to)]);
    }
  }
}

/** 1 to 4 byte-level mutations of `seed`. */
export function mutatedBytes(seed: Buffer): fc.Arbitrary<Buffer> {
  return fc.array(byteOp, { minLength: 1, maxLength: 4 }).map((ops) => ops.reduce(applyByteOp, seed));
}

// ---------------------------------------------------------------------------------------------------------------
// DER trees

export interface Tlv {
  /** Identifier octets. */
  tag: Buffer;
  /** Set when the encoded length must lie: these bytes are written instead of the real length. */
  rawLength?: Buffer;
  /** Bytes before the nested TLVs of an encapsulating BIT STRING (its unused-bits byte). */
  prefix?: Buffer;
  children?: Tlv[];
  content?: Buffer;
}

function readTlv(buf: Buffer, pos: number, depth: number): { node: Tlv; next: number } | undefined {
  const start = pos;
  if (pos >= buf.length) return undefined;
  const first = buf[pos++];
  if ((first & 0x1f) === 0x1f) {
    for (let i = 0; ; i++) {
      if (pos >= buf.length || i > 3) return undefined;
      if ((buf[pos++] & 0x80) === 0) break;
    }
  }
  const tag = buf.subarray(start, pos);
  if (pos >= buf.length) return undefined;
  let length = buf[pos++];
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) {
      if (pos >= buf.length) return undefined;
      length = length * 256 + buf[pos++];
    }
  }
  const end = pos + length;
  if (end > buf.length) return undefined;
  const body = buf.subarray(pos, end);
  if (first & 0x20) {
    const children = readTlvs(body, depth + 1);
    if (!children) return undefined;
    return { node: { tag, children }, next: end };
  }
  // Keys, extensions and PKCS#12 bags hide DER inside OCTET and BIT STRINGs: open those too.
  if (depth < 24 && first === 0x04 && body.length > 1 && body[0] === 0x30) {
    const children = readTlvs(body, depth + 1);
    if (children) return { node: { tag, children }, next: end };
  }
  if (depth < 24 && first === 0x03 && body.length > 2 && body[0] === 0x00 && body[1] === 0x30) {
    const children = readTlvs(body.subarray(1), depth + 1);
    if (children) return { node: { tag, prefix: body.subarray(0, 1), children }, next: end };
  }
  return { node: { tag, content: body }, next: end };
}

/** The TLVs that make up all of `buf`, or undefined when it is not exactly a sequence of definite-length TLVs. */
export function readTlvs(buf: Buffer, depth = 0): Tlv[] | undefined {
  const out: Tlv[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const read = readTlv(buf, pos, depth);
    if (!read) return undefined;
    out.push(read.node);
    pos = read.next;
  }
  return out;
}

export function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let v = length; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function encodeTlv(node: Tlv): Buffer {
  const body = node.children
    ? Buffer.concat([node.prefix ?? Buffer.alloc(0), ...node.children.map(encodeTlv)])
    : (node.content ?? Buffer.alloc(0));
  return Buffer.concat([node.tag, node.rawLength ?? encodeLength(body.length), body]);
}

function cloneTlv(node: Tlv): Tlv {
  return { ...node, children: node.children?.map(cloneTlv) };
}

interface Located {
  node: Tlv;
  parent?: Tlv;
  index: number;
}

function flatten(roots: Tlv[]): Located[] {
  const out: Located[] = [];
  const walk = (node: Tlv, parent: Tlv | undefined, index: number) => {
    out.push({ node, parent, index });
    node.children?.forEach((child, i) => walk(child, node, i));
  };
  roots.forEach((root, i) => walk(root, undefined, i));
  return out;
}

const LENGTH_LIES: Array<(real: number, random: Uint8Array) => Buffer> = [
  () => Buffer.from([0x00]),
  (real) => encodeLength(Math.max(0, real - 1)),
  (real) => encodeLength(real + 1),
  (real) => encodeLength(real + 1000),
  () => Buffer.from([0x7f]),
  () => Buffer.from([0x80]), // indefinite: BER, not DER
  (real) => Buffer.from([0x84, (real >>> 24) & 0xff, (real >>> 16) & 0xff, (real >>> 8) & 0xff, real & 0xff]), // not minimal
  () => Buffer.from([0x81, 0x05]), // a long form for a short length
  () => Buffer.from([0x84, 0xff, 0xff, 0xff, 0xff]),
  () => Buffer.from([0x84, 0x7f, 0xff, 0xff, 0xff]),
  () => Buffer.from([0x85, 0x01, 0x00, 0x00, 0x00, 0x00]),
  () => Buffer.from([0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
  () => Buffer.from([0xff]),
  (_real, random) => Buffer.from(random.subarray(0, 1 + (random.length > 0 ? random[0] % 5 : 0))),
];

const INTEGERS = [
  [],
  [0x00],
  [0x01],
  [0xff],
  [0x80],
  [0x00, 0x00, 0x01],
  [0x7f, 0xff, 0xff, 0xff],
  [0xff, 0xff, 0xff, 0xff],
  [0x01, 0x00, 0x00, 0x00, 0x00],
  [0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
  [0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
];

const OIDS = [
  [],
  [0x80],
  [0x2a, 0x86],
  [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01],
  [0x55, 0x1d, 0x11],
  [0x55, 0x1d, 0x13],
  [0x55, 0x04, 0x03],
  [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01],
  [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x0e],
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
  [0x2b, 0x65, 0x70],
  [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01],
];

const TIMES = [
  '',
  'Z',
  '991231235959Z',
  '000229000000Z',
  '491231235959Z',
  '500101000000Z',
  '2301010000Z',
  '230101000000+0100',
  '231301000000Z',
  '230132000000Z',
  '20231301000000Z',
  '99991231235959Z',
  '00000101000000Z',
  '20230101000000.123456789Z',
  '20230101000000.Z',
  '2023010100000Z',
  'ZZZZZZZZZZZZZ',
  '\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000Z',
];

export type DerOp = { op: string; pick: number; other: number; choice: number; bytes: Uint8Array };

const DER_OPS = [
  'length-lie',
  'tag',
  'constructed-bit',
  'content',
  'integer',
  'oid',
  'time',
  'string',
  'remove',
  'duplicate',
  'swap',
  'graft',
  'wrap',
  'empty',
  'high-tag',
] as const;

export const derOp: fc.Arbitrary<DerOp> = fc.record({
  op: fc.constantFrom(...DER_OPS),
  pick: fc.nat(),
  other: fc.nat(),
  choice: fc.nat(),
  bytes: fc.uint8Array({ maxLength: 48 }),
});

function isUniversalTag(node: Tlv, tag: number): boolean {
  return node.tag.length === 1 && (node.tag[0] & 0xdf) === tag;
}

/** Applies one structural mutation; the result is re-encoded (consistent lengths, except for 'length-lie'). */
export function applyDerOp(der: Buffer, m: DerOp): Buffer {
  const roots = readTlvs(der);
  if (!roots || roots.length === 0) return applyByteOp(der, { op: 'flip', pos: m.pick, bit: m.choice % 8 });
  const all = flatten(roots);
  const target = (filter?: (n: Tlv) => boolean) => {
    const pool = filter ? all.filter((l) => filter(l.node)) : all;
    return pool.length === 0 ? all[m.pick % all.length] : pool[m.pick % pool.length];
  };
  const bytes = Buffer.from(m.bytes);
  switch (m.op) {
    case 'length-lie': {
      const { node } = target();
      const real = encodeTlv({ ...node, rawLength: undefined }).length - node.tag.length;
      node.rawLength = LENGTH_LIES[m.choice % LENGTH_LIES.length](real, m.bytes);
      break;
    }
    case 'tag': {
      const { node } = target();
      node.tag = Buffer.from([bytes.length > 0 ? bytes[0] : m.choice & 0xff]);
      break;
    }
    case 'high-tag': {
      const { node } = target();
      node.tag = Buffer.from([
        (node.tag[0] & 0xe0) | 0x1f,
        ...(m.choice % 2 === 0 ? [0x81, 0x80, 0x80, 0x80, 0x01] : [0x80 | (m.choice & 0x7f), 0x05]),
      ]);
      break;
    }
    case 'constructed-bit': {
      const { node } = target();
      node.tag = Buffer.from(node.tag);
      node.tag[0] ^= 0x20;
      break;
    }
    case 'content': {
      const { node } = target();
      node.children = undefined;
      node.prefix = undefined;
      node.content = m.choice % 3 === 0 ? Buffer.alloc(m.choice % 200, bytes.length > 0 ? bytes[0] : 0) : bytes;
      break;
    }
    case 'integer': {
      const { node } = target((n) => isUniversalTag(n, 0x02));
      node.children = undefined;
      node.content = m.choice % 4 === 0 ? bytes : Buffer.from(INTEGERS[m.choice % INTEGERS.length]);
      break;
    }
    case 'oid': {
      const { node } = target((n) => isUniversalTag(n, 0x06));
      node.children = undefined;
      node.content = m.choice % 4 === 0 ? bytes : Buffer.from(OIDS[m.choice % OIDS.length]);
      break;
    }
    case 'time': {
      const { node } = target((n) => isUniversalTag(n, 0x17) || isUniversalTag(n, 0x18));
      node.children = undefined;
      node.content = Buffer.from(TIMES[m.choice % TIMES.length], 'latin1');
      if (m.choice % 5 === 0) node.tag = Buffer.from([node.tag[0] === 0x17 ? 0x18 : 0x17]);
      break;
    }
    case 'string': {
      const { node } = target(
        (n) => n.tag.length === 1 && [0x0c, 0x13, 0x14, 0x16, 0x1a, 0x1c, 0x1e].includes(n.tag[0]),
      );
      node.children = undefined;
      const tags = [0x0c, 0x13, 0x14, 0x16, 0x1a, 0x1c, 0x1e, 0x12, 0x15, 0x19, 0x1b];
      if (m.choice % 3 === 0) node.tag = Buffer.from([tags[m.choice % tags.length]]);
      node.content = m.choice % 2 === 0 ? bytes : Buffer.from(bytes.subarray(0, Math.max(0, bytes.length - 1)));
      break;
    }
    case 'remove': {
      const { parent, index } = target((n) => n !== roots[0]);
      if (parent?.children) parent.children.splice(index, 1);
      break;
    }
    case 'duplicate': {
      const { node, parent, index } = target((n) => n !== roots[0]);
      if (parent?.children) parent.children.splice(index, 0, cloneTlv(node));
      break;
    }
    case 'swap': {
      const { parent, index } = target((n) => n !== roots[0]);
      if (parent?.children && parent.children.length > 1) {
        const j = (index + 1 + (m.other % (parent.children.length - 1))) % parent.children.length;
        [parent.children[index], parent.children[j]] = [parent.children[j], parent.children[index]];
      }
      break;
    }
    case 'graft': {
      // A node from elsewhere in the same structure put in the place of another: types from the wrong place.
      const donor = cloneTlv(all[m.other % all.length].node);
      const { parent, index } = target((n) => n !== roots[0]);
      if (parent?.children) parent.children[index] = donor;
      break;
    }
    case 'wrap': {
      const { node, parent, index } = target();
      const wrapper: Tlv = { tag: Buffer.from([[0x30, 0x31, 0xa0, 0xa3, 0x04][m.choice % 5]]), children: [node] };
      if (parent?.children) parent.children[index] = wrapper;
      else roots[index] = wrapper;
      break;
    }
    case 'empty': {
      const { node } = target((n) => n.children !== undefined);
      node.children = node.children ? [] : undefined;
      node.content = node.children ? undefined : Buffer.alloc(0);
      break;
    }
  }
  return Buffer.concat(roots.map(encodeTlv));
}

/** 1 to 3 DER-aware mutations of `seed`, sometimes followed by a byte-level one. */
export function mutatedDer(seed: Buffer): fc.Arbitrary<Buffer> {
  return fc
    .tuple(fc.array(derOp, { minLength: 1, maxLength: 3 }), fc.option(byteOp, { freq: 4 }))
    .map(([ops, last]) => {
      const der = ops.reduce(applyDerOp, seed);
      return last ? applyByteOp(der, last) : der;
    });
}

/** Either kind of mutation, half and half. */
export function mutatedBinary(seed: Buffer): fc.Arbitrary<Buffer> {
  return fc.oneof(mutatedBytes(seed), mutatedDer(seed));
}

// ---------------------------------------------------------------------------------------------------------------
// PEM text

export type PemOp = { op: string; line: number; other: number; choice: number; text: string };

const PEM_OPS = [
  'drop-line',
  'duplicate-line',
  'swap-lines',
  'garbage-line',
  'base64-char',
  'truncate',
  'crlf',
  'nest-begin',
  'wrong-end',
  'blanks',
  'no-final-newline',
  'double-block',
  'nul',
  'latin1',
  'bom',
  'header',
  'rewrap',
  'pad',
  'join-lines',
  'drop-end',
  'drop-begin',
] as const;

const GARBAGE_LINES = [
  '',
  ' ',
  '\t',
  '====',
  'A',
  'AAA',
  'AAAA=',
  '!!!!',
  '-----',
  '-----BEGIN-----',
  '-----END CERTIFICATE-----',
  '-----BEGIN CERTIFICATE-----',
  '-----BEGIN PRIVATE KEY-----',
  '-----BEGIN  CERTIFICATE-----',
  '-----BEGIN CERTIFICATE----- x',
  'Proc-Type: 4,ENCRYPTED',
  'DEK-Info: AES-256-CBC,00',
  'Zm9v',
  'Zm9v====',
  'Zm9vYg==Zm9v',
  '\u00e9\u00e9\u00e9\u00e9',
  '\u0000',
  'MIIB',
  'MA==',
  'MAA=',
  '//////',
  '++++',
];

export const pemOp: fc.Arbitrary<PemOp> = fc.record({
  op: fc.constantFrom(...PEM_OPS),
  line: fc.nat(),
  other: fc.nat(),
  choice: fc.nat(),
  text: fc.oneof(fc.constantFrom(...GARBAGE_LINES), fc.string({ maxLength: 80 }), fc.base64String({ maxLength: 80 })),
});

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';

function pemLines(text: string): string[] {
  return text.split('\n');
}

export function applyPemOp(text: string, m: PemOp): string {
  const lines = pemLines(text);
  const n = lines.length;
  const i = m.line % Math.max(1, n);
  const beginIndex = lines.findIndex((l) => l.startsWith('-----BEGIN '));
  const endIndex = lines.findIndex((l) => l.startsWith('-----END '));
  const label = beginIndex >= 0 ? (/^-----BEGIN (.*)-----/.exec(lines[beginIndex])?.[1] ?? 'X') : 'X';
  const bodyLine = () => {
    const lo = beginIndex >= 0 ? beginIndex + 1 : 0;
    const hi = endIndex > lo ? endIndex : n;
    return hi > lo ? lo + (m.line % (hi - lo)) : i;
  };
  switch (m.op) {
    case 'drop-line':
      lines.splice(i, 1);
      break;
    case 'duplicate-line':
      lines.splice(i, 0, lines[i] ?? '');
      break;
    case 'swap-lines': {
      const j = m.other % Math.max(1, n);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      break;
    }
    case 'garbage-line':
      lines.splice(bodyLine(), 0, m.text);
      break;
    case 'base64-char': {
      const k = bodyLine();
      const line = lines[k] ?? '';
      if (line.length > 0) {
        const p = m.other % line.length;
        const ch = m.choice % 5 === 0 ? '!' : BASE64_ALPHABET[m.choice % BASE64_ALPHABET.length];
        lines[k] = line.slice(0, p) + ch + line.slice(p + 1);
      }
      break;
    }
    case 'truncate':
      return text.slice(0, Math.floor((text.length * (m.choice % 1001)) / 1000));
    case 'crlf':
      return m.choice % 2 === 0
        ? text.replace(/\n/g, '\r\n')
        : lines.map((l, k) => (k === i ? `${l}\r` : l)).join('\n');
    case 'nest-begin':
      lines.splice(bodyLine(), 0, `-----BEGIN ${m.choice % 2 === 0 ? label : 'CERTIFICATE'}-----`);
      break;
    case 'wrong-end':
      if (endIndex >= 0)
        lines[endIndex] = `-----END ${m.choice % 2 === 0 ? 'CERTIFICATE REQUEST' : label.slice(0, -1)}-----`;
      break;
    case 'blanks': {
      const k = bodyLine();
      const pad = [' ', '\t', '  ', '\u00a0', '\v', '\f'][m.choice % 6];
      lines[k] = m.other % 2 === 0 ? pad + (lines[k] ?? '') : (lines[k] ?? '') + pad;
      break;
    }
    case 'no-final-newline':
      return text.replace(/\n+$/, '');
    case 'double-block':
      return text + (m.choice % 2 === 0 ? '' : '\n') + text;
    case 'nul': {
      const p = m.other % (text.length + 1);
      return text.slice(0, p) + '\u0000' + text.slice(p);
    }
    case 'latin1': {
      const p = m.other % (text.length + 1);
      return text.slice(0, p) + String.fromCharCode(0x80 + (m.choice % 128)) + text.slice(p);
    }
    case 'bom':
      return '\ufeff' + text;
    case 'header':
      if (beginIndex >= 0)
        lines.splice(
          beginIndex + 1,
          0,
          'Proc-Type: 4,ENCRYPTED',
          `DEK-Info: ${m.choice % 2 === 0 ? 'AES-256-CBC,00112233445566778899AABBCCDDEEFF' : m.text}`,
          '',
        );
      break;
    case 'rewrap': {
      // Same base64, other line widths (1, 63, 65, 76, all on one line).
      if (beginIndex < 0 || endIndex <= beginIndex) break;
      const body = lines.slice(beginIndex + 1, endIndex).join('');
      const width = [1, 63, 65, 76, 100_000][m.choice % 5];
      const wrapped: string[] = [];
      for (let p = 0; p < body.length; p += width) wrapped.push(body.slice(p, p + width));
      lines.splice(beginIndex + 1, endIndex - beginIndex - 1, ...wrapped);
      break;
    }
    case 'pad': {
      const k = bodyLine();
      lines[k] = (lines[k] ?? '') + '='.repeat(1 + (m.choice % 3));
      break;
    }
    case 'join-lines':
      if (i + 1 < n) lines.splice(i, 2, lines[i] + lines[i + 1]);
      break;
    case 'drop-end':
      if (endIndex >= 0) lines.splice(endIndex, 1);
      break;
    case 'drop-begin':
      if (beginIndex >= 0) lines.splice(beginIndex, 1);
      break;
  }
  return lines.join('\n');
}

/** The DER of the first block, mutated, then written back as PEM with the same label. */
function mutatedPemDer(pem: string): fc.Arbitrary<string> {
  const match = /-----BEGIN ([^-]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(pem);
  if (!match) return fc.constant(pem);
  const der = Buffer.from(match[2].replace(/\s+/g, ''), 'base64');
  return mutatedBinary(der).map((mutated) => {
    const base64 = mutated
      .toString('base64')
      .replace(/(.{64})/g, '$1\n')
      .replace(/\n$/, '');
    return (
      pem.slice(0, match.index) +
      `-----BEGIN ${match[1]}-----\n${base64}\n-----END ${match[1]}-----` +
      pem.slice(match.index + match[0].length)
    );
  });
}

/** PEM text mutated in its lines, or in the DER it carries. */
export function mutatedPem(seed: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.array(pemOp, { minLength: 1, maxLength: 4 }).map((ops) => ops.reduce(applyPemOp, seed)),
    mutatedPemDer(seed),
    fc.tuple(mutatedPemDer(seed), pemOp).map(([text, op]) => applyPemOp(text, op)),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Line-oriented text: OpenSSL configs and JSON documents

export type TextOp = {
  op: 'insert' | 'delete' | 'replace' | 'drop-line' | 'duplicate-line' | 'swap-lines' | 'truncate' | 'repeat';
  pos: number;
  count: number;
  text: string;
};

export function textOp(alphabet: readonly string[]): fc.Arbitrary<TextOp> {
  const piece = fc.oneof(
    fc.constantFrom(...alphabet),
    fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
    fc.string({ maxLength: 8, unit: 'grapheme' }),
  );
  return fc.record({
    op: fc.constantFrom(
      'insert' as const,
      'delete' as const,
      'replace' as const,
      'drop-line' as const,
      'duplicate-line' as const,
      'swap-lines' as const,
      'truncate' as const,
      'repeat' as const,
    ),
    pos: fc.nat(),
    count: fc.integer({ min: 1, max: 40 }),
    text: piece,
  });
}

export function applyTextOp(text: string, m: TextOp): string {
  const n = text.length;
  const p = m.pos % (n + 1);
  const lines = text.split('\n');
  const li = m.pos % lines.length;
  switch (m.op) {
    case 'insert':
      return text.slice(0, p) + m.text + text.slice(p);
    case 'delete':
      return text.slice(0, p) + text.slice(p + m.count);
    case 'replace':
      return text.slice(0, p) + m.text + text.slice(p + m.text.length);
    case 'drop-line':
      lines.splice(li, 1);
      return lines.join('\n');
    case 'duplicate-line':
      lines.splice(li, 0, lines[li]);
      return lines.join('\n');
    case 'swap-lines': {
      const lj = (m.pos + m.count) % lines.length;
      [lines[li], lines[lj]] = [lines[lj], lines[li]];
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, p);
    case 'repeat':
      return text.slice(0, p) + text.slice(p, p + m.count).repeat(2 + (m.count % 8)) + text.slice(p + m.count);
  }
}

export function mutatedText(seed: string, alphabet: readonly string[]): fc.Arbitrary<string> {
  return fc.array(textOp(alphabet), { minLength: 1, maxLength: 5 }).map((ops) => ops.reduce(applyTextOp, seed));
}

export const CONFIG_ALPHABET = [
  '$',
  '{',
  '}',
  '(',
  ')',
  ':',
  '::',
  '\\',
  '"',
  "'",
  '`',
  '#',
  '[',
  ']',
  '=',
  '\n',
  '\r',
  '\r\n',
  '\0',
  '\t',
  ' ',
  '.',
  '@',
  ',',
  '\ufeff',
  '\u00e9',
  '\\\n',
  '$x',
  '${x}',
  '$(x)',
  '$ENV::HOME',
  '${ENV::X}',
  '$dn::CN',
  '.include',
  '.pragma',
  'dollarid:on',
  'abspath:true',
  'includedir:/x',
  '[ req ]',
  '[ dn ]',
  'prompt = no',
  'distinguished_name = dn',
  'req_extensions = ext',
  'subjectAltName = @alt',
  '[ alt ]',
  'DNS.1 = a.example',
  'IP.1 = ::1',
  'CN = x',
  'O = y',
  'OU = z',
  'default_bits = 1024',
  'critical,',
  'CA:FALSE',
  '0.OU',
  '1.OU',
  '+CN',
];

export const JSON_ALPHABET = [
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '"',
  '\\',
  '\\u',
  '\\u0000',
  '\\ud800',
  '0',
  '-',
  '-0',
  '1e999',
  '1.',
  '.5',
  'e',
  'E',
  '+',
  'true',
  'false',
  'null',
  'tru',
  'nul',
  '\n',
  '\r',
  '\t',
  ' ',
  '\u00a0',
  '\ufeff',
  '\u2028',
  '\u0000',
  '"__proto__"',
  '"constructor"',
  '"version"',
  '"certificates"',
  '"rotations"',
  '1',
  '2',
  '[]',
  '{}',
  '""',
];

/**
 * Raw slices (header included) of the children of the TLV at the start of `buf`, as they are in the bytes: no
 * re-encoding. Undefined when the start of `buf` is not a definite-length constructed TLV.
 */
export function childSlices(buf: Buffer): Buffer[] | undefined {
  const header = (at: number, end: number): { contentStart: number; next: number } | undefined => {
    let pos = at;
    if (pos + 2 > end) return undefined;
    pos++;
    let length = buf[pos++];
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 4 || pos + count > end) return undefined;
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + buf[pos++];
    }
    return pos + length > end ? undefined : { contentStart: pos, next: pos + length };
  };
  const top = header(0, buf.length);
  if (!top) return undefined;
  const out: Buffer[] = [];
  for (let pos = top.contentStart; pos < top.next;) {
    const child = header(pos, top.next);
    if (!child) return undefined;
    out.push(buf.subarray(pos, child.next));
    pos = child.next;
  }
  return out;
}
