import { Command } from '../../command';
import { storeOption } from '../../openStoreSpec';
import { STORE_EXIT_CODES } from '../../storeExitCode';
import { printPairState } from './printPairState';
import { runStoreOperation, storeSpecArgument } from './runStoreOperation';

/** The options promote and rollback share: the store, and JSON output. */
export const switchOptions = {
  store: storeOption,
  json: {
    type: 'boolean' as const,
    description: 'print {"ok":true,"current":FINGERPRINT,"pending":FINGERPRINT|null}',
  },
};

export const storePromoteCommand: Command = {
  name: 'promote',
  summary: 'switch services to the pending pair (compare-and-set: refused when the store changed meanwhile)',
  synopsis: 'store promote --store SPEC [--json]',
  options: switchOptions,
  exitCodes: STORE_EXIT_CODES,
  async run(args, io) {
    const spec = storeSpecArgument(args);
    return runStoreOperation('store promote', spec, io, async ({ store }) =>
      printPairState(
        io,
        args.options.json === true,
        `Switched ${spec}: services now get the new pair.`,
        await store.promote(),
        'store promote',
      ),
    );
  },
};
