// `config-subject FILE.cnf [--json]`: the subject and SANs `openssl req -new -config FILE -batch` would put
// into a CSR, with the config's findings. Exit 0 when openssl would accept the config, 1 when it has errors,
// 2 for bad usage or an unreadable file (one line on stderr, written by main).
import * as path from 'path';
import { opensslConfigFileOptions, readOpensslConfigFile } from '../../core/opensslConfig/loadOpensslConfigFile';
import { checkOpensslConfig } from '../../core/opensslConfig/validateOpensslConfig';
import { escapeControlCharacters } from '../../core/text/escapeControlCharacters';
import { printedValue } from '../printedValue';
import { Command, EXIT } from '../command';
import { stringOption, UsageError } from '../parseArgs';

export const configSubject: Command = {
  name: 'config-subject',
  summary:
    "the subject and SANs that `openssl req -new -config FILE -batch` would put into a CSR, with the config's diagnostics",
  synopsis: 'config-subject FILE.cnf [--json] [--section NAME]',
  options: {
    json: { type: 'boolean', description: 'print {"subject","subjectAltNames","diagnostics"} as one JSON document' },
    section: { type: 'string', value: 'NAME', description: 'the req section to read (default: req)' },
  },
  async run(args, io) {
    if (args.positionals.length !== 1) throw new UsageError(`expected one config file, got ${args.positionals.length}`);
    const file = args.positionals[0];
    // Relative .include paths resolve against the working directory, as openssl resolves them.
    const cwd = io.cwd ?? process.cwd();
    const text = readOpensslConfigFile(path.resolve(cwd, file));
    const options = opensslConfigFileOptions(file, cwd, io.env);
    const { request, findings } = checkOpensslConfig(text, { ...options, section: stringOption(args, 'section') });
    const exitCode = findings.some((f) => f.severity === 'error') ? EXIT.problems : EXIT.ok;

    if (args.options.json) {
      const document = {
        subject: request.subject.map(printedValue),
        subjectAltNames: request.subjectAltNames.map(printedValue),
        diagnostics: findings.map((f) => ({
          severity: f.severity,
          line: f.line ?? 1,
          column: f.column ?? 1,
          code: f.code,
          message: f.message,
        })),
      };
      io.stdout(`${JSON.stringify(document, null, 2)}\n`);
      return exitCode;
    }

    const lines: string[] = [];
    if (exitCode !== EXIT.ok) lines.push(`openssl req would refuse ${file}; what it would otherwise request:`);
    lines.push('Subject:');
    if (request.subject.length === 0) lines.push('  (none)');
    const width = Math.max(0, ...request.subject.map((a) => a.type.length));
    for (const a of request.subject) lines.push(`  ${a.type.padEnd(width)}  ${printedValue(a).value}`);
    lines.push(`Subject alternative names${request.subjectAltNamesCritical ? ' (critical)' : ''}:`);
    if (request.subjectAltNames.length === 0) lines.push('  (none)');
    for (const s of request.subjectAltNames) lines.push(`  ${s.type}:${printedValue(s).value}`);
    const others = request.extensions.filter((e) => e.name !== 'subjectAltName');
    if (others.length > 0) {
      lines.push('Other requested extensions:');
      for (const e of others) lines.push(`  ${e.name}${e.critical ? ' (critical)' : ''}: ${e.shown ?? e.value}`);
    }
    if (findings.length > 0) {
      lines.push('Diagnostics:');
      for (const f of findings)
        lines.push(`  ${file}:${f.line ?? 1}:${f.column ?? 1}: ${f.severity}: ${f.message} [${f.code}]`);
    }
    // Values come from a config that may have come with a cloned repository.
    io.stdout(`${lines.map(escapeControlCharacters).join('\n')}\n`);
    return exitCode;
  },
};
