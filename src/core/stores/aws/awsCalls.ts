import { DescribeSecretCommandOutput, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CoreError } from '../../errors';
import { ExpectedState } from '../secretsStore';
import { awsStoreError } from './awsStoreError';

/** Failures that concern the whole store, not one entry: a listing must not hide them as entry errors. */
export const STORE_WIDE: ReadonlySet<string> = new Set([
  'store-unreachable',
  'store-access-denied',
  'store-throttled',
  'aborted',
]);

/** AWS's limit on a SecretString; checked before the call (moto accepts more). */
export const MAX_SECRET_BYTES = 65_536;

type SendOptions = { abortSignal?: AbortSignal };
type Send = SecretsManagerClient['send'];

/** One place where SDK calls are made: cancellation passed through, errors mapped, the store named. */
export class AwsCalls {
  constructor(
    readonly client: SecretsManagerClient,
    readonly store: string,
  ) {}

  async call<T>(operation: string, signal: AbortSignal | undefined, run: (send: Send, o: SendOptions) => Promise<T>) {
    if (signal?.aborted) throw new CoreError('aborted', `${operation} on ${this.store}: cancelled`);
    try {
      return await run(this.client.send.bind(this.client) as Send, { abortSignal: signal });
    } catch (error) {
      if (signal?.aborted) throw new CoreError('aborted', `${operation} on ${this.store}: cancelled`, { cause: error });
      throw awsStoreError(error, this.store, operation);
    }
  }

  checkSize(secretString: string): void {
    const bytes = Buffer.byteLength(secretString, 'utf8');
    if (bytes > MAX_SECRET_BYTES)
      throw new CoreError(
        'store-value-too-large',
        `the pair is ${bytes} bytes as JSON; AWS Secrets Manager holds at most ${MAX_SECRET_BYTES} (${this.store})`,
      );
  }

  /** moto accepts writes to a secret scheduled for deletion and AWS refuses them: refuse here, for both. */
  refuseScheduled(described: Pick<DescribeSecretCommandOutput, 'DeletedDate' | 'Name'>, operation: string): void {
    if (described.DeletedDate) {
      throw new CoreError(
        'store-scheduled-for-deletion',
        `${operation} on ${this.store}: the secret ${described.Name ?? ''} is scheduled for deletion (DeletedDate ${described.DeletedDate.toISOString()}); restore it (RestoreSecret) before writing to it`,
      );
    }
  }

  /** Compare-and-set against what the caller showed the user. */
  checkExpected(expect: ExpectedState | undefined, actual: { current: string | null; pending: string | null }): void {
    if (!expect) return;
    const changed: string[] = [];
    if (expect.current !== undefined && expect.current !== actual.current)
      changed.push(`current is ${actual.current ?? 'none'}, expected ${expect.current}`);
    if (expect.pending !== undefined && expect.pending !== actual.pending)
      changed.push(`pending is ${actual.pending ?? 'none'}, expected ${expect.pending ?? 'none'}`);
    if (changed.length > 0)
      throw new CoreError('store-changed', `${this.store} was changed by someone else: ${changed.join('; ')}`);
  }
}
