// The one DER writer: the few encodings our own code builds by hand (OpenSSL-exact subject attributes, OIDs with
// arcs beyond 2^32, minimal integers). forge builds the rest of a CSR; these are the places it falls short.

/** The contents octets of an OBJECT IDENTIFIER (no tag, no length); arcs of any size (UUID OIDs under 2.25). */
export function oidBytes(oid: string): number[] {
  const arcs = oid.split('.').map((a) => BigInt(a));
  const out: number[] = [];
  const push = (v: bigint) => {
    const chunk: number[] = [Number(v & 0x7fn)];
    v >>= 7n;
    while (v > 0n) {
      chunk.unshift(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(...chunk);
  };
  push(arcs[0] * 40n + (arcs[1] ?? 0n));
  for (const arc of arcs.slice(2)) push(arc);
  return out;
}

/** Minimal two's complement contents of an INTEGER, as DER requires. */
export function integerBytes(value: bigint): number[] {
  const bytes: number[] = [];
  let v = value;
  for (;;) {
    const byte = Number(v & 0xffn);
    bytes.unshift(byte);
    v >>= 8n;
    if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) break;
  }
  return bytes;
}

/** The definite length octets, short form below 128. */
export function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return [0x80 | bytes.length, ...bytes];
}

/** Tag, length and contents. */
export function tlv(tag: number, contents: ArrayLike<number>): number[] {
  return [tag, ...lengthBytes(contents.length), ...Array.from(contents)];
}

/** DER's order for the members of a SET OF: by their encodings, shorter first on a common prefix. */
export function compareDer(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
