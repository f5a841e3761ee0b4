import * as vscode from 'vscode';
import { StorePairState } from '../../core/stores/secretsStore';
import { COMMAND_IDS } from '../commandIds';
import { registerTrustedCommand, runCommand } from '../commands';
import { describeEntry, StoreRotations } from './storeRotations';
import { describeReload } from './switchStoreCommand';

/** Roll Back…: during the overlap, services get the previous pair again and the new one goes back to staged. */
export class RollBackStoreCommand {
  constructor(private readonly ctx: StoreRotations) {}

  register(): vscode.Disposable {
    return registerTrustedCommand(
      this.ctx.log,
      COMMAND_IDS.rollBackStore,
      'Rolling back changes which certificate services get from a secrets store',
      (arg?: unknown) => this.run(arg),
    );
  }

  async run(arg?: unknown): Promise<StorePairState | undefined> {
    const rotation = await this.ctx.rotation(arg);
    if (!rotation) return undefined;
    const opened = await this.ctx.storeOf(rotation);
    if (!opened) return undefined;
    const name = opened.configured.name;
    const entries = await this.ctx.entries(opened);
    const current = this.ctx.at(entries, 'current');
    const previous = this.ctx.at(entries, 'previous');
    if (!current || !previous)
      throw new Error(
        `Store "${name}" has no previous pair to roll back to${rotation.storeRetire ? ': the old key was retired' : ''}`,
      );
    const confirmed = await this.ctx.prompts.confirm(
      `Roll services in store "${name}" back to the previous certificate?`,
      [
        opened.store.description,
        '',
        `From (current): ${describeEntry(current)}`,
        `Back to (previous): ${describeEntry(previous)}`,
        '',
        'The current pair stays in the store as staged, so you can switch again once it is fixed.',
      ].join('\n'),
      'Roll Back',
    );
    if (!confirmed) return undefined;
    const state = await this.ctx.run(opened, `Rolling store "${name}" back`, 'roll back', (signal) =>
      opened.store.rollback({ signal, expect: { current: current.fingerprintSha256 } }),
    );
    this.ctx.log.info(`Store ${name} rolled back: current ${state.current}`);
    void vscode.window
      .showInformationMessage(
        `Services in store "${name}" get the previous certificate again.${describeReload(state.reload)}`,
        'Test Call with the Staged Pair',
      )
      .then((choice) => choice && runCommand(COMMAND_IDS.testCallStagedPair, { rotationId: rotation.id }));
    return state;
  }
}
