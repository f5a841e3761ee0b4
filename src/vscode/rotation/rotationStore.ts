import * as path from 'path';
import * as vscode from 'vscode';
import { compareRequest } from '../../core/compare/compareRequest';
import { hasErrors } from '../../core/compare/hasErrors';
import { requestFactsFromCsr } from '../../core/compare/requestFactsFromCsr';
import { isCoreError } from '../../core/errors';
import { readUserFile } from '../../core/files/readUserFile';
import { confineToFolders } from '../../core/files/confinePath';
import { replaceFileContents } from '../../core/files/replaceFileContents';
import { CertificateInfo } from '../../core/model';
import { emptyRegister, parseRegister, RegisterFile, serializeRegister } from '../../core/rotation/register';
import { RotationFacts, StoreFact } from '../../core/rotation/rotationFacts';
import { evidencePatch, resolveRotationEvidence } from '../../core/rotation/rotationEvidence';
import { completionPatch } from '../../core/rotation/completion';
import {
  emptyRotationFile,
  parseRotationFile,
  Rotation,
  ROTATION_FILE_PATH,
  RotationFile,
  RotationPatch,
  serializeRotationFile,
  updateRotation,
} from '../../core/rotation/rotationRecord';
import { Disposable } from '../disposable';
import { KeyedDelayer } from '../keyedDelayer';
import { CertificateStore } from '../inventory/certificateStore';
import { Log } from '../log';
import { Settings } from '../settings';
import { workspaceFolderPaths } from '../workspaceFolders';
import type { TestCallFeature } from '../testCall/testCallFeature';
import type { CertificateVerifier } from '../verify/verifyCommand';

const REFERENCES_KEY = 'mtlsRotation.oldReferences';

/**
 * The rotation record (`.vscode/mtls-rotation.json`, committed by teams, never holding a secret) and the certificate
 * register, read and written through VS Code's file system, plus the facts the checklist is evaluated on.
 */
export class RotationStore extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly completed = this.register(new vscode.EventEmitter<Rotation>());
  /** A rotation whose last checklist item was just ticked, as written to the record. */
  readonly onDidComplete = this.completed.event;
  private readonly evidenceDelayer = this.register(new KeyedDelayer<'evidence'>(200));
  private evidenceRecorded: Promise<void> = Promise.resolve();

  constructor(
    private readonly log: Log,
    private readonly store: CertificateStore,
    private readonly verifier: CertificateVerifier,
    private readonly testCalls: TestCallFeature,
    private readonly state: vscode.Memento,
    private readonly settings: () => Settings,
  ) {
    super();
    this.register(store.onDidChange(() => this.changed.fire()));
    this.register(verifier.onDidRecord(() => this.changed.fire()));
    this.register(testCalls.onDidRecord(() => this.changed.fire()));
    const watcher = this.register(
      vscode.workspace.createFileSystemWatcher(`**/{${ROTATION_FILE_PATH},${settings().registerPath}}`),
    );
    this.register(watcher.onDidChange(() => this.changed.fire()));
    this.register(watcher.onDidCreate(() => this.changed.fire()));
    this.register(watcher.onDidDelete(() => this.changed.fire()));
    // What was seen (new key, CSR, certificate) is remembered as it appears, so the checklist survives the files
    // moving into a secrets store; a burst of changes is recorded once.
    this.register(this.onDidChange(() => this.evidenceDelayer.trigger('evidence', () => void this.recordEvidence())));
  }

  /** Resolves once the evidence seen before the call is in the rotation record. */
  whenEvidenceRecorded(): Promise<void> {
    this.evidenceDelayer.flush('evidence');
    return this.evidenceRecorded;
  }

  private recordEvidence(): Promise<void> {
    this.evidenceRecorded = this.evidenceRecorded
      .then(() => this.writeEvidence())
      .catch((error: unknown) => {
        // The view reads the same record next and shows what is wrong with it.
        this.log.debug(`Rotation evidence not recorded: ${error instanceof Error ? error.message : String(error)}`);
      });
    return this.evidenceRecorded;
  }

  private async writeEvidence(): Promise<void> {
    // Restricted Mode writes nothing: openRotations() shows the evidence, and it is remembered once trusted.
    if (!vscode.workspace.isTrusted) return;
    for (const { rotation, patch } of await this.evidence()) {
      if (!patch) continue;
      const file = await this.patch(rotation.id, patch);
      const written = file.rotations.find((r) => r.id === rotation.id);
      if (patch.completedAt && written) this.completed.fire(written);
    }
  }

  private async evidence(): Promise<
    Array<{ rotation: Rotation; facts: RotationFacts; patch: RotationPatch | undefined }>
  > {
    const file = await this.rotations();
    const result: Array<{ rotation: Rotation; facts: RotationFacts; patch: RotationPatch | undefined }> = [];
    for (const rotation of file.rotations.filter((r) => !r.completedAt)) {
      const facts = await this.facts(rotation);
      const seen = evidencePatch(rotation, resolveRotationEvidence(rotation, facts), facts.workspaceRoot);
      // The last item may be ticked by the very evidence just seen: completion is judged on the record with it.
      const withSeen = seen ? patched(rotation, seen) : rotation;
      const completion = completionPatch(withSeen, facts, new Date());
      const patch = completion ? { ...seen, ...completion, new: { ...seen?.new, ...completion.new } } : seen;
      result.push({ rotation, facts, patch });
    }
    return result;
  }

  /** The rotations in progress with their facts, including evidence not written yet (always so in Restricted Mode). */
  async openRotations(): Promise<Array<{ rotation: Rotation; facts: RotationFacts }>> {
    return (await this.evidence()).map(({ rotation, facts, patch }) => ({
      rotation: patch ? patched(rotation, patch) : rotation,
      facts,
    }));
  }

  root(): vscode.Uri | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri;
  }

  rotationFileUri(): vscode.Uri | undefined {
    const root = this.root();
    return root && vscode.Uri.joinPath(root, ROTATION_FILE_PATH);
  }

  registerUri(): vscode.Uri | undefined {
    const root = this.root();
    if (!root) return undefined;
    // The register lives with the record, in the first folder: by that folder's own setting, resolved against it.
    const settings = this.settings();
    const own = settings.folders.find((f) => f.folder === root.toString());
    if (own) return vscode.Uri.file(own.registerPath);
    const configured = settings.registerPath;
    return path.isAbsolute(configured) ? vscode.Uri.file(configured) : vscode.Uri.joinPath(root, configured);
  }

  /**
   * The register's real path, which must lie in a workspace folder: `registerPath` may come from the workspace's
   * own settings, and neither an absolute path nor a committed link may make it read or write a file elsewhere.
   */
  private async confinedRegister(action: string): Promise<string> {
    const uri = this.registerUri();
    if (!uri) throw new Error('Open a folder first: the certificate register lives in the workspace');
    // Inside the workspace still leaves .git/config or .vscode/settings.json, which a register must never replace.
    if (
      !/\.json$/i.test(uri.fsPath) ||
      uri.fsPath.split(/[\\/]/).some((part) => part === '.git' || part === '.vscode')
    ) {
      throw new Error(
        `mtlsRotation.registerPath must name a .json file outside .git and .vscode: ${this.settings().registerPath}`,
      );
    }
    return confineToFolders(uri.fsPath, workspaceFolderPaths(), { action: `${action} the certificate register` });
  }

  private async confinedRecord(action: string): Promise<string> {
    const uri = this.rotationFileUri();
    if (!uri) throw new Error('Open a folder first: the rotation record lives in the workspace');
    return confineToFolders(uri.fsPath, workspaceFolderPaths(), { action: `${action} the rotation record` });
  }

  /** Through the one safe reader: regular files within the size limit only; undefined when there is none yet. */
  private async readText(file: string): Promise<string | undefined> {
    try {
      return (await readUserFile(file, { maxBytes: this.settings().maxFileBytes })).toString('utf8');
    } catch (error) {
      if (isCoreError(error) && error.code === 'not-found') return undefined;
      throw error;
    }
  }

  /** The rotation file; a missing one is empty, a broken one throws its located error (and is never overwritten). */
  async rotations(): Promise<RotationFile> {
    const text = this.rotationFileUri() && (await this.readText(await this.confinedRecord('read')));
    return text === undefined ? emptyRotationFile() : parseRotationFile(text);
  }

  private writes: Promise<unknown> = Promise.resolve();

  /** Writes to the record one at a time: a background evidence update must not lose a tick made meanwhile. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.writes.then(task, task);
    this.writes = run.catch(() => undefined);
    return run;
  }

  private async write(file: RotationFile): Promise<void> {
    if (!vscode.workspace.isTrusted)
      throw new Error('The rotation record is not written in Restricted Mode: trust the workspace first');
    await replaceFileContents(await this.confinedRecord('write'), serializeRotationFile(file));
    this.changed.fire();
  }

  saveRotations(file: RotationFile): Promise<void> {
    return this.serial(() => this.write(file));
  }

  patch(id: string, patch: RotationPatch): Promise<RotationFile> {
    return this.serial(async () => {
      const next = updateRotation(await this.rotations(), id, patch);
      await this.write(next);
      return next;
    });
  }

  async registerFile(): Promise<RegisterFile | undefined> {
    if (!this.registerUri()) return undefined;
    const text = await this.readText(await this.confinedRegister('read'));
    return text === undefined ? undefined : parseRegister(text);
  }

  async saveRegister(register: RegisterFile): Promise<void> {
    if (!vscode.workspace.isTrusted)
      throw new Error('The certificate register is not written in Restricted Mode: trust the workspace first');
    await replaceFileContents(await this.confinedRegister('write'), serializeRegister(register));
    this.changed.fire();
  }

  async registerOrEmpty(): Promise<RegisterFile> {
    return (await this.registerFile()) ?? emptyRegister();
  }

  references(rotationId: string): RotationFacts['oldReferences'] {
    return this.state.get<Record<string, RotationFacts['oldReferences']>>(REFERENCES_KEY)?.[rotationId];
  }

  async setReferences(rotationId: string, references: RotationFacts['oldReferences']): Promise<void> {
    const all = { ...(this.state.get<Record<string, RotationFacts['oldReferences']>>(REFERENCES_KEY) ?? {}) };
    all[rotationId] = references;
    await this.state.update(REFERENCES_KEY, all);
    this.changed.fire();
  }

  private storeFact: (rotation: Rotation) => Promise<StoreFact | undefined> = () => Promise.resolve(undefined);

  /** Where a rotation's store evidence comes from (the configured stores' listings); its changes re-evaluate. */
  setStoreFacts(
    provider: (rotation: Rotation) => Promise<StoreFact | undefined>,
    onDidChange: vscode.Event<void>,
  ): void {
    this.storeFact = provider;
    this.register(onDidChange(() => this.changed.fire()));
    this.changed.fire();
  }

  /** Everything the checklist rules look at, gathered now. */
  async facts(rotation: Rotation): Promise<RotationFacts> {
    await this.store.whenIdle();
    const inventory = this.store.snapshot().items;
    const workspaceRoot = this.root()?.fsPath;
    let register: RegisterFile | undefined;
    try {
      register = await this.registerFile();
    } catch (error) {
      this.log.warn(`Certificate register unreadable: ${error instanceof Error ? error.message : String(error)}`);
    }
    const base: RotationFacts = {
      inventory,
      csrComparisons: [],
      verifications: this.verifier.records(),
      testCalls: this.testCalls.history().map((r) => ({
        certificateFingerprint: r.certificateFingerprint,
        outcome: r.outcome,
        status: r.status,
        at: r.at,
      })),
      oldReferences: this.references(rotation.id),
      register,
      workspaceRoot,
    };
    const store = rotation.store === undefined ? undefined : await this.storeFact(rotation);
    if (store) base.store = store;
    // The comparison of each renewal CSR with the old certificate is cheap: done here rather than remembered.
    const old =
      resolveRotationEvidence(rotation, base).oldCertificate ?? this.recordedOld(rotation) ?? store?.oldCertificate;
    if (old) {
      for (const csr of resolveRotationEvidence(rotation, base).renewalCsrs) {
        const findings = compareRequest(old, requestFactsFromCsr(csr));
        base.csrComparisons.push({
          csrPath: csr.path,
          errors: hasErrors(findings) ? findings.filter((f) => f.severity === 'error').length : 0,
          warnings: findings.filter((f) => f.severity === 'warning').length,
        });
      }
    }
    return base;
  }

  /** The old certificate as the inventory has it, by the fingerprint the record kept. */
  private recordedOld(rotation: Rotation): CertificateInfo | undefined {
    return this.store
      .snapshot()
      .items.find(
        (i): i is CertificateInfo => i.kind === 'certificate' && i.fingerprintSha256 === rotation.old.fingerprintSha256,
      );
  }
}

function patched(rotation: Rotation, patch: RotationPatch): Rotation {
  return updateRotation({ ...emptyRotationFile(), rotations: [rotation] }, rotation.id, patch).rotations[0];
}
