import { CoreError } from '../../errors';
import { SecretsStore } from '../secretsStore';
import { AwsStoreSpec } from '../storeSpec';

// Placeholder until the AWS adapter lands (issue 12, in progress): refuses rather than pretending.
export function openAwsStore(spec: AwsStoreSpec): SecretsStore {
  throw new CoreError('store-failed', `AWS Secrets Manager stores are not built yet (${spec.name})`);
}
