// ossl_a2ulabel and ossl_punycode_decode (crypto/punycode.c, 3.0): the U-label form OpenSSL 3.0 turns an
// email constraint's host into before comparing it with a SmtpUTF8Mailbox name, bounded as its buffers are.

const BASE = 36;
const TMIN = 1;
const TMAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 0x80;
const MAXINT = 0xffffffff;
const LABEL_BUF_SIZE = 512;

function adapt(delta: number, numpoints: number, firstTime: boolean): number {
  let k = 0;
  delta = firstTime ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
  delta = delta + Math.floor(delta / numpoints);
  while (delta > Math.floor(((BASE - TMIN) * TMAX) / 2)) {
    delta = Math.floor(delta / (BASE - TMIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - TMIN + 1) * delta) / (delta + SKEW));
}

function digitValue(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 26;
  return -1;
}

/** The code points of a punycode label (without its xn--), or undefined where OpenSSL's decoder fails. */
export function punycodeDecode(encoded: Buffer): number[] | undefined {
  let n = INITIAL_N;
  let i = 0;
  let bias = INITIAL_BIAS;
  let basicCount = 0;
  for (let at = 0; at < encoded.length; at++) if (encoded[at] === 0x2d) basicCount = at;
  const out: number[] = [];
  let loop = 0;
  if (basicCount > 0) {
    if (basicCount > LABEL_BUF_SIZE) return undefined;
    for (; loop < basicCount; loop++) {
      if (encoded[loop] >= 0x80) return undefined;
      out.push(encoded[loop]);
    }
    loop = basicCount + 1;
  }
  while (loop < encoded.length) {
    const oldi = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (loop >= encoded.length) return undefined;
      const digit = digitValue(encoded[loop++]);
      if (digit < 0) return undefined;
      if (digit > Math.floor((MAXINT - i) / w)) return undefined;
      i += digit * w;
      const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
      if (digit < t) break;
      if (w > Math.floor(MAXINT / (BASE - t))) return undefined;
      w *= BASE - t;
    }
    bias = adapt(i - oldi, out.length + 1, oldi === 0);
    if (Math.floor(i / (out.length + 1)) > MAXINT - n) return undefined;
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (out.length >= LABEL_BUF_SIZE) return undefined;
    out.splice(i, 0, n);
    i++;
  }
  return out;
}

function utf8Of(cp: number): number[] | undefined {
  if (cp <= 0x7f) return [cp];
  if (cp <= 0x7ff) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp <= 0xffff) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  if (cp <= 0x10ffff)
    return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return undefined;
}

/**
 * ossl_a2ulabel(in, out, outlen): the labels of `input` with each `xn--` label decoded; undefined where it
 * returns 0 or less (a bad label, or the result and its NUL not fitting in `outlen` bytes).
 */
export function a2ulabel(input: Buffer, outlen: number): Buffer | undefined {
  const out: number[] = [];
  let start = 0;
  for (;;) {
    let dot = input.indexOf(0x2e, start);
    const last = dot < 0;
    if (last) dot = input.length;
    const label = input.subarray(start, dot);
    // HAS_PREFIX looks at the rest of the string, not the label: "xn--" cannot span a dot, so the same.
    if (input.subarray(start, start + 4).toString('latin1') === 'xn--') {
      const points = punycodeDecode(label.subarray(4));
      if (points === undefined) return undefined;
      for (const cp of points) {
        const bytes = utf8Of(cp);
        if (bytes === undefined) return undefined;
        out.push(...bytes);
      }
    } else {
      out.push(...label);
    }
    if (last) break;
    out.push(0x2e);
    start = dot + 1;
  }
  // The NUL terminator must fit too; running out of room is a failure (0) for the caller.
  if (out.length + 1 > outlen) return undefined;
  return Buffer.from(out);
}
