// Errors a real moto cannot produce (no IAM, no throttling, no KMS), injected with aws-sdk-client-mock as a
// supplement to the moto runs; plus a really closed port for "unreachable".
import * as assert from 'assert';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { refusedPort } from '../../../support/mtlsServers';
import { awsStoreError } from '../../../../src/core/stores/aws/awsStoreError';
import { openAwsStore } from '../../../../src/core/stores/aws/openAwsStore';
import { AwsStoreSpec, parseStoreSpec } from '../../../../src/core/stores/storeSpec';
import { Fixtures, makeFixtures, rejectsWithCode } from './awsStoreFixtures';

const SPEC = parseStoreSpec('aws-sm:app/tls?layout=staged') as AwsStoreSpec;

function sdkError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 }, ...extra });
}

describe('AWS Secrets Manager store: errors moto cannot produce', () => {
  let fx: Fixtures;
  const client = new SecretsManagerClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  const mock = mockClient(client);

  before(function () {
    this.timeout(30_000);
    fx = makeFixtures();
  });
  beforeEach(() => {
    mock.reset();
    mock.on(DescribeSecretCommand).resolves({ Name: 'app/tls', VersionIdsToStages: { v1: ['AWSCURRENT'] } });
    mock.on(ListSecretVersionIdsCommand).resolves({ Versions: [{ VersionId: 'v1', VersionStages: ['AWSCURRENT'] }] });
  });
  after(() => mock.restore());

  const cases: Array<[string, Error, string, RegExp]> = [
    [
      'AccessDenied',
      sdkError(
        'AccessDeniedException',
        'User: arn:aws:iam::1:user/x is not authorized to perform: secretsmanager:GetSecretValue',
      ),
      'store-access-denied',
      /access denied/,
    ],
    [
      'unknown credentials',
      sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.'),
      'store-access-denied',
      /credentials/,
    ],
    ['throttling', sdkError('ThrottlingException', 'Rate exceeded'), 'store-throttled', /throttling/],
    [
      'too many requests',
      sdkError('TooManyRequestsException', 'slow down', { $metadata: { httpStatusCode: 429 } }),
      'store-throttled',
      /throttling/,
    ],
    ['KMS refused', sdkError('KMSAccessDeniedException', 'kms:Decrypt denied'), 'store-access-denied', /KMS key/],
    ['KMS decryption failure', sdkError('DecryptionFailure', 'cannot decrypt'), 'store-access-denied', /KMS key/],
    [
      'marked for deletion',
      sdkError(
        'InvalidRequestException',
        "You tried to perform the operation on a secret that's currently marked deleted.",
      ),
      'store-scheduled-for-deletion',
      /scheduled for deletion/,
    ],
    [
      'a timeout',
      sdkError('TimeoutError', 'Connection timed out after 1000 ms'),
      'store-unreachable',
      /could not be reached/,
    ],
    [
      'DNS',
      Object.assign(new Error('getaddrinfo ENOTFOUND secretsmanager.nowhere'), { code: 'ENOTFOUND' }),
      'store-unreachable',
      /could not be reached/,
    ],
    ['an abort', sdkError('AbortError', 'Request aborted'), 'aborted', /cancelled/],
    ['anything else', sdkError('InternalServiceError', 'boom'), 'store-failed', /refused the request/],
  ];
  for (const [what, error, code, message] of cases) {
    it(`${what} becomes ${code}, naming the store and the operation`, async () => {
      mock.on(GetSecretValueCommand).rejects(error);
      const e = await rejectsWithCode(openAwsStore(SPEC, { client }).read('current'), code, message);
      assert.match(e.message, /^read \(GetSecretValue\) on aws-sm:app\/tls\?layout=staged: /);
      assert.match(e.message, new RegExp(error.name));
    });
  }

  it('an error on a write is mapped the same way', async () => {
    mock.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({
        certificate: fx.pairs[0].pair.certificatePem,
        private_key: fx.pairs[0].pair.privateKeyPem,
      }),
    });
    mock
      .on(PutSecretValueCommand)
      .rejects(sdkError('AccessDeniedException', 'not authorized to perform: secretsmanager:PutSecretValue'));
    await rejectsWithCode(
      openAwsStore(SPEC, { client }).stage(fx.pairs[1].pair),
      'store-access-denied',
      /^stage \(PutSecretValue\) on aws-sm:app\/tls\?layout=staged: access denied/,
    );
  });

  it('an unreadable value is named by its fields, never quoted', async () => {
    mock.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ ...fx.pairs[0].pair, junk: 1 }) });
    const store = openAwsStore(SPEC, { client });
    const listing = await store.list();
    assert.strictEqual(listing.errors.length, 1);
    assert.doesNotMatch(listing.errors[0].message, /BEGIN/);
    assert.match(listing.errors[0].message, /fields present: certificatePem, privateKeyPem/);
    const e = await rejectsWithCode(store.stage(fx.pairs[1].pair), 'store-entry-invalid');
    assert.doesNotMatch(e.message, /BEGIN/);
  });

  it('store-wide failures are thrown by list, not shown as entry errors', async () => {
    mock.on(GetSecretValueCommand).rejects(sdkError('ThrottlingException', 'Rate exceeded'));
    await rejectsWithCode(openAwsStore(SPEC, { client }).list(), 'store-throttled');
  });

  it('a policy that denies ListSecretVersionIds still lists the labelled versions, and says what it could not see', async () => {
    mock.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({
        certificate: fx.pairs[0].pair.certificatePem,
        private_key: fx.pairs[0].pair.privateKeyPem,
      }),
    });
    mock.on(ListSecretVersionIdsCommand).rejects(sdkError('AccessDeniedException', 'not authorized'));
    const listing = await openAwsStore(SPEC, { client }).list();
    assert.deepStrictEqual(
      listing.entries.map((e) => [e.versionId, e.stage, e.fingerprintSha256]),
      [['v1', 'current', fx.pairs[0].fingerprint]],
    );
    assert.strictEqual(listing.errors.length, 1);
    assert.match(listing.errors[0].message, /old keys may remain readable by VersionId/);
  });

  it('a CoreError passes through unchanged', () => {
    const error = awsStoreError(sdkError('ResourceNotFoundException', 'no such secret'), 'S', 'read');
    assert.strictEqual(error.code, 'store-not-found');
    assert.strictEqual(awsStoreError(error, 'T', 'list'), error);
  });

  it('a closed port, for real, is store-unreachable (through the spec and the SDK chain)', async function () {
    this.timeout(30_000);
    const port = await refusedPort();
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
      AWS_MAX_ATTEMPTS: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    try {
      const spec = parseStoreSpec(`aws-sm:app/tls?layout=generation&endpoint=http://127.0.0.1:${port}`) as AwsStoreSpec;
      await rejectsWithCode(openAwsStore(spec).list(), 'store-unreachable', /ECONNREFUSED/);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
});
