import * as path from 'path';
import * as vscode from 'vscode';
import { displayName, formatName } from '../../core/x509/formatName';
import { CertificateInfo, PrivateKeyInfo } from '../../core/model';
import { manualChecklistPatch, ManualChecklistItemId } from '../../core/rotation/checklist';
import { registerToICalendar } from '../../core/rotation/icalendar';
import { recordRotation } from '../../core/rotation/register';
import { mergeIntoRegister } from '../../core/rotation/mergeIntoRegister';
import { registerToCsv, registerToMarkdown } from '../../core/rotation/registerExport';
import { canRetireOldKey, RetireDecision } from '../../core/rotation/retireGuard';
import { resolveRotationEvidence } from '../../core/rotation/rotationEvidence';
import { Rotation, startRotation } from '../../core/rotation/rotationRecord';
import { KeyPregenerator } from '../../core/generate/keyPregenerator';
import * as fs from 'fs/promises';
import { confineToFolders } from '../../core/files/confinePath';
import { registerCommand, registerTrustedCommand, runCommand } from '../commands';
import { CertificateStore } from '../inventory/certificateStore';
import { resolveCertificate } from '../inventory/resolveCertificate';
import { Log } from '../log';
import { Prompts } from '../prompts';
import { Settings } from '../settings';
import { workspaceFolderPaths } from '../workspaceFolders';
import { RotationStore } from './rotationStore';
import { RotationView } from './rotationView';
import { NextStepOffers } from './nextStepOffers';
import { searchReferences } from '../references/referenceSearch';
import { BUILT_IN_COMMAND_IDS, COMMAND_IDS } from '../commandIds';

export interface RetireOptions {
  rotationId?: string;
  /** The user's explicit override of the guard (the palette asks for it); a confirmation is still required. */
  override?: boolean;
}

export interface RetireOutcome {
  retired: boolean;
  decision: RetireDecision;
  deleted: string[];
}

function rotationIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const value = arg as { rotationId?: unknown; rotation?: Rotation } | undefined;
  if (typeof value?.rotationId === 'string') return value.rotationId;
  return value?.rotation?.id;
}

/** The certificates one secrets store serves (current and pending), for the register. */
export interface StoreCertificates {
  /** `store:NAME`, as the register's `source` says. */
  source: string;
  certificates: CertificateInfo[];
}

/** Picks the rotation a command is for: the one named, the one in progress, or the user's choice among several. */
export function rotationChooser(rotations: RotationStore): (arg: unknown) => Promise<Rotation | undefined> {
  return async (arg) => {
    const file = await rotations.rotations();
    const open = file.rotations.filter((r) => !r.completedAt);
    const id = rotationIdOf(arg);
    if (id) {
      const found = file.rotations.find((r) => r.id === id);
      if (!found)
        throw new Error(`No rotation ${id} in ${rotations.rotationFileUri()?.fsPath ?? 'the rotation record'}`);
      return found;
    }
    if (open.length === 1) return open[0];
    if (open.length === 0)
      throw new Error('No rotation in progress: start one from a certificate in the Certificates view');
    return (
      await vscode.window.showQuickPick(
        open.map((rotation) => ({ label: rotation.old.subject, description: rotation.old.certificatePath, rotation })),
        { title: 'Which rotation?' },
      )
    )?.rotation;
  };
}

export function registerRotationCommands(
  log: Log,
  store: CertificateStore,
  rotations: RotationStore,
  view: RotationView,
  prompts: Prompts,
  settings: () => Settings,
  storeCertificates: () => Promise<StoreCertificates[]> = () => Promise.resolve([]),
  offers: NextStepOffers = new NextStepOffers(),
  nextKey?: KeyPregenerator,
): vscode.Disposable[] {
  const chooseRotation = rotationChooser(rotations);

  const chooseCertificate = async (arg: unknown, title: string): Promise<CertificateInfo | undefined> =>
    (await resolveCertificate(arg, store, { title, unknownFile: 'nothing' }))?.certificate;

  return [
    // A completed rotation needs no new key: none stays in memory for it.
    rotations.onDidComplete(() => nextKey?.discard()),

    registerTrustedCommand(
      log,
      COMMAND_IDS.startRotation,
      'Starting a rotation writes the rotation record',
      async (arg?: unknown): Promise<Rotation | undefined> => {
        const certificate = await chooseCertificate(arg, 'Start a rotation of which certificate?');
        if (!certificate) return undefined;
        // Step 1 needs a new key minutes from now: its prime search starts here, off the event loop, so that
        // Generate Key and CSR finds it ready.
        nextKey?.prepare(settings().keySize);
        await store.whenIdle();
        const key = store
          .snapshot()
          .items.find(
            (i): i is PrivateKeyInfo => i.kind === 'key' && i.publicKeySha256 === certificate.publicKeySha256,
          );
        // Started from a certificate a secrets store holds: the rotation deploys, switches and retires there.
        const fromStore = arg as { type?: unknown; store?: unknown } | undefined;
        const storeName =
          fromStore?.type === 'store-entry' && typeof fromStore.store === 'string' ? fromStore.store : undefined;
        const { file, rotation } = startRotation(await rotations.rotations(), certificate, key?.path, new Date(), {
          workspaceRoot: rotations.root()?.fsPath,
          ...(storeName === undefined ? {} : { store: storeName }),
        });
        await rotations.saveRotations(file);
        log.info(`Rotation started for ${certificate.path}`);
        await runCommand(BUILT_IN_COMMAND_IDS.focusRotations);
        await view.whenIdle();
        return rotation;
      },
    ),

    registerTrustedCommand(
      log,
      COMMAND_IDS.tickChecklistItem,
      'Ticking a checklist item writes the rotation record',
      async (rotationId?: string, itemId?: ManualChecklistItemId, ticked?: boolean) => {
        const rotation = await chooseRotation(rotationId);
        if (!rotation || !itemId) return;
        const field = itemId === 'reminder-received' ? rotation.manual.reminderReceived : rotation.manual.csrSubmitted;
        await rotations.patch(rotation.id, manualChecklistPatch(itemId, ticked ?? field === undefined, new Date()));
        await view.whenIdle();
      },
    ),

    registerTrustedCommand(
      log,
      COMMAND_IDS.retireOldKey,
      'Retiring deletes the old private key and writes the record and the register',
      async (arg?: unknown, options: RetireOptions = {}): Promise<RetireOutcome | undefined> => {
        const rotation = await chooseRotation(options.rotationId ?? arg);
        if (!rotation) return undefined;
        // The old key lives in a secrets store: it is retired there, after the same guard.
        if (rotation.store !== undefined)
          return runCommand<RetireOutcome | undefined>(COMMAND_IDS.retireOldKeyInStore, {
            ...options,
            rotationId: rotation.id,
          });
        const now = new Date();
        let facts = await rotations.facts(rotation);
        let decision = canRetireOldKey(rotation, facts, now, { override: options.override });
        if (!decision.allowed && decision.reasons.length > 0 && !options.override) {
          const override = await prompts.confirm(
            'The old key cannot be retired yet.',
            `${decision.reasons.join('\n')}\n\nRetire it anyway only if you are sure no service still needs it.`,
            'Override and Continue',
          );
          if (!override) return { retired: false, decision, deleted: [] };
          decision = canRetireOldKey(rotation, facts, now, { override: true });
        }
        if (!decision.allowed || !decision.keyPath) {
          void vscode.window.showErrorMessage(`The old key cannot be retired: ${decision.reasons.join(' ')}`);
          return { retired: false, decision, deleted: [] };
        }
        // References are searched again now: the last search may be stale.
        const references = (await searchReferences(rotations, rotation, settings)).matches;
        await rotations.setReferences(
          rotation.id,
          references.map(({ path: file, line, match }) => ({ path: file, line, match })),
        );
        facts = await rotations.facts(rotation);
        // What is deleted, and shown, is each file's real path: a committed `vendor -> /elsewhere` link must neither
        // carry the delete out of the workspace nor hide where the file really is.
        const folders = workspaceFolderPaths();
        const files: string[] = [];
        for (const file of [decision.keyPath, ...decision.otherCopies])
          files.push(await confineToFolders(file, folders, { action: 'delete', mustExist: true }));
        const listing =
          references.length > 0
            ? `\n\nStill referring to the old certificate or key:\n${references
                .slice(0, 10)
                .map((r) => `${vscode.workspace.asRelativePath(r.path)}:${r.line}`)
                .join('\n')}${references.length > 10 ? `\n…and ${references.length - 10} more` : ''}`
            : '';
        const confirmed = await prompts.confirm(
          `Delete the old private key${files.length > 1 ? 's' : ''} permanently?`,
          `${files.join('\n')}${listing}\n\nThis cannot be undone.`,
          'Delete Old Key',
        );
        if (!confirmed) return { retired: false, decision, deleted: [] };
        // Both files are read before anything is deleted: a hand-edited file that does not parse stops us here.
        const registerBefore = await rotations.registerOrEmpty();
        await rotations.rotations();
        const deleted: string[] = [];
        for (const file of files) {
          // Checked again: the tree may have changed while the question was open.
          if ((await confineToFolders(file, folders, { action: 'delete', mustExist: true })) !== file)
            throw new Error(`${file} changed while you were asked; nothing more is deleted`);
          await fs.unlink(file);
          deleted.push(file);
          log.info(`Retired old private key ${file}`);
        }
        const retiredAt = now.toISOString();
        await rotations.patch(rotation.id, {
          retiredAt,
          retiredKeyPath: vscode.workspace.asRelativePath(decision.keyPath),
        });
        await store.refresh();
        const evidence = resolveRotationEvidence(rotation, facts);
        if (evidence.newCertificate) {
          const old = evidence.oldCertificate;
          const register = recordRotation(registerBefore, {
            newCertificate: evidence.newCertificate,
            oldCertificate: old
              ? { fingerprintSha256: old.fingerprintSha256, serialNumber: old.serialNumber }
              : { fingerprintSha256: rotation.old.fingerprintSha256, serialNumber: rotation.old.serialNumber },
            retiredAt,
            now,
          });
          await rotations.saveRegister(register);
        }
        await view.whenIdle();
        void vscode.window.showInformationMessage(
          `Old key retired (${deleted.map((f) => path.basename(f)).join(', ')}); the certificate register is updated.`,
        );
        return { retired: true, decision, deleted };
      },
    ),

    registerTrustedCommand(
      log,
      COMMAND_IDS.updateRegister,
      'Updating the register writes the certificate register',
      async (arg?: unknown) => {
        // Named (a checklist item): that rotation; from the palette: the one in progress, or none at all, since the
        // register covers every certificate of the workspace and not only the rotated ones.
        const named = rotationIdOf(arg) !== undefined;
        const open = (await rotations.rotations()).rotations.filter((r) => !r.completedAt);
        const rotation = named || open.length > 1 ? await chooseRotation(arg) : open[0];
        if ((named || open.length > 1) && !rotation) return undefined;
        let register = await rotations.registerOrEmpty();
        if (rotation) {
          const evidence = resolveRotationEvidence(rotation, await rotations.facts(rotation));
          if (!evidence.newCertificate && named)
            throw new Error('The new certificate is not in the workspace yet: the register records it once it is');
          if (evidence.newCertificate)
            register = recordRotation(register, {
              newCertificate: evidence.newCertificate,
              oldCertificate: {
                fingerprintSha256: rotation.old.fingerprintSha256,
                serialNumber: rotation.old.serialNumber,
              },
              retiredAt: rotation.retiredAt,
              now: new Date(),
            });
        }
        await store.whenIdle();
        const certificates = store
          .snapshot()
          .items.flatMap((i) => (i.kind === 'certificate' ? [i] : i.kind === 'pkcs12' ? i.certificates : []));
        let merged = mergeIntoRegister(register, certificates, 'workspace');
        const added = [...merged.added];
        const refreshed = [...merged.refreshed];
        for (const held of await storeCertificates()) {
          merged = mergeIntoRegister(merged.register, held.certificates, held.source);
          added.push(...merged.added);
          refreshed.push(...merged.refreshed);
        }
        await rotations.saveRegister(merged.register);
        await view.whenIdle();
        if (!named)
          void vscode.window.showInformationMessage(
            `Certificate register updated: ${added.length} added, ${new Set(refreshed).size} refreshed, ${merged.register.certificates.length} in all.`,
          );
        return merged.register;
      },
    ),

    registerCommand(log, COMMAND_IDS.exportRegister, async (formatArg?: unknown, targetArg?: unknown) => {
      // A view-title button passes the focused tree item; only these values mean a format and a target.
      const format = (['markdown', 'csv', 'ics'] as const).find((f) => f === formatArg);
      const target = targetArg instanceof vscode.Uri ? targetArg : undefined;
      const register = await rotations.registerFile();
      if (!register)
        throw new Error(
          `No certificate register yet (${settings().registerPath}): it is written when a rotation completes`,
        );
      const chosen =
        format ??
        (
          await vscode.window.showQuickPick(
            [
              { label: 'Markdown table', format: 'markdown' as const, ext: 'md' },
              { label: 'CSV', format: 'csv' as const, ext: 'csv' },
              {
                label: 'iCalendar (.ics): expiries and reminder dates for the team calendar',
                format: 'ics' as const,
                ext: 'ics',
              },
            ],
            { title: 'Export the certificate register as' },
          )
        )?.format;
      if (!chosen) return undefined;
      const ext = chosen === 'markdown' ? 'md' : chosen;
      const root = rotations.root();
      // The save dialog asks before replacing an existing file: the explicit confirmation overwriting needs.
      const uri =
        target ??
        (await vscode.window.showSaveDialog({
          defaultUri: root && vscode.Uri.joinPath(root, `certificate-register.${ext}`),
          filters: { [chosen]: [ext] },
        }));
      if (!uri) return undefined;
      // The user chose this file; still, a link there would carry the export to wherever it points.
      if (
        uri.scheme === 'file' &&
        (await fs.lstat(uri.fsPath).then(
          (stat) => stat.isSymbolicLink(),
          () => false,
        ))
      ) {
        throw new Error(`${uri.fsPath} is a symbolic link: choose a plain file for the export`);
      }
      if (target) {
        const exists = await vscode.workspace.fs.stat(target).then(
          () => true,
          () => false,
        );
        if (
          exists &&
          !(await prompts.confirm(`${path.basename(target.fsPath)} exists. Replace it?`, target.fsPath, 'Replace'))
        )
          return undefined;
      }
      const text =
        chosen === 'markdown'
          ? registerToMarkdown(register, { now: new Date(), thresholds: settings().reminderDays })
          : chosen === 'csv'
            ? registerToCsv(register)
            : registerToICalendar(register, settings().reminderDays, {
                prodId: '-//mtls-rotation//certificate register//EN',
                now: new Date(),
              });
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      log.info(`Exported the certificate register (${chosen}) to ${uri.toString(true)}`);
      // Not awaited: the command is done once the file is written; the notification waits for the user.
      void offerExported(offers, uri, register.certificates.length);
      return uri;
    }),

    registerCommand(log, COMMAND_IDS.copySupportTicket, async (arg?: unknown) => {
      const certificate = await chooseCertificate(arg, 'Support ticket for which certificate?');
      if (!certificate) return undefined;
      const text = supportTicket(certificate, new Date());
      await vscode.env.clipboard.writeText(text);
      void vscode.window
        .showInformationMessage(
          'Priority-1 support ticket text copied. Then generate a new key and CSR and submit it.',
          'Generate Key and CSR',
        )
        .then(
          (choice) => choice && runCommand(COMMAND_IDS.newConfigFromCertificate, { type: 'certificate', certificate }),
        );
      return text;
    }),
  ];
}

export const OPEN_EXPORT = 'Open';
export const REVEAL_IN_EXPLORER = 'Reveal in Explorer View';
export const REVEAL_IN_OS = 'Reveal in File Manager';

/**
 * Says where the export went and offers to open it or show it: in the Explorer view when it is a workspace file
 * (works in the browser too), else in the system's file manager where there is one (a desktop window on this
 * machine).
 */
async function offerExported(offers: NextStepOffers, uri: vscode.Uri, count: number): Promise<void> {
  const inWorkspace = vscode.workspace.getWorkspaceFolder(uri) !== undefined;
  const onThisMachine =
    uri.scheme === 'file' && vscode.env.uiKind === vscode.UIKind.Desktop && vscode.env.remoteName === undefined;
  const reveal = inWorkspace ? REVEAL_IN_EXPLORER : onThisMachine ? REVEAL_IN_OS : undefined;
  const where = inWorkspace
    ? vscode.workspace.asRelativePath(uri)
    : uri.scheme === 'file'
      ? uri.fsPath
      : uri.toString(true);
  const choice = await offers.offer(
    'register-exported',
    'info',
    `Exported ${count} certificate${count === 1 ? '' : 's'} to ${where}.`,
    reveal ? [OPEN_EXPORT, reveal] : [OPEN_EXPORT],
  );
  if (choice === OPEN_EXPORT) await runCommand(BUILT_IN_COMMAND_IDS.open, uri);
  else if (choice === REVEAL_IN_EXPLORER) await runCommand(BUILT_IN_COMMAND_IDS.revealInExplorer, uri);
  else if (choice === REVEAL_IN_OS) await runCommand(BUILT_IN_COMMAND_IDS.revealFileInOS, uri);
}

/** The brief's recovery path for a lapsed certificate starts with a priority-1 ticket; this is its text. */
export function supportTicket(certificate: CertificateInfo, now: Date): string {
  const expired = Date.parse(certificate.notAfter) <= now.getTime();
  return [
    'Priority: 1 (Critical)',
    `Subject: mTLS client certificate ${expired ? 'expired' : 'about to expire'}: ${displayName(certificate.subject)}`,
    '',
    `Our mTLS client certificate ${expired ? 'expired' : 'expires'} on ${certificate.notAfter}; API calls using it fail at the TLS handshake.`,
    '',
    `Certificate subject: ${formatName(certificate.subject)}`,
    `Issuer: ${formatName(certificate.issuer)}`,
    `Serial number: ${certificate.serialNumber}`,
    `Not after: ${certificate.notAfter}`,
    `SHA-256 fingerprint: ${certificate.fingerprintSha256}`,
    '',
    'We are generating a new key pair and CSR and will submit it via Account Management',
    '(or directly to our account team if Account Management is inaccessible with the expired credential).',
    '',
  ].join('\n');
}
