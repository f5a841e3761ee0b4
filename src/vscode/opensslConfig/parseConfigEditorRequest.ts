// The messages between the request-config form (media/configEditor.js, in the webview) and ConfigEditor. The
// webview is another process and its messages are data from outside: they are checked before anything uses them.
import { SourceRange } from '../../core/opensslConfig/configFinding';
import { FormEdit, isFormEdit, RequestForm } from '../../core/opensslConfig/requestConfigForm';

/** From the webview. */
export type ConfigEditorRequest =
  /** The page has loaded its script and waits for the form. */
  | { type: 'ready' }
  /** A form edit; `key` names the input it comes from, echoed in the answer. */
  | { type: 'edit'; key: string; edit: FormEdit }
  /** Show a place of the config in the text editor (a finding's range). */
  | { type: 'reveal'; range: SourceRange }
  /** Reopen the file in the text editor. */
  | { type: 'open-text' };

/** To the webview. */
export type ConfigEditorUpdate =
  | { type: 'form'; form: RequestForm; fileName: string; version: number }
  | { type: 'edit-result'; key: string; ok: boolean; message?: string };

function isRange(value: unknown): value is SourceRange {
  if (!value || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  return ['line', 'column', 'endLine', 'endColumn'].every((k) => Number.isInteger(r[k]) && (r[k] as number) >= 1);
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
      return typeof message.key === 'string' && isFormEdit(message.edit) ? { type: 'edit', key: message.key, edit: message.edit } : undefined;
    case 'reveal':
      return isRange(message.range) ? { type: 'reveal', range: message.range } : undefined;
    default:
      return undefined;
  }
}
