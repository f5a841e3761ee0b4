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
