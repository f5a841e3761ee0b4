import { dropTrailingSecretPrefix, redactSecrets } from './redactSecrets';

export const PREVIEW_CHARS = 2048;

/**
 * The start of a response body for people to read, secrets redacted. Redaction runs on the whole text read
 * before cutting, so that a cut never splits a secret into a part that escapes the match.
 */
export function bodyPreview(
  text: string,
  options: { complete: boolean; bytesRead: number; secrets: readonly (string | undefined)[]; limit?: number },
): string {
  const limit = options.limit ?? PREVIEW_CHARS;
  const readable = options.complete ? text : dropTrailingSecretPrefix(text, options.secrets);
  const redacted = redactSecrets(readable, options.secrets);
  if (redacted.length <= limit && options.complete) return redacted;
  const shown = redacted.slice(0, limit);
  const note = options.complete
    ? `showing ${shown.length} of ${redacted.length} characters`
    : `showing ${shown.length} characters; reading stopped after ${options.bytesRead} bytes`;
  return `${shown}\n… [truncated: ${note}]`;
}
