// The webview is another process and its messages are data from outside: they are checked against the protocol
// (src/core/opensslConfig/configEditorProtocol.ts) before anything uses them.
import type { ConfigEditorRequest, ConfigEditorSnapshot } from '../../core/opensslConfig/configEditorProtocol';
import { SourceRange } from '../../core/opensslConfig/configFinding';
import { isFormEdit } from '../../core/opensslConfig/requestConfigForm';

function isRange(value: unknown): value is SourceRange {
  if (!value || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  return ['line', 'column', 'endLine', 'endColumn'].every((k) => Number.isInteger(r[k]) && (r[k] as number) >= 1);
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

function isSnapshot(value: unknown): value is ConfigEditorSnapshot {
  if (!value || typeof value !== 'object') return false;
  const s = value as Record<string, unknown>;
  return (
    typeof s.summary === 'string' &&
    typeof s.count === 'string' &&
    isStrings(s.general) &&
    !!s.rows &&
    typeof s.rows === 'object' &&
    Object.values(s.rows).every(isStrings) &&
    Array.isArray(s.fixes) &&
    s.fixes.every(
      (f: unknown) =>
        !!f && typeof (f as { key?: unknown }).key === 'string' && typeof (f as { text?: unknown }).text === 'string',
    )
  );
}

/** The message, when it is one the webview may send; undefined otherwise. */
export function parseConfigEditorRequest(value: unknown): ConfigEditorRequest | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
    case 'open-text':
      return { type: message.type };
    case 'edit':
      return typeof message.key === 'string' && isFormEdit(message.edit)
        ? { type: 'edit', key: message.key, edit: message.edit }
        : undefined;
    case 'reveal':
      return isRange(message.range) ? { type: 'reveal', range: message.range } : undefined;
    case 'fix':
      return typeof message.id === 'string' ? { type: 'fix', id: message.id } : undefined;
    case 'snapshot':
      return isSnapshot(message.snapshot) ? { type: 'snapshot', snapshot: message.snapshot } : undefined;
    default:
      return undefined;
  }
}
