import * as fs from 'fs';
import * as path from 'path';
import { runCommand } from './runCommand';

/**
 * `npm install ARGS` in `prefix`, a cache folder of its own: a private package.json is written there first so
 * that npm never climbs up to the project's package.json or package-lock.json, and `--no-save` keeps it as is.
 * Variables that `npm run` exports about the calling project are dropped for the same reason.
 */
export async function npmInstall(
  prefix: string,
  specs: string[],
  logFile: string,
  extraArgs: string[] = [],
): Promise<void> {
  fs.mkdirSync(prefix, { recursive: true });
  const manifest = path.join(prefix, 'package.json');
  if (!fs.existsSync(manifest)) {
    fs.writeFileSync(manifest, JSON.stringify({ name: 'mtls-rotation-host-cache', private: true }, null, 2) + '\n');
  }
  const args = [
    'install',
    '--no-save',
    '--no-audit',
    '--no-fund',
    '--ignore-scripts',
    '--prefix',
    prefix,
    ...extraArgs,
    ...specs,
  ];
  await runCommand(npmCommand(), args, { cwd: prefix, env: npmEnv(), logFile });
}

export function npmCommand(): string {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

export function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const k = key.toLowerCase();
    if (/^npm_(package|lifecycle)_/.test(k)) continue;
    if (
      [
        'npm_config_prefix',
        'npm_config_local_prefix',
        'npm_config_global',
        'npm_config_save',
        'npm_config_omit',
        'npm_config_include',
      ].includes(k)
    )
      continue;
    env[key] = value;
  }
  return env;
}
