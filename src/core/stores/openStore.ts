import { openAwsStore } from './aws/openAwsStore';
import { openDirectoryStore } from './directory/openDirectoryStore';
import { SecretsStore } from './secretsStore';
import { StoreSpec } from './storeSpec';

/** The one place a spec becomes an adapter; the CLI and the extension both come through here. */
export function openStore(spec: StoreSpec): SecretsStore {
  return spec.kind === 'directory' ? openDirectoryStore(spec) : openAwsStore(spec);
}
