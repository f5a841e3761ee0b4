import { RetireResult } from '../../../core/stores/secretsStore';
import { parseStoreSpec } from '../../../core/stores/storeSpec';
import { escapeControlCharacters } from '../../../core/text/escapeControlCharacters';
import { Command, EXIT } from '../../command';
import { storeOption } from '../../openStoreSpec';
import { parseNow, parseWholeNumber, stringOption, UsageError } from '../../parseArgs';
import { STORE_EXIT_CODES } from '../../storeExitCode';
import { runStoreOperation, storeSpecArgument } from './runStoreOperation';

export function retireJson(result: RetireResult): Record<string, unknown> {
  return {
    removed: result.removed,
    recoverable: result.recoverable,
    ...(result.recoverableUntil !== undefined ? { recoverableUntil: result.recoverableUntil } : {}),
    message: result.message,
  };
}

function retireLines(result: RetireResult): string[] {
  const recoverable = result.recoverable
    ? `yes${result.recoverableUntil !== undefined ? `, until ${result.recoverableUntil}` : ''}`
    : 'no';
  return [
    result.message,
    `certificate  ${result.fingerprintSha256}`,
    `removed      ${result.removed ? 'yes' : 'no'}`,
    `recoverable  ${recoverable}`,
  ];
}

/** `AA:BB:…` as the stores compare it, from any case, with or without colons. */
function parseFingerprint(text: string): string {
  const hex = text.replace(/[:\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex))
    throw new UsageError(`--fingerprint must be a SHA-256 fingerprint (64 hex digits, colons optional), not "${text}"`);
  return hex.match(/../g)!.join(':');
}

/**
 * Why a recovery window means nothing for this store, or undefined. Said before anything is touched: the options
 * would otherwise be silently ignored. A spec that does not parse is left to opening the store, with its code.
 */
function windowlessStore(spec: string): string | undefined {
  let parsed;
  try {
    parsed = parseStoreSpec(spec);
  } catch {
    return undefined;
  }
  if (parsed.kind === 'directory') return 'a directory store deletes the old generation at once';
  if (parsed.layout === 'staged') return 'AWS cannot delete one version of a secret';
  return undefined;
}

export const storeRetireCommand: Command = {
  name: 'retire',
  summary:
    "remove the previous pair's private key from the store, and say honestly whether anything recoverable is left",
  synopsis: 'store retire --store SPEC [--fingerprint FP] [--force] [--recovery-days N] [--json] [--now T]',
  options: {
    store: storeOption,
    fingerprint: {
      type: 'string',
      value: 'FP',
      description:
        'retire this certificate (its SHA-256 fingerprint, as store list prints it) instead of the previous one; never the current or pending one',
    },
    force: {
      type: 'boolean',
      description: 'aws-sm generation layout only: delete the secret at once, without a recovery window',
    },
    'recovery-days': {
      type: 'string',
      value: 'N',
      description: 'aws-sm generation layout only: days (7 to 30, default 7) during which AWS can still restore it',
    },
    json: {
      type: 'boolean',
      description: 'print {"removed":BOOL,"recoverable":BOOL,"recoverableUntil"?:ISO,"message"}',
    },
    now: { type: 'string', value: 'T', description: 'the current time, ISO 8601 (default: the clock)' },
  },
  exitCodes: STORE_EXIT_CODES,
  async run(args, io) {
    const spec = storeSpecArgument(args);
    const force = args.options.force === true;
    const daysText = stringOption(args, 'recovery-days');
    const recoveryDays =
      daysText === undefined ? undefined : parseWholeNumber('--recovery-days', daysText, { min: 7, max: 30 });
    if (force && recoveryDays !== undefined)
      throw new UsageError('--force deletes without a recovery window: give it or --recovery-days, not both');
    const now = parseNow(stringOption(args, 'now'));
    const fingerprintText = stringOption(args, 'fingerprint');
    const fingerprintSha256 = fingerprintText === undefined ? undefined : parseFingerprint(fingerprintText);
    if (force || recoveryDays !== undefined) {
      const option = force ? '--force' : '--recovery-days';
      const why = windowlessStore(spec);
      if (why) throw new UsageError(`${option} applies to aws-sm:PREFIX?layout=generation only: ${why}`);
    }
    return runStoreOperation('store retire', spec, io, async ({ store }) => {
      const result = await store.retire({ force, recoveryDays, now, fingerprintSha256 });
      if (args.options.json) io.stdout(`${JSON.stringify(retireJson(result), null, 2)}\n`);
      else io.stdout(retireLines(result).map(escapeControlCharacters).join('\n') + '\n');
      return EXIT.ok;
    });
  },
};
