// Reading a config from disk the way openssl does: included paths are relative to the working directory openssl
// runs in (not to the config), and an included directory is read in readdir order, which is what opendir gives
// (fs.readdirSync sorts, so it would not match openssl).
import * as fs from 'fs';
import * as path from 'path';
import { readUserFileSync } from '../files/readUserFile';
import { ParseOpensslConfigOptions } from './parseOpensslConfig';

/** Config files larger than this are refused; real ones are a few kilobytes. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export interface ConfigFileAccess {
  readInclude: (includePath: string) => string | undefined;
  listIncludeDirectory: (includePath: string) => string[] | undefined;
}

/** File-system callbacks for parseOpensslConfig, resolving relative include paths against `cwd`. */
export function configFileAccess(cwd: string): ConfigFileAccess {
  const resolve = (p: string) => path.resolve(cwd, p);
  return {
    readInclude(includePath) {
      // The same rules as the config itself: an include naming a FIFO or /dev/zero must not hang or fill memory.
      try {
        return readUserFileSync(resolve(includePath), { maxBytes: MAX_CONFIG_BYTES }).toString('utf8');
      } catch {
        return undefined;
      }
    },
    listIncludeDirectory(includePath) {
      try {
        const full = resolve(includePath);
        if (!fs.statSync(full).isDirectory()) return undefined;
        const dir = fs.opendirSync(full);
        const names: string[] = [];
        try {
          for (let entry = dir.readSync(); entry; entry = dir.readSync()) names.push(entry.name);
        } finally {
          dir.closeSync();
        }
        return names;
      } catch {
        return undefined;
      }
    },
  };
}

/** Reads the config file itself; a file that cannot be read is a CoreError with a stable code (see readUserFile). */
export function readOpensslConfigFile(file: string): string {
  return readUserFileSync(file, { maxBytes: MAX_CONFIG_BYTES }).toString('utf8');
}

/** Parse options for a config on disk, as `openssl req -config FILE` run in `cwd` with `env` would read it. */
export function opensslConfigFileOptions(
  file: string,
  cwd: string,
  env?: Record<string, string | undefined>,
): ParseOpensslConfigOptions {
  return { path: file, env, ...configFileAccess(cwd) };
}
