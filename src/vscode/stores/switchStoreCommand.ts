import * as vscode from 'vscode';
import { sameFingerprint } from '../../core/rotation/fingerprint';
import { ReloadOutcome, StorePairState } from '../../core/stores/secretsStore';
import { COMMAND_IDS } from '../commandIds';
import { registerTrustedCommand, runCommand } from '../commands';
import { describeEntry, StoreRotations } from './storeRotations';

/** How a directory store's reload command ended, for the message after a switch or roll back. */
export function describeReload(reload: ReloadOutcome | undefined): string {
  if (!reload) return '';
  const command = reload.command.join(' ');
  if (reload.error) return ` The reload command (${command}) could not start: ${reload.error}.`;
  if (reload.exitCode === 0) return ` The reload command (${command}) succeeded.`;
  return ` The reload command (${command}) failed (${reload.signal ? `signal ${reload.signal}` : `exit status ${reload.exitCode}`}): services may still use the previous pair until they reload.`;
}

/**
 * Switch Services to the New Certificate…: the staged pair becomes current. A modal confirmation names the store
 * and both certificates; the switch is a compare-and-set on what it showed, so a change made meanwhile by someone
 * else is refused and nothing switches.
 */
export class SwitchStoreCommand {
  constructor(private readonly ctx: StoreRotations) {}

  register(): vscode.Disposable {
    return registerTrustedCommand(
      this.ctx.log,
      COMMAND_IDS.switchStoreToNew,
      'Switching changes which certificate services get from a secrets store',
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
    const pending = this.ctx.at(entries, 'pending');
    const fresh = await this.ctx.newFingerprint(rotation);
    if (!pending)
      throw new Error(`Nothing is staged in store "${name}": deploy the new pair first (Deploy to Secrets Store…)`);
    if (fresh && !sameFingerprint(pending.fingerprintSha256, fresh))
      throw new Error(
        `The pair staged in store "${name}" (${describeEntry(pending)}) is not the rotation's new certificate: deploy the new pair again`,
      );
    const confirmed = await this.ctx.prompts.confirm(
      `Switch services in store "${name}" to the new certificate?`,
      [
        opened.store.description,
        '',
        `From (current): ${current ? describeEntry(current) : 'nothing'}`,
        `To (staged): ${describeEntry(pending)}`,
        '',
        'Services that read the store get the new pair from now on; the old one is kept as previous until you retire it, so you can roll back.',
      ].join('\n'),
      'Switch Services',
    );
    if (!confirmed) return undefined;
    const state = await this.ctx.run(opened, `Switching store "${name}" to the new certificate`, 'switch', (signal) =>
      opened.store.promote({
        signal,
        expect: { current: current?.fingerprintSha256, pending: pending.fingerprintSha256 },
      }),
    );
    this.ctx.log.info(`Store ${name} switched: current ${state.current}`);
    void vscode.window
      .showInformationMessage(
        `Services in store "${name}" now get the new certificate.${describeReload(state.reload)} Once they work with it, retire the old private key.`,
        'Retire the Old Private Key…',
        'Roll Back…',
      )
      .then((choice) =>
        choice === 'Roll Back…'
          ? runCommand(COMMAND_IDS.rollBackStore, { rotationId: rotation.id })
          : choice && runCommand(COMMAND_IDS.retireOldKeyInStore, { rotationId: rotation.id }),
      );
    return state;
  }
}
