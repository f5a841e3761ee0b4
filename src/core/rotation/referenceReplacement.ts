import * as path from 'path';
import { SourceRange } from '../opensslConfig/configFinding';
import { lineStarts, ReferenceMatch } from './findReferences';
import { baseName, isAbsolutePath, resolveRecordedPath, samePath, toRecordedPath } from './recordedPath';

/** An old file and the new one that takes its place (absolute, or relative to the workspace root). */
export interface PathReplacement {
  from: string;
  to: string;
}

/** One reference rewritten: 1-based range (end exclusive) of the text as it stands, and what replaces it. */
export interface ReferenceEdit {
  path: string;
  range: SourceRange;
  oldText: string;
  newText: string;
  match: ReferenceMatch;
}

/** A reference the replacement leaves alone, and why: the user updates it by hand. */
export interface KeptReference {
  match: ReferenceMatch;
  reason: string;
}

export interface ReplacementPlan {
  edits: ReferenceEdit[];
  kept: KeptReference[];
}

type Separator = '/' | '\\' | '\\\\';

// A path token ends at whitespace, quotes, brackets and the punctuation configs put around values.
const TOKEN_STOP = /[\s"'`=,;()[\]{}<>|:*?]/;

function separatorOf(text: string): Separator {
  if (text.includes('\\\\')) return '\\\\';
  return text.includes('\\') && !text.includes('/') ? '\\' : '/';
}

function withSeparator(forwardSlashed: string, separator: Separator): string {
  return separator === '/' ? forwardSlashed : forwardSlashed.replace(/\//g, separator);
}

/** Absolute, in the separators of `like`, keeping its drive letter's case when the drive is the same. */
function absoluteLike(target: string, like: string, root: string | undefined): string {
  let absolute = resolveRecordedPath(target, root);
  const drive = /^([A-Za-z]):/.exec(like);
  if (drive && absolute[0].toLowerCase() === drive[1].toLowerCase() && absolute[1] === ':')
    absolute = drive[1] + absolute.slice(1);
  return withSeparator(absolute, separatorOf(like));
}

const RELATIVE_PREFIXES = ['${workspaceFolder}/', '${workspaceFolder}\\', './', '.\\\\', '.\\'];

/** A match in one of findReferences' path forms: absolute, or workspace-relative with or without a prefix. */
function replacePathForm(match: string, to: string, root: string | undefined): string {
  if (isAbsolutePath(match)) return absoluteLike(to, match, root);
  const relative = toRecordedPath(to, root);
  // The new file outside the workspace has no workspace-relative form: its absolute path replaces the whole match.
  if (isAbsolutePath(relative)) return absoluteLike(to, match, root);
  const prefix = RELATIVE_PREFIXES.find((p) => match.startsWith(p)) ?? '';
  return prefix + withSeparator(relative, separatorOf(match.slice(prefix.length)));
}

/** Where the path token that ends with the file name at `start` begins (`../certs/` before `old.key`). */
function tokenStart(text: string, start: number): number {
  let at = start;
  while (at > 0 && !TOKEN_STOP.test(text[at - 1])) at--;
  // A drive letter's colon stops the scan; take the drive back in (`C:\certs\old.key`).
  if (at >= 2 && text[at - 1] === ':' && /[A-Za-z]/.test(text[at - 2]) && (at < 3 || TOKEN_STOP.test(text[at - 3])))
    at -= 2;
  return at;
}

function dirOf(absolute: string): string {
  return path.posix.dirname(absolute);
}

type Planned = { start: number; newText: string } | { reason: string };

/**
 * A file name, perhaps after a folder path (`--key old.key`, `../certs/old.key`): replaced when the path, read from
 * the referring file's folder or from the workspace root, is the old file, or when it is the name alone and the new
 * file sits in the same folder as the old one. Anything else may name a file elsewhere (a server's `/etc/ssl/old.key`)
 * and is kept.
 */
function planBasename(
  text: string,
  start: number,
  file: string,
  replacement: PathReplacement,
  root: string | undefined,
): Planned {
  const from = resolveRecordedPath(replacement.from, root);
  const to = resolveRecordedPath(replacement.to, root);
  const begin = tokenStart(text, start);
  const token = text.slice(begin, start) + baseName(from);
  const prefix = text.slice(begin, start);
  if (/[$%~]/.test(prefix))
    return { reason: `its folder comes from a variable (${token}); update it by hand if it is the old file` };
  const forward = token.replace(/\\/g, '/');
  if (isAbsolutePath(forward)) {
    if (samePath(forward, from)) return { start: begin, newText: absoluteLike(to, token, root) };
    return { reason: `${token} is another file of the same name, not the one in the workspace` };
  }
  const bases = [dirOf(resolveRecordedPath(file, root)), ...(root === undefined ? [] : [resolveRecordedPath(root)])];
  for (const base of bases) {
    if (resolveRecordedPath(forward, base) !== from) continue;
    let relative = path.posix.relative(base, to);
    const dotted = /^\.[\\/]/.test(token) ? token.slice(0, 2) : '';
    if (dotted && !relative.startsWith('../')) relative = `./${relative}`;
    return { start: begin, newText: withSeparator(relative, separatorOf(token)) };
  }
  if (prefix === '' && dirOf(from) === dirOf(to)) return { start, newText: baseName(to) };
  if (prefix === '')
    return {
      reason: `it names the file alone and the new one is in another folder (${toRecordedPath(to, root)}); update it by hand`,
    };
  return { reason: `${token} does not lead to the old file from this file's folder or the workspace root` };
}

/**
 * Which text each reference becomes so that it names the new certificate or key, in the form it was written in:
 * absolute stays absolute (with the same separators, escaped backslashes and drive letter), workspace-relative stays
 * workspace-relative (with its `./` or `${workspaceFolder}/`), relative to the referring file stays relative to it.
 * Fingerprints are kept: a pinned fingerprint is a trust decision, and a server may have to accept both certificates
 * during the overlap. `files` are the texts the matches were found in; a match no longer there is kept.
 */
export function planReferenceReplacement(
  files: ReadonlyArray<{ path: string; text: string }>,
  matches: readonly ReferenceMatch[],
  replacements: readonly PathReplacement[],
  workspaceRoot?: string,
): ReplacementPlan {
  const edits: ReferenceEdit[] = [];
  const kept: KeptReference[] = [];
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const startsOf = new Map<string, number[]>();
  const lastEnd = new Map<string, number>();
  const ordered = [...matches].sort(
    (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
  for (const match of ordered) {
    const keep = (reason: string) => kept.push({ match, reason });
    const text = texts.get(match.path);
    if (text === undefined) {
      keep('the file could not be read');
      continue;
    }
    let starts = startsOf.get(match.path);
    if (!starts) startsOf.set(match.path, (starts = lineStarts(text)));
    const start = (starts[match.line - 1] ?? text.length + 1) + match.column - 1;
    const end = start + match.match.length;
    if (text.slice(start, end) !== match.match) {
      keep('the file changed since the search; search again');
      continue;
    }
    if (match.kind === 'fingerprint') {
      keep('a pinned fingerprint is a trust decision (a server may need to accept both during the overlap)');
      continue;
    }
    const replacement = replacements.find((r) => samePath(r.from, match.target, workspaceRoot));
    if (!replacement) {
      keep('the rotation has no new file for it yet');
      continue;
    }
    const planned: Planned =
      match.kind === 'path'
        ? { start, newText: replacePathForm(match.match, replacement.to, workspaceRoot) }
        : planBasename(text, start, match.path, replacement, workspaceRoot);
    if ('reason' in planned) {
      keep(planned.reason);
      continue;
    }
    if (planned.start < (lastEnd.get(match.path) ?? 0)) {
      keep('it runs into another reference on the same line; update it by hand');
      continue;
    }
    lastEnd.set(match.path, end);
    const lineIndex = match.line - 1;
    edits.push({
      path: match.path,
      range: {
        line: match.line,
        column: planned.start - starts[lineIndex] + 1,
        endLine: match.line,
        endColumn: match.column + match.match.length,
      },
      oldText: text.slice(planned.start, end),
      newText: planned.newText,
      match,
    });
  }
  return { edits: edits.filter((e) => e.oldText !== e.newText), kept };
}
