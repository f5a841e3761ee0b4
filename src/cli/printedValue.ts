/**
 * A value as printed: one from the environment or an included file is named, not printed, and marked
 * `"redacted": true` in JSON. A cloned repository's config chooses which variables and files it reads, and this
 * output ends up on screens and in CI logs; `generate` puts the real values into the CSR.
 */
export function printedValue<T extends { type: string; value: string; shown?: string }>(
  item: T,
): Pick<T, 'type' | 'value'> & { redacted?: true } {
  return item.shown !== undefined
    ? { type: item.type, value: item.shown, redacted: true }
    : { type: item.type, value: item.value };
}
