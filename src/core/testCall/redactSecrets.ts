export const REDACTED = '[REDACTED]';

/**
 * The forms a secret takes in text we show: as sent, inside a JSON string (a server echoing headers as JSON),
 * percent-encoded (in a URL) and HTML-escaped (in an error page).
 */
function variants(secret: string): string[] {
  const forms = new Set<string>([
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    secret
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;'),
  ]);
  return [...forms];
}

/** `text` with every occurrence of every secret replaced by `[REDACTED]`; empty secrets are ignored. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  const forms = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0).flatMap(variants);
  // Longest first, so that a secret containing another is replaced whole.
  forms.sort((a, b) => b.length - a.length);
  let result = text;
  for (const form of forms) result = result.split(form).join(REDACTED);
  return result;
}

/**
 * Drops a trailing beginning of a secret from text that was cut at a byte limit, where the whole secret
 * could not be matched: `...X-API-Key: sk_li` would otherwise leak the first characters.
 */
export function dropTrailingSecretPrefix(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of variants(secret)) {
      for (let k = Math.min(form.length - 1, result.length); k > 0; k--) {
        if (result.endsWith(form.slice(0, k))) {
          result = result.slice(0, -k);
          break;
        }
      }
    }
  }
  return result;
}

/** A copy of `value` with redactSecrets applied to every string inside it (keys included). */
export function redactAllStrings<T>(value: T, secrets: readonly (string | undefined)[]): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactSecrets(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [redactSecrets(k, secrets), walk(inner)]));
    }
    return v;
  };
  return walk(value) as T;
}
