import { ReloadOutcome, StorePairState } from '../../../core/stores/secretsStore';
import { escapeControlCharacters } from '../../../core/text/escapeControlCharacters';
import { CommandIo, EXIT } from '../../command';

/** `{"ok":true,"current","pending"}`, and `reload` when the store ran its reload command. */
export function pairStateJson(state: StorePairState): Record<string, unknown> {
  return {
    ok: true,
    current: state.current,
    pending: state.pending,
    ...(state.reload ? { reload: state.reload } : {}),
  };
}

export function reloadFailed(reload: ReloadOutcome | undefined): boolean {
  return reload !== undefined && (reload.exitCode !== 0 || reload.error !== undefined);
}

function describeReload(reload: ReloadOutcome): string {
  const command = reload.command.join(' ');
  if (reload.error !== undefined) return `${command}: did not start (${reload.error})`;
  if (reload.signal !== undefined) return `${command}: killed by ${reload.signal}`;
  return `${command}: exit ${reload.exitCode}`;
}

/**
 * Prints what services get now. A reload command that failed makes the exit 1: the store has switched, but the
 * services may not have noticed, and a script must not take that for done.
 */
export function printPairState(
  io: CommandIo,
  json: boolean,
  headline: string,
  state: StorePairState,
  command: string,
): number {
  if (json) io.stdout(`${JSON.stringify(pairStateJson(state), null, 2)}\n`);
  else {
    const lines = [headline, `current  ${state.current}`, `pending  ${state.pending ?? 'none'}`];
    if (state.reload) lines.push(`reload   ${describeReload(state.reload)}`);
    io.stdout(lines.map(escapeControlCharacters).join('\n') + '\n');
  }
  if (!reloadFailed(state.reload)) return EXIT.ok;
  io.stderr(
    `mtls-rotation ${command}: ${escapeControlCharacters(describeReload(state.reload as ReloadOutcome))}; services may still use the certificate they had\n`,
  );
  return EXIT.problems;
}
