import * as vscode from 'vscode';
import { sameFingerprint } from '../../core/rotation/fingerprint';
import { TestCallResult } from '../../core/testCall/testCallResult';
import { readCertificate } from '../../core/x509/certificate';
import { COMMAND_IDS } from '../commandIds';
import { registerTrustedCommand, runCommand } from '../commands';
import { StoreCommandArgs, StoreRotations } from './storeRotations';

export interface TestCallStagedArgs extends StoreCommandArgs {
  environment?: string;
}

/**
 * Test Call with the Staged Pair: the pair is read back from the store (pending, or current once switched), not
 * from the workspace's files, so the call proves what services will get works. The key stays in memory.
 */
export class TestCallStagedPairCommand {
  constructor(private readonly ctx: StoreRotations) {}

  register(): vscode.Disposable {
    return registerTrustedCommand(
      this.ctx.log,
      COMMAND_IDS.testCallStagedPair,
      'Test calls send your API key and a client certificate',
      (arg?: unknown) => this.run(arg),
    );
  }

  async run(arg?: unknown): Promise<TestCallResult | undefined> {
    const args = (arg && typeof arg === 'object' ? arg : {}) as TestCallStagedArgs;
    const rotation = await this.ctx.rotation(arg);
    if (!rotation) return undefined;
    const opened = await this.ctx.storeOf(rotation);
    if (!opened) return undefined;
    const name = opened.configured.name;
    const fresh = await this.ctx.newFingerprint(rotation);
    const entries = await this.ctx.entries(opened);
    const pending = this.ctx.at(entries, 'pending');
    const current = this.ctx.at(entries, 'current');
    // Before the switch the staged pair; after it, the new one is current and is what services use.
    const role =
      pending && (!fresh || sameFingerprint(pending.fingerprintSha256, fresh))
        ? 'pending'
        : current && fresh && sameFingerprint(current.fingerprintSha256, fresh)
          ? 'current'
          : undefined;
    if (!role)
      throw new Error(
        `Nothing is staged in store "${name}" for this rotation: deploy the new pair first (Deploy to Secrets Store…)`,
      );
    const pair = await this.ctx.run(
      opened,
      `Reading the ${role} pair from store "${name}"`,
      'read the pair',
      (signal) => opened.store.read(role, { signal }),
    );
    const certificate = readCertificate(pair.certificatePem, { path: `${opened.store.description}#${role}` });
    if (fresh && !sameFingerprint(certificate.fingerprintSha256, fresh))
      throw new Error(
        `Store "${name}" changed while it was read: its ${role} certificate is no longer the rotation's new one; nothing was called`,
      );
    const result = await this.ctx.testCalls.runWithPair(
      {
        certificate,
        certificatePem: pair.certificatePem,
        keyPem: pair.privateKeyPem,
        label: `store "${name}" (${role})`,
      },
      args.environment,
      () => runCommand(COMMAND_IDS.testCallStagedPair, { rotationId: rotation.id }),
    );
    await this.ctx.view.whenIdle();
    if (result?.outcome === 'ok' && role === 'pending')
      void vscode.window
        .showInformationMessage(
          `The pair staged in store "${name}" works. Switch services to it when ready.`,
          'Switch Services to the New Certificate…',
        )
        .then((choice) => choice && runCommand(COMMAND_IDS.switchStoreToNew, { rotationId: rotation.id }));
    return result;
  }
}
