import * as vscode from 'vscode';
import { sameFingerprint } from '../../core/rotation/fingerprint';
import { recordRotation } from '../../core/rotation/register';
import { canRetireOldKey, RetireDecision } from '../../core/rotation/retireGuard';
import { resolveRotationEvidence } from '../../core/rotation/rotationEvidence';
import { RetireResult } from '../../core/stores/secretsStore';
import { COMMAND_IDS } from '../commandIds';
import { registerTrustedCommand } from '../commands';
import { describeEntry, StoreCommandArgs, StoreRotations } from './storeRotations';

export interface RetireInStoreArgs extends StoreCommandArgs {
  /** The user's explicit override of the guard's soft rules; a confirmation is still required. */
  override?: boolean;
  /** AWS `generation` layout: delete at once (true) or after a recovery window (false); asked when absent. */
  force?: boolean;
  recoveryDays?: number;
}

export interface StoreRetireOutcome {
  retired: boolean;
  decision: RetireDecision;
  /** No workspace file is deleted by a store retire; kept for the shape the file retire returns. */
  deleted: string[];
  result?: RetireResult;
}

const NOW_LABEL = 'Delete Now, Without Recovery';
const WINDOW_LABEL = 'Delete After a 7-Day Recovery Window';

/**
 * Retire the Old Private Key in the Secrets Store…: after the same guard as for a key file, the store retires the
 * old generation and says honestly whether the key is gone; the rotation record keeps that answer, which is what
 * ticks (or keeps open) "old private key removed".
 */
export class RetireInStoreCommand {
  constructor(private readonly ctx: StoreRotations) {}

  register(): vscode.Disposable {
    return registerTrustedCommand(
      this.ctx.log,
      COMMAND_IDS.retireOldKeyInStore,
      'Retiring deletes the old private key from a secrets store and writes the record and the register',
      (arg?: unknown, options?: RetireInStoreArgs) => this.run(arg, options),
    );
  }

  async run(arg?: unknown, options?: RetireInStoreArgs): Promise<StoreRetireOutcome | undefined> {
    const args = { ...(arg && typeof arg === 'object' ? (arg as RetireInStoreArgs) : {}), ...options };
    const rotation = await this.ctx.rotation(args.rotationId ?? arg);
    if (!rotation) return undefined;
    const opened = await this.ctx.storeOf(rotation);
    if (!opened) return undefined;
    const name = opened.configured.name;
    const now = new Date();
    await this.ctx.stores.refresh(name);
    const facts = await this.ctx.rotations.facts(rotation);
    let decision = canRetireOldKey(rotation, facts, now, { override: args.override });
    if (!decision.allowed && !args.override) {
      const override = await this.ctx.prompts.confirm(
        'The old key cannot be retired yet.',
        `${decision.reasons.join('\n')}\n\nRetire it anyway only if you are sure no service still needs it.`,
        'Override and Continue',
      );
      if (!override) return { retired: false, decision, deleted: [] };
      decision = canRetireOldKey(rotation, facts, now, { override: true });
    }
    if (!decision.allowed) {
      void vscode.window.showErrorMessage(
        `The old key cannot be retired in store "${name}": ${decision.reasons.join(' ')}`,
      );
      return { retired: false, decision, deleted: [] };
    }
    const spec = opened.configured.spec;
    let force = args.force;
    if (spec.kind === 'aws-secrets-manager' && spec.layout === 'generation' && force === undefined) {
      const choice = await this.ctx.prompts.choose(
        `How should store "${name}" delete the old generation?`,
        'AWS keeps a deleted secret recoverable for its recovery window (and the old key with it); deleting without recovery removes it at once.',
        [NOW_LABEL, WINDOW_LABEL],
      );
      if (!choice) return { retired: false, decision, deleted: [] };
      force = choice === NOW_LABEL;
    }
    const old = facts.store?.entries?.find((e) => sameFingerprint(e.fingerprintSha256, rotation.old.fingerprintSha256));
    const confirmed = await this.ctx.prompts.confirm(
      `Retire the old private key in store "${name}"?`,
      [
        opened.store.description,
        '',
        `Old certificate: ${old ? `${describeEntry(old)} (${old.stage})` : rotation.old.subject}`,
        '',
        opened.store.capabilities.retireMeaning,
        force ? 'It is deleted without a recovery window: this cannot be undone.' : '',
        ...(decision.overridden.length ? ['', `Overriding: ${decision.overridden.join('; ')}`] : []),
      ]
        .filter((line, i, all) => line !== '' || all[i - 1] !== '')
        .join('\n'),
      'Retire Old Key',
    );
    if (!confirmed) return { retired: false, decision, deleted: [] };
    // Read before the store is changed: a hand-edited register that does not parse stops us here.
    const registerBefore = await this.ctx.rotations.registerOrEmpty();
    const result = await this.ctx.run(
      opened,
      `Retiring the old key in store "${name}"`,
      'retire the old key',
      (signal) =>
        opened.store.retire({
          signal,
          now,
          fingerprintSha256: rotation.old.fingerprintSha256,
          ...(force === undefined ? {} : { force }),
          ...(args.recoveryDays === undefined ? {} : { recoveryDays: args.recoveryDays }),
        }),
    );
    const at = new Date().toISOString();
    this.ctx.log.info(
      `Retired the old key in store ${name}: removed ${result.removed}, recoverable ${result.recoverable}${result.recoverableUntil ? ` until ${result.recoverableUntil}` : ''}`,
    );
    await this.ctx.rotations.patch(rotation.id, {
      retiredAt: at,
      storeRetire: {
        removed: result.removed,
        recoverable: result.recoverable,
        ...(result.recoverableUntil ? { recoverableUntil: result.recoverableUntil } : {}),
        message: result.message,
        at,
      },
    });
    const evidence = resolveRotationEvidence(rotation, facts);
    if (evidence.newCertificate) {
      await this.ctx.rotations.saveRegister(
        recordRotation(registerBefore, {
          newCertificate: evidence.newCertificate,
          oldCertificate: {
            fingerprintSha256: rotation.old.fingerprintSha256,
            serialNumber: rotation.old.serialNumber,
          },
          retiredAt: at,
          now,
        }),
      );
    }
    await this.ctx.view.whenIdle();
    if (result.removed)
      void vscode.window.showInformationMessage(
        `The old private key is removed from store "${name}": ${result.message}`,
      );
    else
      void vscode.window.showWarningMessage(
        `Retired in store "${name}", but the old key is not gone${result.recoverableUntil ? ` (recoverable until ${result.recoverableUntil.slice(0, 10)})` : ''}: ${result.message}`,
      );
    return { retired: true, decision, deleted: [], result };
  }
}
