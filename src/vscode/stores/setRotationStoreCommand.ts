import * as vscode from 'vscode';
import { COMMAND_IDS } from '../commandIds';
import { registerTrustedCommand } from '../commands';
import { StoreCommandArgs, StoreRotations } from './storeRotations';

export interface SetRotationStoreArgs extends StoreCommandArgs {
  /** A name from `mtlsRotation.stores`; `null` forgets the store (the rotation goes back to workspace files). */
  store?: string | null;
}

/** Set Rotation Store…: names the store the rotation's old pair lives in, in the rotation record. */
export class SetRotationStoreCommand {
  constructor(private readonly ctx: StoreRotations) {}

  register(): vscode.Disposable {
    return registerTrustedCommand(
      this.ctx.log,
      COMMAND_IDS.setRotationStore,
      'Setting the rotation store writes the rotation record',
      (arg?: unknown) => this.run(arg),
    );
  }

  async run(arg?: unknown): Promise<string | null | undefined> {
    const args = (arg && typeof arg === 'object' ? arg : {}) as SetRotationStoreArgs;
    const rotation = await this.ctx.rotation(arg);
    if (!rotation) return undefined;
    const name =
      args.store === undefined
        ? await this.ctx.pickStore(`Which secrets store does ${rotation.old.subject} live in?`)
        : args.store;
    if (name === undefined) return undefined;
    // Checked against the user's settings: the record must not name a store this user has not configured.
    if (name !== null) this.ctx.stores.get(name);
    await this.ctx.rotations.patch(rotation.id, { store: name });
    await this.ctx.view.whenIdle();
    return name;
  }
}
