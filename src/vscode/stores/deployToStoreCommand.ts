import * as path from 'path';
import * as vscode from 'vscode';
import { readUserFile } from '../../core/files/readUserFile';
import { CertificateInfo } from '../../core/model';
import { resolveRotationEvidence } from '../../core/rotation/rotationEvidence';
import { sameFingerprint } from '../../core/rotation/fingerprint';
import { preparePair } from '../../core/stores/preparePair';
import { StorePairState } from '../../core/stores/secretsStore';
import { COMMAND_IDS } from '../commandIds';
import { registerTrustedCommand, runCommand } from '../commands';
import { describeEntry, StoreCommandArgs, StoreRotations } from './storeRotations';

/** What a script may pass besides the rotation: the files of the new pair, and a chain file (`null`: none). */
export interface DeployArgs extends StoreCommandArgs {
  certificate?: string;
  key?: string;
  chain?: string | null;
}

/**
 * Deploy to Secrets Store…: stages the rotation's new pair (certificate, key, chain) beside the old one, which
 * services keep getting. Read from the workspace's files into memory and handed to the store; nothing is written
 * to disk and no key is logged.
 */
export class DeployToStoreCommand {
  constructor(private readonly ctx: StoreRotations) {}

  register(): vscode.Disposable {
    return registerTrustedCommand(
      this.ctx.log,
      COMMAND_IDS.deployToStore,
      'Deploying writes a private key to a secrets store',
      (arg?: unknown) => this.run(arg),
    );
  }

  async run(arg?: unknown): Promise<StorePairState | undefined> {
    const args = (arg && typeof arg === 'object' ? arg : {}) as DeployArgs;
    const rotation = await this.ctx.rotation(arg);
    if (!rotation) return undefined;
    const opened = await this.ctx.storeOf(rotation);
    if (!opened) return undefined;
    const name = opened.configured.name;
    const files = await this.pairFiles(rotation.id, args);
    if (!files) return undefined;
    const pair = {
      certificatePem: (await readUserFile(files.certificate)).toString('utf8'),
      privateKeyPem: (await readUserFile(files.key)).toString('utf8'),
      ...(files.chain ? { chainPem: (await readUserFile(files.chain)).toString('utf8') } : {}),
    };
    // Refused here, before any request, with the same words the store would use.
    const prepared = preparePair(pair);
    const entries = await this.ctx.entries(opened);
    const current = this.ctx.at(entries, 'current');
    const pending = this.ctx.at(entries, 'pending');
    if (current && sameFingerprint(current.fingerprintSha256, prepared.certificate.fingerprintSha256))
      throw new Error(`The new certificate is already current in store "${name}": nothing to deploy`);
    if (!current) {
      const ok = await this.ctx.prompts.confirm(
        `Store "${name}" holds no current certificate. Make the new pair current?`,
        `${opened.store.description}\n\nWith nothing current, the first pair deployed is what services get at once; there is no overlap with an old certificate there.`,
        'Deploy as Current',
      );
      if (!ok) return undefined;
    } else if (pending && !sameFingerprint(pending.fingerprintSha256, prepared.certificate.fingerprintSha256)) {
      const ok = await this.ctx.prompts.confirm(
        `Another pair is staged in store "${name}". Replace it?`,
        `Staged now: ${describeEntry(pending)}\nTo deploy: ${prepared.certificate.serialNumber} (${path.basename(files.certificate)})\n\nServices keep getting the current certificate either way.`,
        'Replace Staged Pair',
      );
      if (!ok) return undefined;
    }
    const state = await this.ctx.run(opened, `Deploying to store "${name}"`, 'deploy the new pair', (signal) =>
      opened.store.stage(pair, {
        signal,
        // What the user was shown: if the store changed since, it refuses and nothing is written.
        expect: { current: current?.fingerprintSha256, pending: pending?.fingerprintSha256 ?? null },
      }),
    );
    this.ctx.log.info(
      `Deployed ${path.basename(files.certificate)} to store ${name}: current ${state.current}, pending ${state.pending ?? 'none'}`,
    );
    const staged = state.pending !== null;
    void vscode.window
      .showInformationMessage(
        staged
          ? `The new pair is staged in store "${name}" beside the current one; services still get the old certificate.`
          : `The new pair is current in store "${name}".`,
        'Test Call with the Staged Pair',
      )
      .then((choice) => choice && runCommand(COMMAND_IDS.testCallStagedPair, { rotationId: rotation.id }));
    return state;
  }

  /** The new pair's files: as given, else the rotation's evidence, else the user's pick. */
  private async pairFiles(
    rotationId: string,
    args: DeployArgs,
  ): Promise<{ certificate: string; key: string; chain?: string } | undefined> {
    const rotation = (await this.ctx.rotations.rotations()).rotations.find((r) => r.id === rotationId);
    if (!rotation) return undefined;
    const evidence = resolveRotationEvidence(rotation, await this.ctx.rotations.facts(rotation));
    const certificate =
      args.certificate ?? evidence.newCertificate?.path ?? (await this.pickFile('The new certificate'));
    if (!certificate) return undefined;
    const key =
      args.key ??
      (evidence.newCertificate?.path === certificate ? evidence.newKey?.path : undefined) ??
      (await this.pickFile('The private key of the new certificate'));
    if (!key) return undefined;
    const chain = 'chain' in args ? (args.chain ?? undefined) : await this.pickChain(evidence.newCertificate);
    if (chain === null) return undefined;
    return { certificate, key, ...(chain ? { chain } : {}) };
  }

  private async pickFile(title: string): Promise<string | undefined> {
    return (await vscode.window.showOpenDialog({ title, canSelectMany: false }))?.[0]?.fsPath;
  }

  /** Intermediates the CA returned, if any: offered from the workspace's CA certificates. `null`: dismissed. */
  private async pickChain(certificate: CertificateInfo | undefined): Promise<string | undefined | null> {
    await this.ctx.certificates.whenIdle();
    const cas = this.ctx.certificates
      .snapshot()
      .items.filter((i): i is CertificateInfo => i.kind === 'certificate' && i.isCA);
    const paths = [...new Set(cas.map((c) => c.path))];
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'No chain', description: 'the certificate alone (the provider signs directly)', path: '' },
        ...paths.map((p) => ({ label: vscode.workspace.asRelativePath(p), description: 'CA certificates', path: p })),
      ],
      { title: `Chain to deploy with ${certificate ? path.basename(certificate.path) : 'the new certificate'}` },
    );
    if (!picked) return null;
    return picked.path || undefined;
  }
}
