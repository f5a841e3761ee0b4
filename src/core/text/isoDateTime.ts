import { CoreError } from '../errors';

/**
 * ISO 8601 date-time with seconds and an explicit zone, as the records store them. A JSON Schema `pattern`
 * rather than `format: date-time`, because validators treat formats as optional annotations.
 */
export const ISO_DATE_TIME_PATTERN =
  '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$';

const isoDateTime = new RegExp(ISO_DATE_TIME_PATTERN, 'u');

export function isIsoDateTime(value: string): boolean {
  return isoDateTime.test(value) && !Number.isNaN(Date.parse(value));
}

export function timeOf(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new CoreError('invalid-date', `not a date: ${JSON.stringify(iso)}`);
  return t;
}

export function isoOf(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new CoreError('invalid-date', 'not a valid date');
  return date.toISOString();
}
