import { isCoreError } from '../../../core/errors';
import { SecretsStore } from '../../../core/stores/secretsStore';
import { escapeControlCharacters } from '../../../core/text/escapeControlCharacters';
import { CommandIo } from '../../command';
import { openStoreSpec } from '../../openStoreSpec';
import { listOption, ParsedArgs, UsageError } from '../../parseArgs';
import { storeExitCode } from '../../storeExitCode';

export interface StoreOperationContext {
  store: SecretsStore;
  /** The spec as given on the command line. */
  spec: string;
}

/** Exactly one `--store`, and no stray words: a subcommand works on one store. */
export function storeSpecArgument(args: ParsedArgs): string {
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.positionals[0])}`);
  const specs = listOption(args, 'store');
  if (specs.length === 0) throw new UsageError('--store SPEC is required');
  if (specs.length > 1) throw new UsageError('give one --store: this command works on one store');
  return specs[0];
}

/**
 * Opens the store and runs one operation. A store error is one line on stderr, `(code)` at its end for scripts,
 * and its exit code from the one mapping; usage mistakes and anything unexpected go to main (exit 2).
 */
export async function runStoreOperation(
  command: string,
  spec: string,
  io: CommandIo,
  operation: (context: StoreOperationContext) => Promise<number>,
): Promise<number> {
  try {
    return await operation({ store: openStoreSpec(spec, io), spec });
  } catch (error) {
    if (!isCoreError(error)) throw error;
    io.stderr(`mtls-rotation ${command}: ${escapeControlCharacters(error.message)} (${error.code})\n`);
    return storeExitCode(error.code);
  }
}
