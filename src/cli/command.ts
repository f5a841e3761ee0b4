import { OptionSpecs, ParsedArgs } from './parseArgs';

export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** What relative paths on the command line are resolved against; the process's when absent (tests set it). */
  cwd?: string;
}

/** One CLI command; main.ts dispatches by name, so a new command is one file and one line in the list. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Synopsis after the program name, e.g. `inventory PATH... [--json] [--now T]`. */
  synopsis: string;
  options: OptionSpecs;
  /** The exit-code line of --help, when the default (0 success, 1 problems found, 2 bad usage) says too little. */
  exitCodes?: string;
  /**
   * A command word with subcommands (`store list`, `store deploy`): main dispatches on the next word, and each
   * subcommand is a Command of its own (options, help, run). The group's own `run` is never called.
   */
  subcommands?: readonly Command[];
  /** Exit code: 0 success, 1 the check found problems. Usage mistakes throw UsageError (exit 2). */
  run(args: ParsedArgs, io: CommandIo): Promise<number>;
}

export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
