import { parseArgs as parseNodeArgs } from 'node:util';

/** A mistake in the command line: exit code 2 and one line on stderr. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  type: 'boolean' | 'string';
  /** Shown in --help. */
  description: string;
  /** Value placeholder in --help, e.g. `DAYS`. */
  value?: string;
  /** A string option that may be given more than once (`--store A --store B`): its values in order. */
  multiple?: boolean;
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface ParsedArgs {
  positionals: string[];
  /**
   * `true` for booleans given, the last value for strings given, every value in order for `multiple` options;
   * absent when not given.
   */
  options: Record<string, string | true | string[]>;
}

/**
 * `--name value`, `--name=value`, booleans as `--name`, and `--` to end options; unknown options are errors.
 * node:util tokenizes. Its strict mode is not used because it calls `--within -1` ambiguous, where this CLI
 * takes `-1` as the value and lets the option say why it is out of range; the rules are applied to the tokens.
 */
export function parseArgs(argv: readonly string[], specs: OptionSpecs): ParsedArgs {
  const { tokens } = parseNodeArgs({
    args: [...argv],
    options: nodeOptions(specs),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const positionals: string[] = [];
  const options: Record<string, string | true | string[]> = {};
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    // A cluster of short flags such as `-abc` is one unknown option, named as typed.
    if (token.rawName.startsWith('-') && !token.rawName.startsWith('--'))
      throw new UsageError(`unknown option ${argv[token.index]}`);
    const spec = Object.prototype.hasOwnProperty.call(specs, token.name) ? specs[token.name] : undefined;
    if (!spec) throw new UsageError(`unknown option ${token.rawName}`);
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      options[token.name] = true;
      continue;
    }
    // `--within --json` is a forgotten value, not a value that looks like an option.
    const forgotten =
      token.value === undefined || token.value === '' || (!token.inlineValue && token.value.startsWith('--'));
    if (forgotten) throw new UsageError(`${token.rawName} needs a value${spec.value ? ` (${spec.value})` : ''}`);
    if (spec.multiple) {
      const values = options[token.name];
      options[token.name] = Array.isArray(values) ? [...values, token.value] : [token.value];
    } else options[token.name] = token.value;
  }
  return { positionals, options };
}

function nodeOptions(specs: OptionSpecs): Record<string, { type: 'boolean' | 'string' }> {
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, { type: spec.type }]));
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}

/** Every value of a `multiple` option, in the order given; empty when it was not given. */
export function listOption(args: ParsedArgs, name: string): string[] {
  const value = args.options[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

/** Longer than any certificate anyone issues or any CI gate asks about; larger values are typing mistakes. */
export const MAX_DAYS = 36_500;

/**
 * A whole number from `min` to `max`, written with digits only: Number() would also take `0x10`, `1e3`,
 * ` 12 ` and `` (as 0), and a number past 2^53 or a timer past 2^31 - 1 would silently become another one.
 */
export function parseWholeNumber(option: string, text: string, range: { min: number; max: number }): number {
  const value = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= range.min && value <= range.max)) {
    throw new UsageError(
      `${option} must be a whole number from ${range.min} to ${range.max}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

/** A number of days, fractions allowed (`--within 0.5`), from 0 to MAX_DAYS. */
export function parseDays(option: string, text: string): number {
  const value = /^\d{1,16}(\.\d{1,16})?$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 0 && value <= MAX_DAYS))
    throw new UsageError(`${option} must be a number of days from 0 to ${MAX_DAYS}, got ${JSON.stringify(text)}`);
  return value;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))?)?$/i;

/**
 * ISO 8601 date or date-time; a time without a zone is taken as UTC, so that runs do not depend on TZ. Every
 * field is checked against its range: Date would turn 2026-02-31 into 3 March without a word.
 */
export function parseNow(value: string | undefined, option = '--now'): Date {
  if (value === undefined) return new Date();
  const refuse = (why: string) =>
    new UsageError(`${option} must be an ISO 8601 date or date-time (${why}), got ${JSON.stringify(value)}`);
  const match = ISO_DATE.exec(value);
  if (!match) throw refuse('e.g. 2026-12-01 or 2026-12-01T09:30:00Z');
  const [
    ,
    year,
    month,
    day,
    hour = '00',
    minute = '00',
    second = '00',
    fraction = '',
    zone = 'Z',
    sign,
    zoneHours = '00',
    zoneMinutes = '00',
  ] = match;
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  if (Number(month) < 1 || Number(month) > 12) throw refuse(`no month ${month}`);
  if (Number(day) < 1 || Number(day) > daysInMonth) throw refuse(`${year}-${month} has no day ${day}`);
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59)
    throw refuse(`no time ${hour}:${minute}:${second}`);
  if (Number(zoneHours) > 23 || Number(zoneMinutes) > 59) throw refuse(`no UTC offset ${zone}`);
  const offset = sign === undefined ? 'Z' : `${sign}${zoneHours}:${zoneMinutes}`;
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${offset}`);
  if (Number.isNaN(date.getTime())) throw refuse('out of range');
  return date;
}

/** `30,15,5` -> [30, 15, 5]. */
export function parseThresholds(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const days = value.split(',').map((part) => part.trim());
  if (days.some((d) => !/^[1-9]\d{0,15}$/.test(d) || Number(d) > MAX_DAYS)) {
    throw new UsageError(
      `--thresholds must be whole days from 1 to ${MAX_DAYS} separated by commas, got ${JSON.stringify(value)}`,
    );
  }
  return days.map(Number);
}

/**
 * openssl's `-attime`: seconds since the epoch, as openssl takes it, or an ISO 8601 date or date-time. Whole
 * seconds, as openssl counts them: a fraction is dropped, so that the time checked is the one openssl checks.
 */
export function parseAttime(value: string, option = '--attime'): Date {
  if (/^-?\d{1,16}$/.test(value)) {
    const date = new Date(Number(value) * 1000);
    if (Number.isNaN(date.getTime()))
      throw new UsageError(`${option} is out of range (seconds since 1970-01-01), got ${JSON.stringify(value)}`);
    return date;
  }
  let date: Date;
  try {
    date = parseNow(value, option);
  } catch {
    throw new UsageError(
      `${option} must be seconds since the epoch (as openssl takes it) or an ISO 8601 date or date-time (e.g. 1767225600 or 2026-01-01T00:00:00Z), got ${JSON.stringify(value)}`,
    );
  }
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
