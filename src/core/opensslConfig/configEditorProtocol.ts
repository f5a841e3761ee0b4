// The messages between the request-config form page (src/webview/configEditor) and ConfigEditor, the one
// definition both sides compile against. Types only: the page bundles nothing of the core through it.
import type { SourceRange } from './configFinding';
import type { FormEdit, RequestForm } from './requestForm';

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
  | { type: 'edit-result'; key: string; ok: boolean; message?: string }
  /**
   * Types `text` into the input named by `key` as keystrokes do: the page sets the value and dispatches the same
   * `input` (and, with `commit`, `focusout`) events a user's typing raises, so the page's own handlers, delay and
   * messages run. Only the integration tests send it (ConfigEditor.typeInto).
   */
  | { type: 'type-into'; key: string; text: string; commit?: boolean };
