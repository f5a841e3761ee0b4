import { fingerprintHex } from './fingerprint';
import { baseName, isAbsolutePath, resolveRecordedPath, samePath, toRecordedPath } from './recordedPath';
import { DEFAULT_REGISTER_PATH } from './register';
import { ROTATION_FILE_PATH } from './rotationRecord';

export interface ReferenceTargets {
  /** The old certificate and key files (absolute, or relative to `workspaceRoot`). */
  paths: string[];
  /** Certificate fingerprints and public-key hashes, in any spelling (`AA:BB:…`, hex of any case). */
  fingerprints: string[];
  workspaceRoot?: string;
  /**
   * Files that record the rotation rather than use the certificate; they mention the old one by design.
   * Defaults to the rotation record and the default register (workspace-relative).
   */
  ignorePaths?: string[];
}

export interface ReferenceMatch {
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  /** The text as it stands in the file. */
  match: string;
  /** `basename`: the file name alone (`--key old.key`, `../certs/old.key`): likely, not certain. */
  kind: 'path' | 'basename' | 'fingerprint';
  /** The target path or fingerprint it refers to, as given. */
  target: string;
}

interface Needle {
  text: string;
  kind: ReferenceMatch['kind'];
  target: string;
  ignoreCase: boolean;
  /** A bare relative path after a separator is the tail of another path (`other/certs/a.key`), so it must stand alone. */
  standalone: boolean;
}

interface Hit {
  start: number;
  end: number;
  kind: ReferenceMatch['kind'];
  target: string;
}

const NAME_CHAR = /[\p{L}\p{N}_~+\-@%$]/u;
const isNameChar = (c: string | undefined) => c !== undefined && NAME_CHAR.test(c);

function pathNeedles(target: string, root: string | undefined): Needle[] {
  const needles: Needle[] = [];
  const add = (text: string, kind: Needle['kind'], ignoreCase: boolean, standalone: boolean) => {
    if (text && !needles.some((n) => n.text === text)) needles.push({ text, kind, target, ignoreCase, standalone });
  };
  const absolute = isAbsolutePath(target) || root !== undefined ? resolveRecordedPath(target, root) : undefined;
  if (absolute) {
    // Windows paths are case-insensitive and appear with either separator, or escaped inside JSON and YAML strings.
    const windows = /^[a-z]:\//i.test(absolute);
    add(absolute, 'path', windows, false);
    if (windows) {
      add(absolute.replace(/\//g, '\\'), 'path', true, false);
      add(absolute.replace(/\//g, '\\\\'), 'path', true, false);
    }
  }
  const relative =
    root !== undefined
      ? toRecordedPath(target, root)
      : isAbsolutePath(target)
        ? undefined
        : resolveRecordedPath(target);
  if (relative && !isAbsolutePath(relative)) {
    for (const prefix of ['', './', '${workspaceFolder}/']) add(prefix + relative, 'path', false, prefix === '');
    if (relative.includes('/')) {
      add(relative.replace(/\//g, '\\'), 'path', false, true);
      add(`.\\${relative.replace(/\//g, '\\')}`, 'path', false, false);
    }
  }
  add(baseName(target), 'basename', false, true);
  return needles;
}

function base64OfHex(hex: string): string | undefined {
  return hex.length === 64 ? Buffer.from(hex, 'hex').toString('base64') : undefined;
}

function findLiteral(text: string, needle: Needle, hits: Hit[]): void {
  const haystack = needle.ignoreCase ? text.toLowerCase() : text;
  const wanted = needle.ignoreCase ? needle.text.toLowerCase() : needle.text;
  for (let at = haystack.indexOf(wanted); at >= 0; at = haystack.indexOf(wanted, at + 1)) {
    const end = at + wanted.length;
    const before = text[at - 1];
    const after = text[end];
    // Not the tail of a longer name or path (`/mnt/etc/a.key`, `old-a.key`, `x/a.key` for a relative path) ...
    if (isNameChar(before) || before === '.') continue;
    if (needle.standalone && (before === '/' || before === '\\') && needle.kind === 'path') continue;
    // ... nor the head of one (`a.key.bak`, `a.keys`); a sentence's full stop may follow.
    if (isNameChar(after) || (after === '.' && isNameChar(text[end + 1]))) continue;
    hits.push({ start: at, end, kind: needle.kind, target: needle.target });
  }
}

function findFingerprints(text: string, wanted: Map<string, string>, hits: Hit[]): void {
  const hexRun = /[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})+|[0-9A-Fa-f]+/g;
  for (const m of text.matchAll(hexRun)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const before = text[start - 1];
    const after = text[end];
    const hexPrefix = before === 'x' && text[start - 2] === '0' && !/[0-9A-Za-z]/.test(text[start - 3] ?? '');
    if (
      (before !== undefined && /[0-9A-Za-z]/.test(before) && !hexPrefix) ||
      (after !== undefined && /[0-9A-Za-z]/.test(after))
    )
      continue;
    const target = wanted.get(m[0].replace(/:/g, '').toLowerCase());
    if (target !== undefined) hits.push({ start, end, kind: 'fingerprint', target });
  }
}

/** Offsets at which each line starts; `\r\n`, `\n` and a lone `\r` end a line, as in VS Code. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') starts.push(i + 1);
    else if (text[i] === '\r' && text[i + 1] !== '\n') starts.push(i + 1);
  }
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function isIgnored(ignore: string, file: string, root: string | undefined): boolean {
  if (samePath(ignore, file, root)) return true;
  // Without a workspace root a relative ignore path can only be recognised as the end of an absolute one.
  return (
    root === undefined &&
    !isAbsolutePath(ignore) &&
    resolveRecordedPath(file).endsWith(`/${resolveRecordedPath(ignore)}`)
  );
}

/**
 * Where the workspace still refers to the old certificate or key: by absolute or workspace-relative path, by file
 * name where it stands as a path, and by fingerprint (`AA:BB:…`, plain hex of any case, or base64 as in curl's
 * `--pinnedpubkey sha256//…`). Overlapping matches keep the longest; the target files themselves are skipped.
 */
export function findReferences(
  files: ReadonlyArray<{ path: string; text: string }>,
  targets: ReferenceTargets,
): ReferenceMatch[] {
  const root = targets.workspaceRoot;
  const needles = targets.paths.flatMap((p) => pathNeedles(p, root));
  const hexTargets = new Map<string, string>();
  const base64Needles: Needle[] = [];
  for (const fingerprint of targets.fingerprints) {
    const hex = fingerprintHex(fingerprint);
    if (hex.length < 16) continue; // too short to mean anything but coincidence
    hexTargets.set(hex, fingerprint);
    const b64 = base64OfHex(hex);
    if (b64)
      base64Needles.push({ text: b64, kind: 'fingerprint', target: fingerprint, ignoreCase: false, standalone: false });
  }
  const ignored = [...targets.paths, ...(targets.ignorePaths ?? [ROTATION_FILE_PATH, DEFAULT_REGISTER_PATH])];

  const matches: ReferenceMatch[] = [];
  for (const file of files) {
    if (ignored.some((p) => isIgnored(p, file.path, root))) continue;
    const hits: Hit[] = [];
    for (const needle of needles) findLiteral(file.text, needle, hits);
    findFingerprints(file.text, hexTargets, hits);
    for (const needle of base64Needles) {
      for (let at = file.text.indexOf(needle.text); at >= 0; at = file.text.indexOf(needle.text, at + 1)) {
        const end = at + needle.text.length;
        if (/[A-Za-z0-9+/=]/.test(file.text[at - 1] ?? '') && !file.text.slice(0, at).endsWith('//')) continue;
        if (/[A-Za-z0-9+/=]/.test(file.text[end] ?? '')) continue;
        hits.push({ start: at, end, kind: 'fingerprint', target: needle.target });
      }
    }
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    const starts = lineStarts(file.text);
    let coveredUntil = -1;
    for (const hit of hits) {
      if (hit.end <= coveredUntil) continue;
      coveredUntil = hit.end;
      const line = lineOf(starts, hit.start);
      matches.push({
        path: file.path,
        line: line + 1,
        column: hit.start - starts[line] + 1,
        match: file.text.slice(hit.start, hit.end),
        kind: hit.kind,
        target: hit.target,
      });
    }
  }
  return matches.sort(
    (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}
