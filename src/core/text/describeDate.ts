/** `2030-01-01 00:00 UTC`: unambiguous in messages whatever the reader's zone. */
export function describeDate(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
