import * as path from 'path';
import * as vscode from 'vscode';
import { findReferences, ReferenceMatch } from '../../core/rotation/findReferences';
import { PathReplacement, planReferenceReplacement, ReplacementPlan } from '../../core/rotation/referenceReplacement';
import { resolveRotationEvidence } from '../../core/rotation/rotationEvidence';
import { resolveRecordedPath } from '../../core/rotation/recordedPath';
import { Rotation } from '../../core/rotation/rotationRecord';
import { Settings } from '../settings';
import { RotationStore } from '../rotation/rotationStore';

/** Files worth searching for references to a certificate or key: configs, manifests, scripts, docs. */
const TEXT_FILES =
  '**/*.{yaml,yml,json,toml,ini,conf,cnf,env,properties,tf,tfvars,hcl,sh,ps1,py,js,ts,go,java,cs,rb,md,txt,xml,Dockerfile}';
const MAX_SEARCH_FILES = 5000;
const MAX_SEARCH_BYTES = 1024 * 1024;

/** One search of the workspace for a rotation's old pair, and what a replacement would make of each reference. */
export interface ReferenceSearch {
  rotation: Rotation;
  matches: ReferenceMatch[];
  /** The new pair's files, when the new certificate is in the workspace; without it nothing is offered. */
  newCertificatePath?: string;
  newKeyPath?: string;
  /** Present when there is a new certificate to replace with. */
  plan?: ReplacementPlan;
  /** The texts of the files with a reference, by path: the ones the plan's ranges are counted in. */
  texts: Map<string, string>;
}

async function exists(file: string): Promise<boolean> {
  return vscode.workspace.fs.stat(vscode.Uri.file(file)).then(
    () => true,
    () => false,
  );
}

/**
 * Searches the workspace as the editors show it: an open document's text (saved or not) is what a WorkspaceEdit
 * edits, so it is what the ranges are counted in; other files are read from disk.
 */
export async function searchReferences(
  rotations: RotationStore,
  rotation: Rotation,
  settings: () => Settings,
  token?: vscode.CancellationToken,
): Promise<ReferenceSearch> {
  const facts = await rotations.facts(rotation);
  const evidence = resolveRotationEvidence(rotation, facts);
  const root = rotations.root()?.fsPath;
  const absolute = (p: string) => (path.isAbsolute(p) || !root ? p : path.join(root, p));
  const oldCertificate = absolute(rotation.old.certificatePath);
  const oldKeys = [
    ...new Set([...(rotation.old.keyPath ? [rotation.old.keyPath] : []), ...evidence.oldKeys.map((k) => k.path)]),
  ].map(absolute);
  const uris = await vscode.workspace.findFiles(TEXT_FILES, settings().exclude || undefined, MAX_SEARCH_FILES, token);
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const files: Array<{ path: string; text: string }> = [];
  for (const uri of uris) {
    if (token?.isCancellationRequested) break;
    const document = open.get(uri.toString());
    if (document) {
      files.push({ path: uri.fsPath, text: document.getText() });
      continue;
    }
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_SEARCH_BYTES) continue;
    files.push({ path: uri.fsPath, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) });
  }
  const matches = findReferences(files, {
    paths: [...new Set([oldCertificate, ...oldKeys])],
    fingerprints: [rotation.old.fingerprintSha256],
    workspaceRoot: root,
  });
  // Only the files with a reference: the list lives until cleared, and a large workspace's texts would with it.
  const referenced = new Set(matches.map((m) => m.path));
  const texts = new Map(files.filter((f) => referenced.has(f.path)).map((f) => [f.path, f.text]));

  // The new pair as the inventory sees it, else as the record remembers it, but only if the file is still there.
  const recorded = async (p: string | undefined) => {
    if (p === undefined) return undefined;
    const file = resolveRecordedPath(p, root);
    return (await exists(file)) ? path.normalize(file) : undefined;
  };
  const newCertificatePath = evidence.newCertificate?.path ?? (await recorded(rotation.new?.certificatePath));
  const newKeyPath = evidence.newKey?.path ?? (await recorded(rotation.new?.keyPath));
  if (!newCertificatePath) return { rotation, matches, texts };
  const replacements: PathReplacement[] = [
    { from: oldCertificate, to: newCertificatePath },
    ...(newKeyPath ? oldKeys.map((from) => ({ from, to: newKeyPath })) : []),
  ];
  const plan = planReferenceReplacement(files, matches, replacements, root);
  return { rotation, matches, newCertificatePath, ...(newKeyPath ? { newKeyPath } : {}), plan, texts };
}
