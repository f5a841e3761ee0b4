import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsStore } from '../secretsStore';
import { AwsStoreSpec, checkAwsSecretName, describeStoreSpec } from '../storeSpec';
import { AwsCalls } from './awsCalls';
import { openGenerationAwsStore } from './generationAwsStore';
import { openStagedAwsStore } from './stagedAwsStore';

export interface AwsStoreDependencies {
  /** Tests inject a client; otherwise one is made from the spec and the SDK's own chain. */
  client?: SecretsManagerClient;
}

/**
 * Credentials, region and endpoint come from the SDK's own chain (profiles, SSO, `AWS_REGION`,
 * `AWS_ENDPOINT_URL_SECRETS_MANAGER`); the spec only overrides what the user named. No call is made here.
 */
export function openAwsStore(spec: AwsStoreSpec, dependencies: AwsStoreDependencies = {}): SecretsStore {
  // Specs also come from settings, not only from parseStoreSpec.
  checkAwsSecretName(spec.name, spec.layout === 'generation' ? 'secret prefix' : 'secret name');
  const client =
    dependencies.client ??
    new SecretsManagerClient({
      ...(spec.region ? { region: spec.region } : {}),
      ...(spec.profile ? { profile: spec.profile } : {}),
      ...(spec.endpoint ? { endpoint: spec.endpoint } : {}),
    });
  const calls = new AwsCalls(client, describeStoreSpec(spec));
  return spec.layout === 'generation' ? openGenerationAwsStore(spec, calls) : openStagedAwsStore(spec, calls);
}
