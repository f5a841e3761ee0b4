import * as vscode from 'vscode';
import { arrivedCertificates, AwaitedCertificate } from '../../core/rotation/arrivedCertificates';
import { resolveRotationEvidence } from '../../core/rotation/rotationEvidence';
import { displayName } from '../../core/x509/formatName';
import { CertificateInfo } from '../../core/model';
import { COMMAND_IDS } from '../commandIds';
import { runCommand } from '../commands';
import { Disposable } from '../disposable';
import { CertificateStore } from '../inventory/certificateStore';
import { Log } from '../log';
import type { CertificateVerifier } from '../verify/verifyCommand';
import { NextStepOffers } from './nextStepOffers';
import type { RotationStore } from './rotationStore';
import { KeyedDelayer } from '../keyedDelayer';

const OFFERED_KEY = 'mtlsRotation.verifyOffered';

/**
 * The provider's signed certificate lands in the workspace (saved from an email, a portal download): when it carries
 * a rotation's new key, Verify is offered right there, once per certificate (remembered in the workspace state).
 */
export class VerifyOnArrival extends Disposable {
  private running = Promise.resolve();

  constructor(
    private readonly store: CertificateStore,
    private readonly rotations: RotationStore,
    private readonly verifier: CertificateVerifier,
    private readonly state: vscode.Memento,
    private readonly offers: NextStepOffers,
    private readonly log: Log,
  ) {
    super();
    // Each change would evaluate every open rotation's evidence: once per burst of changes is enough.
    const delayer = this.register(new KeyedDelayer<'look'>(300));
    this.register(
      store.onDidChange(() => {
        if (!store.scanning) delayer.trigger('look', () => void this.check());
      }),
    );
  }

  /** Resolves once the certificates seen so far were looked at (and offered, if new). */
  check(): Promise<void> {
    this.running = this.running
      .then(() => this.look())
      .catch((error: unknown) =>
        this.log.debug(`Verify on arrival: ${error instanceof Error ? error.message : String(error)}`),
      );
    return this.running;
  }

  /** The open rotation whose new key this certificate carries: Find References after its test call searches for it. */
  async rotationCarrying(certificate: CertificateInfo): Promise<string | undefined> {
    const awaited = await this.awaited();
    return awaited.find((a) => a.newKeySpkis.includes(certificate.publicKeySha256))?.rotationId;
  }

  private async awaited(): Promise<AwaitedCertificate[]> {
    return (await this.rotations.openRotations()).map(({ rotation, facts }) => {
      const evidence = resolveRotationEvidence(rotation, facts);
      return {
        rotationId: rotation.id,
        oldFingerprint: rotation.old.fingerprintSha256,
        newKeySpkis: [evidence.newKeySpki, evidence.newCsr?.publicKeySha256].filter(
          (spki): spki is string => spki !== undefined,
        ),
      };
    });
  }

  private async look(): Promise<void> {
    const awaited = await this.awaited();
    if (awaited.length === 0) return;
    const certificates = this.store.snapshot().items.filter((i): i is CertificateInfo => i.kind === 'certificate');
    const offered = this.state.get<string[]>(OFFERED_KEY) ?? [];
    // A certificate verified already (from the tree, a CodeLens, a script) needs no offer.
    const verified = this.verifier.records().map((r) => r.fingerprintSha256);
    const arrived = arrivedCertificates(awaited, certificates, [...offered, ...verified]);
    if (arrived.length === 0) return;
    // Remembered before showing: offered once, even if VS Code closes while the offer is on screen.
    await this.state.update(OFFERED_KEY, [...offered, ...arrived.map((a) => a.certificate.fingerprintSha256)]);
    for (const { certificate } of arrived) void this.offer(certificate);
  }

  private async offer(certificate: CertificateInfo): Promise<void> {
    const name = displayName(certificate.subject);
    const choice = await this.offers.offer(
      'verify-arrived',
      'info',
      `The signed certificate for ${name} arrived: Verify now?`,
      ['Verify'],
    );
    if (choice === 'Verify') await runCommand(COMMAND_IDS.verifyCertificate, { type: 'certificate', certificate });
  }
}
