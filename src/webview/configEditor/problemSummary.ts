import type { Severity } from '../../core/model';
import type { RequestForm } from '../../core/opensslConfig/requestForm';

/** The icon and the word a finding's severity is shown and read out with. */
export function severityLabel(severity: Severity): { icon: string; name: string } {
  switch (severity) {
    case 'error':
      return { icon: '⊗', name: 'Error' };
    case 'warning':
      return { icon: '⚠', name: 'Warning' };
    default:
      return { icon: 'ⓘ', name: 'Info' };
  }
}

/**
 * The line under the title: whether `openssl req -new -batch` accepts the config, with `counts`, the problems of
 * each severity the Problems panel shows ("2 errors, 1 warning", counted by the editor: core/severityCounts).
 */
export function problemSummary(form: RequestForm, counts: string, errors: boolean): { text: string; ok: boolean } {
  return form.ok
    ? { ok: !errors, text: `openssl req -new -batch accepts this config${counts ? `; ${counts}` : ''}.` }
    : { ok: false, text: `openssl req -new -batch fails on this config${counts ? `: ${counts}` : ''}.` };
}
