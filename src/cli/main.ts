import { Command, CommandIo, EXIT } from './command';
import { checkCommand } from './commands/check';
import { compareCommand } from './commands/compare';
import { configSubject } from './commands/configSubject';
import { generateCommand } from './commands/generate';
import { newConfigCommand } from './commands/newConfig';
import { inventoryCommand } from './commands/inventory';
import { storeCommand } from './commands/store';
import { testCallCommand } from './commands/testCall';
import { verifyCommand } from './commands/verify';
import { OptionSpecs, parseArgs, UsageError } from './parseArgs';
import { escapeControlCharacters } from '../core/text/escapeControlCharacters';

const PROGRAM = 'mtls-rotation';

/** Every command, in the order --help lists them. A new command is one file and one entry here. */
export const commands: readonly Command[] = [
  inventoryCommand,
  checkCommand,
  configSubject,
  newConfigCommand,
  generateCommand,
  compareCommand,
  verifyCommand,
  testCallCommand,
  storeCommand,
];

const DEFAULT_EXIT_CODES = 'Exit codes: 0 success, 1 the check found problems, 2 bad usage or unreadable input.';

export function commandHelp(command: Command): string {
  const options = Object.entries({
    ...command.options,
    help: { type: 'boolean', description: 'show this help' },
  } as OptionSpecs);
  const width = Math.max(...options.map(([name, spec]) => `--${name}${spec.value ? ` ${spec.value}` : ''}`.length));
  return [
    `Usage: ${PROGRAM} ${command.synopsis}`,
    '',
    `${command.summary[0].toUpperCase()}${command.summary.slice(1)}.`,
    '',
    'Options:',
    ...options.map(
      ([name, spec]) => `  ${`--${name}${spec.value ? ` ${spec.value}` : ''}`.padEnd(width)}  ${spec.description}`,
    ),
    '',
    command.exitCodes ?? DEFAULT_EXIT_CODES,
    '',
  ].join('\n');
}

export function groupHelp(group: Command): string {
  const subcommands = group.subcommands ?? [];
  const width = Math.max(...subcommands.map((c) => c.name.length));
  return [
    `Usage: ${PROGRAM} ${group.synopsis}`,
    '',
    `${group.summary[0].toUpperCase()}${group.summary.slice(1)}.`,
    '',
    'Subcommands:',
    ...subcommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run '${PROGRAM} ${group.name} SUBCOMMAND --help' for its options.`,
    '',
    group.exitCodes ?? DEFAULT_EXIT_CODES,
    '',
  ].join('\n');
}

export function programHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `Usage: ${PROGRAM} COMMAND [OPTIONS]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run '${PROGRAM} COMMAND --help' for a command's options.`,
    '',
  ].join('\n');
}

/** Runs one command line and returns the exit code; all output goes through `io`. */
export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(programHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const found = commands.find((c) => c.name === name);
  if (!found) {
    io.stderr(`${PROGRAM}: unknown command ${escapeControlCharacters(JSON.stringify(name))} (see ${PROGRAM} --help)\n`);
    return EXIT.usage;
  }
  const selected = selectSubcommand(found, argv.slice(1), io);
  if (typeof selected === 'number') return selected;
  const { command, rest } = selected;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }
  try {
    return await command.run(parseArgs(rest, command.options), io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = error instanceof UsageError ? ` (see ${PROGRAM} ${command.name} --help)` : '';
    // One line, always (scripts read the first line of stderr), and whole: a file name may hold a newline.
    io.stderr(`${PROGRAM} ${command.name}: ${escapeControlCharacters(message)}${hint}\n`);
    return EXIT.usage;
  }
}

/** `store list ...`: the subcommand named by the word after the group, as a command named `store list`. */
function selectSubcommand(
  command: Command,
  rest: readonly string[],
  io: CommandIo,
): { command: Command; rest: readonly string[] } | number {
  if (!command.subcommands) return { command, rest };
  const [word, ...after] = rest;
  if (word === undefined || word === '--help' || word === '-h' || word === 'help') {
    io.stdout(groupHelp(command));
    return word === undefined ? EXIT.usage : EXIT.ok;
  }
  const subcommand = command.subcommands.find((c) => c.name === word);
  if (!subcommand) {
    const names = command.subcommands.map((c) => c.name).join(', ');
    io.stderr(
      `${PROGRAM} ${command.name}: unknown subcommand ${escapeControlCharacters(JSON.stringify(word))} (one of ${names}; see ${PROGRAM} ${command.name} --help)\n`,
    );
    return EXIT.usage;
  }
  return { command: { ...subcommand, name: `${command.name} ${subcommand.name}` }, rest: after };
}

if (require.main === module) {
  // The AWS SDK warns on stderr, at its first client, that later releases need Node 22: that is for whoever
  // upgrades this program, not for its users, and it would break the one-line stderr scripts read. A user who
  // sets the variable keeps their setting.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // `mtls-rotation inventory . | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const io: CommandIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `${PROGRAM}: ${escapeControlCharacters(error instanceof Error ? error.message : String(error))}\n`,
      );
      process.exitCode = EXIT.usage;
    },
  );
}
