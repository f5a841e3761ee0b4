import * as path from 'path';
import { CoreError, isCoreError } from '../core/errors';
import { openStore } from '../core/stores/openStore';
import { SecretsStore } from '../core/stores/secretsStore';
import { parseStoreSpec } from '../core/stores/storeSpec';
import { CommandIo } from './command';
import { OptionSpec } from './parseArgs';

export const STORE_SPEC_HELP =
  'aws-sm:NAME?layout=staged, aws-sm:PREFIX?layout=generation (region, endpoint and credentials from the AWS SDK environment: AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL_SECRETS_MANAGER...), or dir:PATH?name=NAME';

export const storeOption: OptionSpec = {
  type: 'string',
  value: 'SPEC',
  description: `the store: ${STORE_SPEC_HELP}; required`,
  multiple: true,
};

/** The adapter for a `--store` value as the user typed it; a relative directory is the command's. */
export function openStoreSpec(text: string, io: CommandIo): SecretsStore {
  const spec = parseStoreSpec(text);
  if (spec.kind === 'directory') spec.directory = path.resolve(io.cwd ?? process.cwd(), spec.directory);
  return openStore(spec);
}

/** `--store SPEC: message`, same code: which of several stores failed. */
export function storeError(text: string, error: unknown): unknown {
  if (!isCoreError(error)) return error;
  return new CoreError(error.code, `--store ${text}: ${error.message}`, { cause: error });
}
