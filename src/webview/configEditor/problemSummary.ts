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

/** The line under the title: whether `openssl req -new -batch` accepts the config, with the counts that matter. */
export function problemSummary(form: RequestForm): { text: string; ok: boolean } {
  const count = (severity: Severity) => form.findings.filter((f) => f.severity === severity).length;
  const warnings = count('warning');
  const errors = count('error');
  return form.ok
    ? {
        ok: true,
        text: `openssl req -new -batch accepts this config${warnings ? `; ${warnings} warning${warnings > 1 ? 's' : ''}` : ''}.`,
      }
    : { ok: false, text: `openssl req -new -batch fails on this config: ${errors} error${errors === 1 ? '' : 's'}.` };
}
