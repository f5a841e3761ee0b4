import * as vscode from 'vscode';
import { isCoreError } from '../../core/errors';
import { CertificateInfo } from '../../core/model';
import { sameFingerprint } from '../../core/rotation/fingerprint';
import { StoreFact } from '../../core/rotation/rotationFacts';
import { resolveRotationEvidence } from '../../core/rotation/rotationEvidence';
import { Rotation } from '../../core/rotation/rotationRecord';
import { roleOfStage, StoreEntry, StoreRole } from '../../core/stores/secretsStore';
import { describeStoreSpec } from '../../core/stores/storeSpec';
import { BUILT_IN_COMMAND_IDS } from '../commandIds';
import { runCommand } from '../commands';
import { CertificateStore } from '../inventory/certificateStore';
import { Log } from '../log';
import { Prompts } from '../prompts';
import { RotationStore } from '../rotation/rotationStore';
import { RotationView } from '../rotation/rotationView';
import { Settings } from '../settings';
import type { TestCallFeature } from '../testCall/testCallFeature';
import { describeStoreError } from './describeStoreError';
import { OpenedStore, StoreInventory } from './storeInventory';

const OLD_CERTIFICATES_KEY = 'mtlsRotation.storeOldCertificates';

/** What a store command is given: `{ rotationId }` (the Rotations view, scripts), a rotation node, or an id. */
export interface StoreCommandArgs {
  rotationId?: string;
  rotation?: Rotation;
}

/** The facts the store commands share: which rotation, which store, what it holds, and how to report. */
export class StoreRotations {
  constructor(
    readonly log: Log,
    readonly stores: StoreInventory,
    readonly rotations: RotationStore,
    readonly certificates: CertificateStore,
    readonly view: RotationView,
    readonly testCalls: TestCallFeature,
    readonly prompts: Prompts,
    readonly settings: () => Settings,
    private readonly state: vscode.Memento,
  ) {}

  /**
   * The old certificate of each store rotation, as last seen in its store: a public certificate, kept in the
   * workspace state so the CSR can still be compared with it after the retire deleted it from the store.
   */
  private async oldCertificate(
    rotation: Rotation,
    entries: StoreEntry[] | undefined,
  ): Promise<CertificateInfo | undefined> {
    const kept = this.state.get<Record<string, CertificateInfo>>(OLD_CERTIFICATES_KEY) ?? {};
    const listed = entries?.find((e) => sameFingerprint(e.fingerprintSha256, rotation.old.fingerprintSha256));
    if (listed && kept[rotation.id]?.fingerprintSha256 !== listed.certificate.fingerprintSha256)
      await this.state.update(OLD_CERTIFICATES_KEY, { ...kept, [rotation.id]: listed.certificate });
    return listed?.certificate ?? kept[rotation.id];
  }

  /** The rotation named by the argument, the only one in progress, or the user's pick. */
  async rotation(arg: unknown): Promise<Rotation | undefined> {
    const file = await this.rotations.rotations();
    const given = arg as StoreCommandArgs | string | undefined;
    const id = typeof given === 'string' ? given : (given?.rotationId ?? given?.rotation?.id);
    if (id) {
      const found = file.rotations.find((r) => r.id === id);
      if (!found) throw new Error(`No rotation ${id} in the rotation record`);
      return found;
    }
    const open = file.rotations.filter((r) => !r.completedAt);
    if (open.length === 1) return open[0];
    if (open.length === 0)
      throw new Error('No rotation in progress: start one from a certificate in the Certificates view');
    return (
      await vscode.window.showQuickPick(
        open.map((rotation) => ({
          label: rotation.old.subject,
          description: rotation.store ? `store ${rotation.store}` : rotation.old.certificatePath,
          rotation,
        })),
        { title: 'Which rotation?' },
      )
    )?.rotation;
  }

  /** The store the rotation names; when it names none, the user chooses one and the record keeps it. */
  async storeOf(rotation: Rotation): Promise<OpenedStore | undefined> {
    if (rotation.store !== undefined) return this.stores.get(rotation.store);
    const name = await this.pickStore(`Which secrets store does ${rotation.old.subject} live in?`);
    if (!name) return undefined;
    await this.rotations.patch(rotation.id, { store: name });
    rotation.store = name;
    return this.stores.get(name);
  }

  async pickStore(title: string): Promise<string | undefined> {
    const configured = this.stores.configured();
    if (configured.length === 0) {
      void vscode.window
        .showWarningMessage(
          'No secrets store is configured: add one to mtlsRotation.stores in your user settings.',
          'Open Settings',
        )
        .then((choice) => choice && runCommand(BUILT_IN_COMMAND_IDS.openSettings, 'mtlsRotation.stores'));
      return undefined;
    }
    if (configured.length === 1) return configured[0].name;
    return (
      await vscode.window.showQuickPick(
        configured.map((c) => ({ label: c.name, description: describeStoreSpec(c.spec) })),
        { title },
      )
    )?.label;
  }

  /** Lists the store afresh: every decision is made on what it holds now, not on what the view showed earlier. */
  async entries(opened: OpenedStore, signal?: AbortSignal): Promise<StoreEntry[]> {
    const name = opened.configured.name;
    try {
      return (await opened.store.list({ signal })).entries;
    } catch (error) {
      throw new Error(describeStoreError(error, name, 'list its certificates', false), { cause: error });
    }
  }

  /** The certificate services would get at a role, and the rotation's new certificate's fingerprint. */
  at(entries: StoreEntry[], role: StoreRole): StoreEntry | undefined {
    return entries.find((e) => roleOfStage(e.stage) === role);
  }

  async newFingerprint(rotation: Rotation): Promise<string | undefined> {
    const facts = await this.rotations.facts(rotation);
    return (
      resolveRotationEvidence(rotation, facts).newCertificate?.fingerprintSha256 ?? rotation.new?.fingerprintSha256
    );
  }

  isOld(rotation: Rotation, entry: StoreEntry | undefined): boolean {
    return !!entry && sameFingerprint(entry.fingerprintSha256, rotation.old.fingerprintSha256);
  }

  /**
   * Runs one store operation with cancellable progress; a store failure becomes a message saying what it means
   * and that nothing was changed. The listing is refreshed afterwards either way, so the view shows the truth.
   */
  async run<T>(
    opened: OpenedStore,
    title: string,
    doing: string,
    task: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const name = opened.configured.name;
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return task(abort.signal);
        },
      );
    } catch (error) {
      const message =
        isCoreError(error) || !(error instanceof Error) ? describeStoreError(error, name, doing) : error.message;
      this.log.warn(message);
      throw new Error(message, { cause: error });
    } finally {
      await this.stores.refresh(name);
      await this.view.whenIdle();
    }
  }

  /** The store evidence of one rotation, from the last listing (commands refresh it after each change). */
  async fact(rotation: Rotation): Promise<StoreFact | undefined> {
    if (rotation.store === undefined) return undefined;
    await this.stores.whenIdle();
    const group = this.stores.group(rotation.store);
    if (!group)
      return {
        name: rotation.store,
        description: rotation.store,
        error: 'it is not configured in mtlsRotation.stores (your user settings)',
        ...(rotation.storeRetire ? { retire: rotation.storeRetire } : {}),
      };
    const oldCertificate = await this.oldCertificate(rotation, group.entries);
    let retireMeaning: string | undefined;
    try {
      retireMeaning = this.stores.get(rotation.store).store.capabilities.retireMeaning;
    } catch {
      // The group's error already says why the store cannot be opened.
    }
    return {
      name: group.name,
      description: group.description,
      ...(group.entries ? { entries: group.entries } : {}),
      entryErrors: group.entryErrors,
      ...(group.error ? { error: group.error } : group.listing && !group.entries ? { error: 'not listed yet' } : {}),
      ...(retireMeaning ? { retireMeaning } : {}),
      ...(rotation.storeRetire ? { retire: rotation.storeRetire } : {}),
      ...(oldCertificate ? { oldCertificate } : {}),
    };
  }
}

/** `CN=api, serial 1A2B, expires 2026-03-01`: what a confirmation names a certificate by. */
export function describeEntry(entry: StoreEntry): string {
  return `${entry.subject || '(no subject)'}, serial ${entry.serialNumber}, expires ${entry.notAfter.slice(0, 10)}`;
}
