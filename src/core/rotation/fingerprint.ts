/** Lowercase hex without separators: `AA:BB:…`, `aa:bb:…` and `aabb…` all name the same fingerprint. */
export function fingerprintHex(fingerprint: string): string {
  return fingerprint.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
}

/** `AA:BB:…`, the way `openssl x509 -fingerprint` prints it and the inventory stores it. */
export function normalizeFingerprint(fingerprint: string): string {
  return (fingerprintHex(fingerprint).match(/../g) ?? []).join(':').toUpperCase();
}

export function sameFingerprint(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && fingerprintHex(a) !== '' && fingerprintHex(a) === fingerprintHex(b);
}

/** `3f2a9c01…`: enough to tell keys apart in a sentence. */
export function shortHash(hash: string, length = 8): string {
  const hex = fingerprintHex(hash);
  return hex.length > length ? `${hex.slice(0, length)}…` : hex;
}
