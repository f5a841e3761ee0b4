import * as path from 'path';

// The rotation record is committed and shared, so it stores paths relative to the workspace with forward
// slashes, while the inventory hands out absolute paths of this machine. These helpers bridge the two.

function slashes(p: string): string {
  return p.replace(/\\/g, '/');
}

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(p);
}

function normalize(p: string): string {
  const normalized = path.posix.normalize(slashes(p));
  const trimmed = normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
  // Drive letters are case-insensitive, and VS Code hands out both `c:` and `C:`.
  return /^[A-Za-z]:\//.test(trimmed) ? trimmed[0].toLowerCase() + trimmed.slice(1) : trimmed;
}

/** Absolute (forward slashes) when a workspace root is known or the path is absolute already. */
export function resolveRecordedPath(p: string, workspaceRoot?: string): string {
  if (isAbsolutePath(p) || workspaceRoot === undefined) return normalize(p);
  return normalize(`${slashes(workspaceRoot)}/${slashes(p)}`);
}

/** Relative to the workspace when inside it, else absolute; forward slashes either way. */
export function toRecordedPath(p: string, workspaceRoot?: string): string {
  const absolute = resolveRecordedPath(p, workspaceRoot);
  if (workspaceRoot === undefined) return absolute;
  const root = resolveRecordedPath(workspaceRoot);
  if (absolute.startsWith(`${root}/`)) return absolute.slice(root.length + 1);
  return absolute;
}

export function samePath(a: string | undefined, b: string | undefined, workspaceRoot?: string): boolean {
  if (a === undefined || b === undefined) return false;
  return resolveRecordedPath(a, workspaceRoot) === resolveRecordedPath(b, workspaceRoot);
}

export function baseName(p: string): string {
  const parts = slashes(p).split('/');
  return parts[parts.length - 1] || p;
}
