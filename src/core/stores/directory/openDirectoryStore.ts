import { CoreError } from '../../errors';
import { SecretsStore } from '../secretsStore';
import { DirectoryStoreSpec } from '../storeSpec';

// Placeholder until the directory adapter lands (issue 12, in progress): refuses rather than pretending.
export function openDirectoryStore(spec: DirectoryStoreSpec): SecretsStore {
  throw new CoreError('store-failed', `directory stores are not built yet (${spec.directory})`);
}
