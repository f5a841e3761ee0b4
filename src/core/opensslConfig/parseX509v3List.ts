// X509V3_parse_list (crypto/x509/v3_utl.c): how an inline extension value such as
// `DNS:a.example, IP:10.0.0.1, critical` is split into name[:value] items, with offsets kept for findings.

export interface X509v3ListItem {
  name: string;
  /** Absent when the item has no `:` (`critical`, `@section`, `CA:true` has one). */
  value?: string;
  nameStart: number;
  nameEnd: number;
  valueStart?: number;
  valueEnd?: number;
}

export type X509v3ListResult =
  { items: X509v3ListItem[] } | { error: 'invalid-empty-name' | 'invalid-null-value'; start: number; end: number };

// C isspace(): what strip_spaces trims.
function isCSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/**
 * strip_spaces, including its quirk: a one-character token keeps its trailing blanks (`DNS:a , ...` yields the
 * name "a " with the blank, and openssl encodes it so).
 */
function strip(text: string, start: number, end: number): [number, number] | undefined {
  let p = start;
  while (p < end && isCSpace(text.charCodeAt(p))) p++;
  if (p >= end) return undefined;
  let q = end - 1;
  while (q !== p && isCSpace(text.charCodeAt(q))) q--;
  return p !== q ? [p, q + 1] : [p, end];
}

export function parseX509v3List(line: string): X509v3ListResult {
  const items: X509v3ListItem[] = [];
  // Parsing stops at the first CR or LF, as OpenSSL's loop does.
  let limit = line.length;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x0d || c === 0x0a || c === 0) {
      limit = i;
      break;
    }
  }
  let inValue = false;
  let q = 0;
  let name: [number, number] | undefined;
  for (let p = 0; p < limit; p++) {
    const c = line[p];
    if (!inValue) {
      if (c === ':') {
        name = strip(line, q, p);
        if (!name) return { error: 'invalid-empty-name', start: q, end: p + 1 };
        inValue = true;
        q = p + 1;
      } else if (c === ',') {
        const n = strip(line, q, p);
        if (!n) return { error: 'invalid-empty-name', start: q, end: p + 1 };
        items.push({ name: line.slice(n[0], n[1]), nameStart: n[0], nameEnd: n[1] });
        q = p + 1;
      }
    } else if (c === ',') {
      const v = strip(line, q, p);
      if (!v) return { error: 'invalid-null-value', start: q, end: p };
      const n = name as [number, number];
      items.push({
        name: line.slice(n[0], n[1]),
        value: line.slice(v[0], v[1]),
        nameStart: n[0],
        nameEnd: n[1],
        valueStart: v[0],
        valueEnd: v[1],
      });
      inValue = false;
      q = p + 1;
    }
  }
  if (inValue) {
    const v = strip(line, q, limit);
    if (!v) return { error: 'invalid-null-value', start: q, end: limit };
    const n = name as [number, number];
    items.push({
      name: line.slice(n[0], n[1]),
      value: line.slice(v[0], v[1]),
      nameStart: n[0],
      nameEnd: n[1],
      valueStart: v[0],
      valueEnd: v[1],
    });
  } else {
    const n = strip(line, q, limit);
    if (!n) return { error: 'invalid-empty-name', start: q, end: limit };
    items.push({ name: line.slice(n[0], n[1]), nameStart: n[0], nameEnd: n[1] });
  }
  return { items };
}
