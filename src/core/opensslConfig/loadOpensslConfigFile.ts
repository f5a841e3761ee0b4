// Reading a config from disk the way openssl does: included paths are relative to the working directory openssl
// runs in (not to the config), and an included directory is read in readdir order, which is what opendir gives
// (fs.readdirSync sorts, so it would not match openssl).
import * as fs from 'fs';
import * as path from 'path';
import { CoreError } from '../errors';
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
      try {
        const full = resolve(includePath);
        const stat = fs.statSync(full);
        if (!stat.isFile() || stat.size > MAX_CONFIG_BYTES) return undefined;
        return fs.readFileSync(full, 'utf8');
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

/** Reads the config file itself; a file that cannot be read is a CoreError with a stable code. */
export function readOpensslConfigFile(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CoreError('not-found', `${file}: no such file`, { cause: error });
    if (code === 'EACCES' || code === 'EPERM') throw new CoreError('permission-denied', `${file}: permission denied`, { cause: error });
    throw new CoreError('unreadable', `${file}: ${(error as Error).message}`, { cause: error });
  }
  if (!stat.isFile()) throw new CoreError('unreadable', `${file}: not a regular file`);
  if (stat.size > MAX_CONFIG_BYTES) throw new CoreError('too-large', `${file}: larger than ${MAX_CONFIG_BYTES} bytes`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new CoreError('permission-denied', `${file}: permission denied`, { cause: error });
    throw new CoreError('unreadable', `${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Parse options for a config on disk, as `openssl req -config FILE` run in `cwd` with `env` would read it. */
export function opensslConfigFileOptions(file: string, cwd: string, env?: Record<string, string | undefined>): ParseOpensslConfigOptions {
  return { path: file, env, ...configFileAccess(cwd) };
}
