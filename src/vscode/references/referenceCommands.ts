import * as vscode from 'vscode';
import { confineToFolders } from '../../core/files/confinePath';
import { ReferenceEdit } from '../../core/rotation/referenceReplacement';
import { Rotation } from '../../core/rotation/rotationRecord';
import { BUILT_IN_COMMAND_IDS, COMMAND_IDS } from '../commandIds';
import { registerCommand, registerTrustedCommand, runCommand } from '../commands';
import { Log } from '../log';
import { Prompts } from '../prompts';
import { Settings } from '../settings';
import { workspaceFolderPaths } from '../workspaceFolders';
import { RotationStore } from '../rotation/rotationStore';
import { RotationView } from '../rotation/rotationView';
import { ReferenceSearch, searchReferences } from './referenceSearch';
import { ReferencesView } from './referencesView';
import { countOf } from '../../core/text/countOf';

/** The undo stack and the refactor preview show the replacement under this name. */
export const REPLACE_LABEL = 'Replace the old certificate and key paths';
export const REPLACE_ANSWER = 'Replace';
export const PREVIEW_ANSWER = 'Preview Changes';

export interface ReplaceOutcome {
  applied: boolean;
  /** The files changed, and how many references in each. */
  files: Array<{ path: string; references: number }>;
  /** References left alone: fingerprints, names that may mean another file, files outside the workspace. */
  kept: number;
}

export function registerReferenceCommands(
  log: Log,
  rotations: RotationStore,
  rotationView: RotationView,
  view: ReferencesView,
  prompts: Prompts,
  settings: () => Settings,
  chooseRotation: (arg: unknown) => Promise<Rotation | undefined>,
): vscode.Disposable[] {
  /** Searches, records what the checklist needs, and shows the result in the References view. */
  const search = async (rotation: Rotation, token?: vscode.CancellationToken): Promise<ReferenceSearch> => {
    const found = await searchReferences(rotations, rotation, settings, token);
    await rotations.setReferences(
      rotation.id,
      found.matches.map(({ path, line, match }) => ({ path, line, match })),
    );
    view.show(found);
    await rotationView.whenIdle();
    return found;
  };

  const withProgress = <T>(title: string, work: (token: vscode.CancellationToken) => Promise<T>) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_p, t) =>
      work(t),
    );

  return [
    registerCommand(log, COMMAND_IDS.findOldReferences, async (arg?: unknown) => {
      const rotation = await chooseRotation(arg ?? view.search?.rotation.id);
      if (!rotation) return undefined;
      const found = await withProgress('Searching the workspace for the old certificate and key', (token) =>
        search(rotation, token),
      );
      // The list stays in its view, where each file can be visited in turn and the whole lot replaced.
      await runCommand(BUILT_IN_COMMAND_IDS.focusReferences);
      if (found.matches.length === 0)
        void vscode.window.showInformationMessage('No workspace file refers to the old certificate or key any more.');
      return found.matches;
    }),

    registerCommand(log, COMMAND_IDS.clearReferences, () => view.clear()),

    registerTrustedCommand(
      log,
      COMMAND_IDS.replaceOldReferences,
      'Replacing references edits files of the workspace',
      async (arg?: unknown): Promise<ReplaceOutcome | undefined> => {
        const rotation = await chooseRotation(arg ?? view.search?.rotation.id);
        if (!rotation) return undefined;
        // Searched again: files may have changed since the list was made, and the ranges must be today's.
        const found = await withProgress('Searching the workspace for the old certificate and key', (token) =>
          search(rotation, token),
        );
        if (!found.plan || !found.newCertificatePath) {
          void vscode.window.showWarningMessage(
            'The new certificate is not in the workspace yet: there is nothing to replace the old paths with. Put the signed certificate next to the new key, then search again.',
          );
          return { applied: false, files: [], kept: found.matches.length };
        }
        // Never a file outside the workspace: the edit would follow a committed link to wherever it points.
        const folders = workspaceFolderPaths();
        const edits: ReferenceEdit[] = [];
        let outside = 0;
        for (const path of [...new Set(found.plan.edits.map((e) => e.path))]) {
          const inFile = found.plan.edits.filter((e) => e.path === path);
          try {
            await confineToFolders(path, folders, { action: 'write', mustExist: true });
            edits.push(...inFile);
          } catch (error) {
            outside += inFile.length;
            log.warn(`Not replacing in ${path}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
        const kept = found.plan.kept.length + outside;
        if (edits.length === 0) {
          void vscode.window.showInformationMessage(
            `Nothing to replace: ${countOf(kept, 'reference')} ${kept === 1 ? 'is' : 'are'} left for you to update by hand (see each one's tooltip in the References view).`,
          );
          return { applied: false, files: [], kept };
        }
        const files = [...new Set(edits.map((e) => e.path))].map((path) => ({
          path,
          references: edits.filter((e) => e.path === path).length,
        }));
        const answer = await prompts.choose(
          `Replace ${countOf(edits.length, 'reference')} in ${countOf(files.length, 'file')} with the new certificate and key paths?`,
          [
            ...files.map((f) => `${vscode.workspace.asRelativePath(f.path)}: ${f.references}`),
            '',
            `Certificate: ${vscode.workspace.asRelativePath(found.newCertificatePath)}`,
            ...(found.newKeyPath ? [`Key: ${vscode.workspace.asRelativePath(found.newKeyPath)}`] : []),
            ...(kept > 0
              ? ['', `${countOf(kept, 'reference')} kept (fingerprints and names that may mean another file).`]
              : []),
            '',
            'One Undo reverts every file.',
          ].join('\n'),
          [REPLACE_ANSWER, PREVIEW_ANSWER],
        );
        if (answer !== REPLACE_ANSWER && answer !== PREVIEW_ANSWER) return { applied: false, files: [], kept };
        // One WorkspaceEdit: one entry on the undo stack for every file, and the refactor preview when asked for.
        const edit = new vscode.WorkspaceEdit();
        for (const e of edits) {
          const range = new vscode.Range(
            e.range.line - 1,
            e.range.column - 1,
            e.range.endLine - 1,
            e.range.endColumn - 1,
          );
          edit.replace(vscode.Uri.file(e.path), range, e.newText, {
            label: REPLACE_LABEL,
            description: `${e.oldText} → ${e.newText}`,
            needsConfirmation: answer === PREVIEW_ANSWER,
          });
        }
        const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
        await search(rotation);
        if (!applied) {
          void vscode.window.showWarningMessage('The references were not replaced (cancelled, or a file changed).');
          return { applied: false, files: [], kept };
        }
        log.info(`Replaced ${edits.length} reference(s) to the old pair in ${files.length} file(s)`);
        void vscode.window.showInformationMessage(
          `Replaced ${countOf(edits.length, 'reference')} in ${countOf(files.length, 'file')}. Undo in any of them reverts all.`,
        );
        return { applied, files, kept };
      },
    ),
  ];
}
