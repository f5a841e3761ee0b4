// IP addresses in subjectAltName exactly as OpenSSL 3.0 reads them (a2i_IPADDRESS). 3.0's IPv4 reader is
// sscanf("%d.%d.%d.%d"): it accepts leading zeros as decimal ("010.0.0.1" is 10.0.0.1), signs, blanks before a
// number and anything after a blank at the end; newer OpenSSL releases are stricter, so the lint warns about those.

function isCSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/** scanf's %d on glibc: blanks, a sign, digits, saturated to long, then truncated to int. */
function scanInt(text: string, i: number): { value: number; next: number } | undefined {
  while (i < text.length && isCSpace(text.charCodeAt(i))) i++;
  let negative = false;
  if (text[i] === '+' || text[i] === '-') {
    negative = text[i] === '-';
    i++;
  }
  const start = i;
  while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
  if (i === start) return undefined;
  const digits = text.slice(start, i);
  let value: number;
  if (digits.length <= 9) {
    value = negative ? -Number(digits) : Number(digits);
  } else {
    let big = BigInt(digits);
    if (negative) big = -big;
    if (big > LONG_MAX) big = LONG_MAX;
    if (big < LONG_MIN) big = LONG_MIN;
    value = Number(BigInt.asIntN(32, big));
  }
  return { value, next: i };
}

export interface IpParse {
  bytes: Uint8Array;
  /** Accepted by OpenSSL 3.0 only through its lenient sscanf reading (leading zeros, signs, blanks, junk after a blank). */
  lenient: boolean;
}

function ipv4(text: string): IpParse | undefined {
  const out = new Uint8Array(4);
  let i = 0;
  for (let k = 0; k < 4; k++) {
    if (k > 0) {
      if (text[i] !== '.') return undefined;
      i++;
    }
    const n = scanInt(text, i);
    if (!n || n.value < 0 || n.value > 255) return undefined;
    out[k] = n.value;
    i = n.next;
  }
  if (i < text.length && !isCSpace(text.charCodeAt(i))) return undefined;
  const strict = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(text);
  return { bytes: out, lenient: !strict };
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

function ipv6(text: string): IpParse | undefined {
  const tmp = new Uint8Array(16);
  let total = 0;
  let zeroPos = -1;
  let zeroCount = 0;
  let lenient = false;
  // CONF_parse_list(text, ':', 0, ...): elements between colons, blanks kept; empty ones mark "::".
  let start = 0;
  for (;;) {
    const colon = text.indexOf(':', start);
    const elementEnd = colon < 0 ? text.length : colon;
    const len = elementEnd - start;
    if (total === 16) return undefined;
    if (len === 0) {
      if (zeroPos === -1) zeroPos = total;
      else if (zeroPos !== total) return undefined;
      zeroCount++;
    } else if (len > 4) {
      if (total > 12 || colon >= 0) return undefined;
      const v4 = ipv4(text.slice(start, elementEnd));
      if (!v4) return undefined;
      lenient = lenient || v4.lenient;
      tmp.set(v4.bytes, total);
      total += 4;
    } else {
      let num = 0;
      for (let k = start; k < elementEnd; k++) {
        const x = hexValue(text.charCodeAt(k));
        if (x < 0) return undefined;
        num = (num << 4) | x;
      }
      tmp[total] = num >> 8;
      tmp[total + 1] = num & 0xff;
      total += 2;
    }
    if (colon < 0) break;
    start = colon + 1;
  }
  if (zeroPos === -1) {
    if (total !== 16) return undefined;
  } else {
    if (total === 16) return undefined;
    if (zeroCount > 3) return undefined;
    if (zeroCount === 3) {
      if (total > 0) return undefined;
    } else if (zeroCount === 2) {
      if (zeroPos !== 0 && zeroPos !== total) return undefined;
    } else if (zeroPos === 0 || zeroPos === total) {
      return undefined;
    }
  }
  const out = new Uint8Array(16);
  if (zeroPos >= 0) {
    out.set(tmp.subarray(0, zeroPos), 0);
    out.set(tmp.subarray(zeroPos, total), zeroPos + 16 - total);
  } else {
    out.set(tmp);
  }
  return { bytes: out, lenient };
}

/** a2i_IPADDRESS: a colon anywhere means IPv6. */
export function parseIpAddress(text: string): IpParse | undefined {
  return text.includes(':') ? ipv6(text) : ipv4(text);
}

/** IPv4 dotted; IPv6 in RFC 5952 form (lowercase, longest run of two or more zero groups as ::). */
export function formatIpAddress(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length !== 16) return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
