import { InventoryResult } from '../core/model';
import { roleOfStage, StoreEntry, StoreEntryError } from '../core/stores/secretsStore';
import { escapeControlCharacters } from '../core/text/escapeControlCharacters';
import { CommandIo } from './command';
import { itemToJson } from './inventoryJson';
import { openStoreSpec, STORE_SPEC_HELP, storeError } from './openStoreSpec';
import { listOption, OptionSpec, ParsedArgs } from './parseArgs';
import { scanPaths } from './scanPaths';

/** A certificate a store holds, as an inventory item: `store` is the spec exactly as the user gave it. */
export interface StoreItem {
  store: string;
  entry: StoreEntry;
}

export interface StoreItemError extends StoreEntryError {
  store: string;
}

export interface PathsAndStores {
  files: InventoryResult;
  stores: StoreItem[];
  storeErrors: StoreItemError[];
}

export const storesOption: OptionSpec = {
  type: 'string',
  value: 'SPEC',
  multiple: true,
  description: `also the certificates a secrets store holds (repeatable): ${STORE_SPEC_HELP}`,
};

/**
 * The files under the paths and the certificates in every `--store`. With a store, PATH may be left out. A store
 * that cannot be listed (unreachable, access denied, a bad spec) fails the command, like a path that cannot be
 * read: a gate that silently skipped a store would pass for the wrong reason.
 */
export async function scanPathsAndStores(args: ParsedArgs, io: CommandIo): Promise<PathsAndStores> {
  const specs = listOption(args, 'store');
  const files =
    specs.length > 0 && args.positionals.length === 0 ? { items: [], errors: [] } : await scanPaths(args, io);
  const listings = await Promise.all(
    specs.map(async (spec) => {
      try {
        return { spec, listing: await openStoreSpec(spec, io).list() };
      } catch (error) {
        throw storeError(spec, error);
      }
    }),
  );
  return {
    files,
    stores: listings.flatMap(({ spec, listing }) => listing.entries.map((entry) => ({ store: spec, entry }))),
    storeErrors: listings.flatMap(({ spec, listing }) => listing.errors.map((error) => ({ ...error, store: spec }))),
  };
}

/**
 * What `check` counts: the pair services read and the one staged to replace it. A previous or retired version
 * stays readable in some stores for good (an AWS version without a label), and counting it would fail the gate
 * forever for a certificate nobody uses.
 */
export function countsInCheck(item: StoreItem): boolean {
  const role = roleOfStage(item.entry.stage);
  return role === 'current' || role === 'pending';
}

/**
 * A current or pending entry that cannot be read fails `check`: it is the version services read (or are about to),
 * and a gate that passed without judging it would pass for the wrong reason.
 */
export function failsCheck(error: StoreItemError): boolean {
  if (error.stage === undefined) return false;
  const role = roleOfStage(error.stage);
  return role === 'current' || role === 'pending';
}

export function storeItemJson(item: StoreItem, now: Date, thresholds?: number[]): Record<string, unknown> {
  const { entry } = item;
  return {
    ...itemToJson(entry.certificate, now, thresholds),
    store: item.store,
    id: entry.id,
    stage: entry.stage,
    ...(entry.versionId !== undefined ? { versionId: entry.versionId } : {}),
    ...(entry.recoverableUntil !== undefined ? { recoverableUntil: entry.recoverableUntil } : {}),
  };
}

/**
 * An entry the store holds but could not read (a bad value, a generation scheduled for deletion). No `code`: the
 * core gives none, and a guessed one would mislead; `store` tells it from a file's error.
 */
export function storeErrorJson(error: StoreItemError): Record<string, unknown> {
  return {
    store: error.store,
    id: error.id,
    ...(error.stage !== undefined ? { stage: error.stage } : {}),
    message: error.message,
  };
}

/** The FILE column of the tables: the store, the stage and the entry. */
export function storeItemLocation(item: StoreItem): string {
  return `${item.store} ${item.entry.stage} ${item.entry.id}`;
}

export function formatStoreErrors(errors: StoreItemError[]): string {
  return errors.map((e) => `${escapeControlCharacters(`${e.store} ${e.id}: ${e.message}`)}\n`).join('');
}
