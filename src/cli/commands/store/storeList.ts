import { describeExpiry, expiryStatus } from '../../../core/expiry';
import { StoreEntry, StoreEntryError } from '../../../core/stores/secretsStore';
import { escapeControlCharacters } from '../../../core/text/escapeControlCharacters';
import { Command, EXIT } from '../../command';
import { formatTable } from '../../formatTable';
import { storeOption } from '../../openStoreSpec';
import { parseNow, stringOption } from '../../parseArgs';
import { STORE_EXIT_CODES } from '../../storeExitCode';
import { runStoreOperation, storeSpecArgument } from './runStoreOperation';

/** Exactly the contract's fields: the entry's other facts stay for `inventory --store`. */
export function storeEntryJson(entry: StoreEntry): Record<string, unknown> {
  return {
    id: entry.id,
    stage: entry.stage,
    ...(entry.versionId !== undefined ? { versionId: entry.versionId } : {}),
    fingerprintSha256: entry.fingerprintSha256,
    notAfter: entry.notAfter,
    subject: entry.subject,
  };
}

export function storeEntryErrorJson(error: StoreEntryError): Record<string, unknown> {
  return { id: error.id, ...(error.stage !== undefined ? { stage: error.stage } : {}), message: error.message };
}

function stageText(entry: StoreEntry): string {
  return entry.recoverableUntil ? `${entry.stage} (deleted, recoverable until ${entry.recoverableUntil})` : entry.stage;
}

export const storeListCommand: Command = {
  name: 'list',
  summary: 'list every certificate the store holds, with its stage and expiry',
  synopsis: 'store list --store SPEC [--json] [--now T]',
  options: {
    store: storeOption,
    json: {
      type: 'boolean',
      description:
        'print {"entries":[{"id","stage","versionId"?,"fingerprintSha256","notAfter","subject"}]} ("errors":[{"id","stage"?,"message"}] added when an entry cannot be read)',
    },
    now: { type: 'string', value: 'T', description: 'the current time for the EXPIRES column, ISO 8601' },
  },
  exitCodes: STORE_EXIT_CODES,
  async run(args, io) {
    const spec = storeSpecArgument(args);
    const now = parseNow(stringOption(args, 'now'));
    return runStoreOperation('store list', spec, io, async ({ store }) => {
      const listing = await store.list({ now });
      if (args.options.json) {
        const doc: Record<string, unknown> = { entries: listing.entries.map(storeEntryJson) };
        if (listing.errors.length > 0) doc.errors = listing.errors.map(storeEntryErrorJson);
        io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
        return EXIT.ok;
      }
      if (listing.entries.length === 0) io.stdout(`No certificates in ${escapeControlCharacters(spec)}.\n`);
      else
        io.stdout(
          formatTable(
            ['STAGE', 'EXPIRES', 'NOT AFTER', 'SUBJECT', 'SHA-256 FINGERPRINT', 'ID'],
            listing.entries.map((e) => [
              stageText(e),
              describeExpiry(expiryStatus(e.notAfter, now)),
              e.notAfter.replace('.000Z', 'Z'),
              e.subject,
              e.fingerprintSha256,
              e.id,
            ]),
          ),
        );
      if (listing.errors.length > 0)
        io.stdout(
          `\n${listing.errors.length} unreadable entr${listing.errors.length === 1 ? 'y' : 'ies'}:\n` +
            listing.errors
              .map((e) => escapeControlCharacters(`${e.id}${e.stage ? ` (${e.stage})` : ''}: ${e.message}`) + '\n')
              .join(''),
        );
      return EXIT.ok;
    });
  },
};
