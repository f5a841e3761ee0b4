import { Command } from '../command';
import { UsageError } from '../parseArgs';
import { STORE_EXIT_CODES } from '../storeExitCode';
import { storeDeployCommand } from './store/storeDeploy';
import { storeListCommand } from './store/storeList';
import { storeRetireCommand } from './store/storeRetire';
import { storePromoteCommand } from './store/storePromote';
import { storeRollbackCommand } from './store/storeRollback';

export const storeCommand: Command = {
  name: 'store',
  summary:
    'a secrets store services read their pair from: list, deploy alongside, promote (switch), rollback, retire the old key',
  synopsis: 'store SUBCOMMAND --store SPEC [OPTIONS]',
  options: {},
  exitCodes: STORE_EXIT_CODES,
  subcommands: [storeListCommand, storeDeployCommand, storePromoteCommand, storeRollbackCommand, storeRetireCommand],
  // main dispatches to a subcommand; this only runs if that changes.
  run() {
    return Promise.reject(new UsageError('needs a subcommand: list, deploy, promote, rollback or retire'));
  },
};
