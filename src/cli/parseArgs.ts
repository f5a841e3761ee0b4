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
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface ParsedArgs {
  positionals: string[];
  /** `true` for booleans given, the last value for strings given; absent when not given. */
  options: Record<string, string | true>;
}

/** `--name value`, `--name=value`, booleans as `--name`, and `--` to end options. Unknown options are errors. */
export function parseArgs(argv: readonly string[], specs: OptionSpecs): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option --${name}`);
    if (spec.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      options[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value${spec.value ? ` (${spec.value})` : ''}`);
    options[name] = value;
  }
  return { positionals, options };
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}

/** ISO 8601 date or date-time; a time without a zone is taken as UTC, so that runs do not depend on TZ. */
export function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(value);
  const text = match ? `${match[1]}T${match[2] ?? '00:00:00'}${match[3] ?? 'Z'}` : '';
  const date = new Date(text);
  if (!match || Number.isNaN(date.getTime())) throw new UsageError(`--now must be an ISO 8601 date or date-time, got ${JSON.stringify(value)}`);
  return date;
}

/** `30,15,5` -> [30, 15, 5]. */
export function parseThresholds(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const days = value.split(',').map((part) => part.trim());
  if (days.some((d) => !/^[1-9]\d*$/.test(d))) throw new UsageError(`--thresholds must be positive whole days separated by commas, got ${JSON.stringify(value)}`);
  return days.map(Number);
}
