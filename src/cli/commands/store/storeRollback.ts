import { Command } from '../../command';
import { STORE_EXIT_CODES } from '../../storeExitCode';
import { printPairState } from './printPairState';
import { runStoreOperation, storeSpecArgument } from './runStoreOperation';
import { switchOptions } from './storePromote';

export const storeRollbackCommand: Command = {
  name: 'rollback',
  summary: 'during the overlap, switch services back to the previous pair',
  synopsis: 'store rollback --store SPEC [--json]',
  options: switchOptions,
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
