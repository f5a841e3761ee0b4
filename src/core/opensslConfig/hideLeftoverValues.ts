// The last guard for "nothing secret on screen" (see valueOrigin.ts).
import { ConfigFinding } from './configFinding';
import { ParsedConfig } from './parseOpensslConfig';
import { placeholder, ValueOrigin } from './valueOrigin';

/** Values hidden from messages shorter than this are not searched for: a short word would garble messages. */
const MIN_HIDDEN_LENGTH = 6;

/**
 * The last guard for "nothing secret on screen": every message was built from shown values (shownValue), and
 * this replaces any hidden text that still slipped into one, so that a message added later without care cannot
 * show a `$ENV::` value or an included file's text.
 */
export function hideLeftoverValues(config: ParsedConfig, findings: ConfigFinding[]): void {
  const hidden = new Map<string, ValueOrigin>();
  for (const entry of config.entries) {
    for (const span of entry.taint ?? []) {
      const text = entry.value.slice(span.start, span.end);
      if (text.trim().length >= MIN_HIDDEN_LENGTH) hidden.set(text, span.origin);
    }
  }
  if (hidden.size === 0) return;
  // Longest first, so that a value containing another is replaced whole.
  const texts = [...hidden.keys()].sort((a, b) => b.length - a.length);
  for (const finding of findings) {
    for (const text of texts) {
      if (finding.message.includes(text))
        finding.message = finding.message.split(text).join(placeholder(hidden.get(text) as ValueOrigin));
    }
  }
}
