import { CoreError } from '../errors';
import { checkAwsSecretName, checkDirectoryStoreName, FieldPresetName, StoreSpec } from './storeSpec';

/** A store as the user configured it: the name the view, the commands and the rotation record use, and its spec. */
export interface ConfiguredStore {
  name: string;
  spec: StoreSpec;
}

export interface ConfiguredStores {
  stores: ConfiguredStore[];
  /** One sentence per entry that was left out, naming it; the others still work. */
  problems: string[];
}

const KEYS = new Set([
  'name',
  'kind',
  'secretName',
  'prefix',
  'layout',
  'region',
  'profile',
  'preset',
  'directory',
  'storeName',
  'reloadCommand',
]);
const PRESETS: readonly FieldPresetName[] = ['default', 'vault-pki', 'kubernetes'];

function bad(message: string): CoreError {
  return new CoreError('store-spec-invalid', message);
}

function optionalText(entry: Record<string, unknown>, key: string): string | undefined {
  const value = entry[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw bad(`"${key}" must be a non-empty string`);
  return value;
}

function storeSpecOf(entry: Record<string, unknown>): StoreSpec {
  for (const key of Object.keys(entry)) if (!KEYS.has(key)) throw bad(`unknown property "${key}"`);
  if (entry.kind === 'aws-secrets-manager') {
    for (const key of ['directory', 'storeName', 'reloadCommand'])
      if (entry[key] !== undefined) throw bad(`"${key}" belongs to a directory store, not AWS Secrets Manager`);
    const layout = entry.layout;
    if (layout !== 'staged' && layout !== 'generation') throw bad('"layout" must be "staged" or "generation"');
    const wanted = layout === 'staged' ? 'secretName' : 'prefix';
    const other = layout === 'staged' ? 'prefix' : 'secretName';
    if (entry[other] !== undefined) throw bad(`the ${layout} layout takes "${wanted}", not "${other}"`);
    const name = optionalText(entry, wanted);
    if (name === undefined) throw bad(`the ${layout} layout needs "${wanted}"`);
    checkAwsSecretName(name, layout === 'staged' ? 'secretName' : 'prefix');
    const preset = entry.preset ?? 'default';
    if (!PRESETS.includes(preset as FieldPresetName)) throw bad(`"preset" must be one of ${PRESETS.join(', ')}`);
    const region = optionalText(entry, 'region');
    const profile = optionalText(entry, 'profile');
    return {
      kind: 'aws-secrets-manager',
      name,
      layout,
      preset: preset as FieldPresetName,
      ...(region === undefined ? {} : { region }),
      ...(profile === undefined ? {} : { profile }),
    };
  }
  if (entry.kind === 'directory') {
    for (const key of ['secretName', 'prefix', 'layout', 'region', 'profile', 'preset'])
      if (entry[key] !== undefined) throw bad(`"${key}" belongs to AWS Secrets Manager, not a directory store`);
    const directory = optionalText(entry, 'directory');
    // The user's settings apply to every window: a relative path would mean a different folder in each.
    if (directory === undefined || !/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(directory))
      throw bad('"directory" must be an absolute path');
    const storeName = optionalText(entry, 'storeName');
    if (storeName === undefined) throw bad('a directory store needs "storeName"');
    checkDirectoryStoreName(storeName);
    const reload = entry.reloadCommand;
    if (
      reload !== undefined &&
      (!Array.isArray(reload) || reload.length === 0 || reload.some((a) => typeof a !== 'string' || a === ''))
    )
      throw bad('"reloadCommand" must be a list of non-empty strings: the program, then its arguments');
    return {
      kind: 'directory',
      directory,
      name: storeName,
      ...(reload === undefined ? {} : { reloadCommand: reload as string[] }),
    };
  }
  throw bad('"kind" must be "aws-secrets-manager" or "directory"');
}

/**
 * `mtlsRotation.stores` as plain data: each valid entry becomes a spec, each bad one a problem naming it, so one
 * typo neither takes the others down nor silently picks a default.
 */
export function readConfiguredStores(value: unknown): ConfiguredStores {
  const stores: ConfiguredStore[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { stores, problems };
  if (!Array.isArray(value)) return { stores, problems: ['mtlsRotation.stores must be a list of stores'] };
  value.forEach((entry: unknown, index) => {
    const record =
      entry && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : undefined;
    const label =
      typeof record?.name === 'string' && record.name.trim() !== ''
        ? `"${record.name}" (entry ${index + 1})`
        : `entry ${index + 1}`;
    try {
      if (!record) throw bad('it must be an object');
      const name = optionalText(record, 'name');
      if (name === undefined) throw bad('it needs a "name"');
      if (stores.some((s) => s.name === name)) throw bad('another store has the same name');
      stores.push({ name, spec: storeSpecOf(record) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push(`mtlsRotation.stores ${label} is left out: ${message}`);
    }
  });
  return { stores, problems };
}
