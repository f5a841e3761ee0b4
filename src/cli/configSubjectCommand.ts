// `config-subject FILE.cnf [--json]`: the subject and SANs `openssl req -new -config FILE -batch` would put
// into a CSR, with the config's findings. Exit 0 when openssl would accept the config, 1 when it has errors,
// 2 for bad usage or an unreadable file (one line on stderr).
import * as path from 'path';
import { isCoreError } from '../core/errors';
import { opensslConfigFileOptions, readOpensslConfigFile } from '../core/opensslConfig/loadOpensslConfigFile';
import { checkOpensslConfig } from '../core/opensslConfig/validateOpensslConfig';
import { escapeControlCharacters } from '../core/text/escapeControlCharacters';

export interface ConfigSubjectIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Environment for $ENV:: references; the process environment when absent. */
  env?: Record<string, string | undefined>;
  /** Directory relative .include paths are resolved against, as openssl does; the process's when absent. */
  cwd?: string;
}

const USAGE = 'usage: mtls-rotation config-subject FILE.cnf [--json] [--section NAME]';

/**
 * A value as printed: one from the environment or an included file is named, not printed, and marked
 * `"redacted": true` in JSON. A cloned repository's config chooses which variables and files it reads, and this
 * output ends up on screens and in CI logs; `generate` puts the real values into the CSR.
 */
function printed<T extends { type: string; value: string; shown?: string }>(item: T): Pick<T, 'type' | 'value'> & { redacted?: true } {
  return item.shown !== undefined ? { type: item.type, value: item.shown, redacted: true } : { type: item.type, value: item.value };
}

export async function configSubjectCommand(args: string[], io: ConfigSubjectIo): Promise<number> {
  let json = false;
  let section: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') json = true;
    else if (arg === '--section') {
      section = args[++i];
      if (section === undefined || section === '') {
        io.stderr(`config-subject: --section needs a name\n${USAGE}\n`);
        return 2;
      }
    } else if (arg.startsWith('-') && arg !== '-') {
      io.stderr(`config-subject: unknown option ${arg}; ${USAGE}\n`);
      return 2;
    } else files.push(arg);
  }
  if (files.length !== 1) {
    io.stderr(`config-subject: expected one config file, got ${files.length}; ${USAGE}\n`);
    return 2;
  }
  const file = files[0];
  const cwd = io.cwd ?? process.cwd();
  let text: string;
  try {
    text = readOpensslConfigFile(path.resolve(cwd, file));
  } catch (error) {
    const message = isCoreError(error) ? error.message : `${file}: ${(error as Error).message}`;
    io.stderr(`config-subject: ${escapeControlCharacters(message)}\n`);
    return 2;
  }
  const options = opensslConfigFileOptions(file, cwd, io.env ?? process.env);
  const { request, findings } = checkOpensslConfig(text, { ...options, section });
  const hasErrors = findings.some((f) => f.severity === 'error');

  if (json) {
    const document = {
      subject: request.subject.map(printed),
      subjectAltNames: request.subjectAltNames.map(printed),
      diagnostics: findings.map((f) => ({ severity: f.severity, line: f.line ?? 1, column: f.column ?? 1, code: f.code, message: f.message })),
    };
    io.stdout(`${JSON.stringify(document, null, 2)}\n`);
    return hasErrors ? 1 : 0;
  }

  const lines: string[] = [];
  if (hasErrors) lines.push(`openssl req would refuse ${file}; what it would otherwise request:`);
  lines.push('Subject:');
  if (request.subject.length === 0) lines.push('  (none)');
  const width = Math.max(0, ...request.subject.map((a) => a.type.length));
  for (const a of request.subject) lines.push(`  ${a.type.padEnd(width)}  ${printed(a).value}`);
  lines.push(`Subject alternative names${request.subjectAltNamesCritical ? ' (critical)' : ''}:`);
  if (request.subjectAltNames.length === 0) lines.push('  (none)');
  for (const s of request.subjectAltNames) lines.push(`  ${s.type}:${printed(s).value}`);
  const others = request.extensions.filter((e) => e.name !== 'subjectAltName');
  if (others.length > 0) {
    lines.push('Other requested extensions:');
    for (const e of others) lines.push(`  ${e.name}${e.critical ? ' (critical)' : ''}: ${e.shown ?? e.value}`);
  }
  if (findings.length > 0) {
    lines.push('Diagnostics:');
    for (const f of findings) lines.push(`  ${file}:${f.line ?? 1}:${f.column ?? 1}: ${f.severity}: ${f.message} [${f.code}]`);
  }
  // Values come from a config that may have come with a cloned repository.
  io.stdout(`${lines.map(escapeControlCharacters).join('\n')}\n`);
  return hasErrors ? 1 : 0;
}
