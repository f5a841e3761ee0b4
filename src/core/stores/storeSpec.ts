import { CoreError } from '../errors';

export type FieldPresetName = 'default' | 'vault-pki' | 'kubernetes';
export type AwsLayout = 'staged' | 'generation';

export interface AwsStoreSpec {
  kind: 'aws-secrets-manager';
  /** `staged`: the secret's name; `generation`: the prefix of one secret per certificate. */
  name: string;
  layout: AwsLayout;
  preset: FieldPresetName;
  /** Otherwise from the SDK's own chain (`AWS_REGION`, the profile's config). */
  region?: string;
  /** A named profile of the SDK's shared config; credentials are never stored by us. */
  profile?: string;
  /** Tests and emulators; otherwise `AWS_ENDPOINT_URL_SECRETS_MANAGER` / `AWS_ENDPOINT_URL` apply. */
  endpoint?: string;
}

export interface DirectoryStoreSpec {
  kind: 'directory';
  /** Absolute, or relative to the working directory (CLI only). */
  directory: string;
  name: string;
  /** Run without a shell after promote and rollback: argv[0] and its arguments. */
  reloadCommand?: string[];
}

export type StoreSpec = AwsStoreSpec | DirectoryStoreSpec;

const PRESETS: readonly FieldPresetName[] = ['default', 'vault-pki', 'kubernetes'];
const LAYOUTS: readonly AwsLayout[] = ['staged', 'generation'];
/** AWS's own rule for secret names; checked before any call. */
export const AWS_SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const DIRECTORY_NAME = /^[A-Za-z0-9._-]{1,100}$/;

function bad(message: string): CoreError {
  return new CoreError('store-spec-invalid', message);
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw bad(`${what} must be one of ${allowed.join(', ')} (got "${value}")`);
}

export function checkAwsSecretName(name: string, what = 'secret name'): void {
  if (!AWS_SECRET_NAME.test(name))
    throw bad(`${what} "${name}" is not a valid AWS secret name (1-512 of A-Z a-z 0-9 / _ + = . @ -)`);
}

export function checkDirectoryStoreName(name: string): void {
  if (!DIRECTORY_NAME.test(name) || name === '.' || name === '..')
    throw bad(`directory store name "${name}" must be 1-100 of A-Z a-z 0-9 . _ - (one folder, not a path)`);
}

/**
 * `aws-sm:NAME?layout=staged`, `aws-sm:PREFIX?layout=generation[&preset=kubernetes][&region=R][&profile=P]`,
 * `dir:PATH?name=NAME`. Unknown parameters are refused: a typo must not silently pick a default.
 */
export function parseStoreSpec(text: string): StoreSpec {
  const colon = text.indexOf(':');
  if (colon < 0) throw bad(`store "${text}" must start with aws-sm: or dir:`);
  const scheme = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  const question = rest.indexOf('?');
  const target = question < 0 ? rest : rest.slice(0, question);
  const params = new URLSearchParams(question < 0 ? '' : rest.slice(question + 1));
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key)) throw bad(`store parameter "${key}" is given twice`);
    seen.add(key);
  }
  const allow = (keys: string[]) => {
    for (const key of seen) if (!keys.includes(key)) throw bad(`unknown store parameter "${key}" for ${scheme}:`);
  };
  if (scheme === 'aws-sm') {
    allow(['layout', 'preset', 'region', 'profile', 'endpoint']);
    const layout = params.get('layout');
    if (layout === null) throw bad('aws-sm: needs ?layout=staged or ?layout=generation');
    checkAwsSecretName(target, layout === 'generation' ? 'secret prefix' : 'secret name');
    const spec: AwsStoreSpec = {
      kind: 'aws-secrets-manager',
      name: target,
      layout: oneOf(layout, LAYOUTS, 'layout'),
      preset: oneOf(params.get('preset') ?? 'default', PRESETS, 'preset'),
    };
    for (const key of ['region', 'profile', 'endpoint'] as const) {
      const value = params.get(key);
      if (value !== null) {
        if (value === '') throw bad(`store parameter "${key}" is empty`);
        spec[key] = value;
      }
    }
    return spec;
  }
  if (scheme === 'dir') {
    allow(['name']);
    if (target === '') throw bad('dir: needs a directory path');
    const name = params.get('name');
    if (name === null) throw bad('dir: needs ?name=NAME');
    checkDirectoryStoreName(name);
    return { kind: 'directory', directory: target, name };
  }
  throw bad(`store "${text}" must start with aws-sm: or dir: (got "${scheme}:")`);
}

export function describeStoreSpec(spec: StoreSpec): string {
  if (spec.kind === 'directory') return `dir:${spec.directory}?name=${spec.name}`;
  return `aws-sm:${spec.name}?layout=${spec.layout}${spec.preset === 'default' ? '' : `&preset=${spec.preset}`}`;
}
