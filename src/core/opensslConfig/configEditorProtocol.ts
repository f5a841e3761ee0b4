// The messages between the request-config form page (src/webview/configEditor) and ConfigEditor, the one
// definition both sides compile against. Types only: the page bundles nothing of the core through it.
import type { SourceRange } from './configFinding';
import type { FormProblem } from './formProblem';
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
  | { type: 'open-text' }
  /** Apply a quick fix the last `problems` message offered. */
  | { type: 'fix'; id: string }
  /** The answer to `snapshot-request`: what the page shows (integration tests). */
  | { type: 'snapshot'; snapshot: ConfigEditorSnapshot };

/** What the page shows of its problems, read from the DOM: the tests compare it with the Problems panel. */
export interface ConfigEditorSnapshot {
  summary: string;
  /** The Problems heading's count. */
  count: string;
  /** Each problem line under a row, by the row's data-key (`san:DNS.2`, `field:OU`, `bits`, `san-list`). */
  rows: Record<string, string[]>;
  /** The general list, one text per problem. */
  general: string[];
  /** Quick-fix buttons: their data-key and text. */
  fixes: { key: string; text: string }[];
}

/** To the webview. */
export type ConfigEditorUpdate =
  | { type: 'form'; form: RequestForm; fileName: string; version: number }
  /** Every diagnostic the Problems panel shows for the file, with the quick fixes offered for each. */
  | {
      type: 'problems';
      problems: FormProblem[];
      /** Their count by severity, "2 errors, 1 warning" (core/severityCounts), empty for none. */
      counts: string;
    }
  | { type: 'fix-result'; ok: boolean; message?: string }
  | { type: 'edit-result'; key: string; ok: boolean; message?: string }
  /**
   * Types `text` into the input named by `key` as keystrokes do: the page sets the value and dispatches the same
   * `input` (and, with `commit`, `focusout`) events a user's typing raises, so the page's own handlers, delay and
   * messages run. Only the integration tests send it (ConfigEditor.typeInto).
   */
  | { type: 'type-into'; key: string; text: string; commit?: boolean }
  /** Clicks the button named by `key` (integration tests). */
  | { type: 'click'; key: string }
  /** Asks for a `snapshot` of what the page shows (integration tests). */
  | { type: 'snapshot-request' };
