import { Command } from '../../command';
import { storeOption } from '../../openStoreSpec';
import { STORE_EXIT_CODES } from '../../storeExitCode';
import { printPairState } from './printPairState';
import { runStoreOperation, storeSpecArgument } from './runStoreOperation';

const options = {
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
  options,
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

export const storeRollbackCommand: Command = {
  name: 'rollback',
  summary: 'during the overlap, switch services back to the previous pair',
  synopsis: 'store rollback --store SPEC [--json]',
  options,
  exitCodes: STORE_EXIT_CODES,
  async run(args, io) {
    const spec = storeSpecArgument(args);
    return runStoreOperation('store rollback', spec, io, async ({ store }) =>
      printPairState(
        io,
        args.options.json === true,
        `Rolled back ${spec}: services get the previous pair again.`,
        await store.rollback(),
        'store rollback',
      ),
    );
  },
};
