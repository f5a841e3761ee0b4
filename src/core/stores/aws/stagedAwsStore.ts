import {
  CreateSecretCommand,
  DescribeSecretCommand,
  DescribeSecretCommandOutput,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  ListSecretVersionIdsCommandOutput,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { storeEntryOf } from '../storeEntryOf';
import { CoreError } from '../../errors';
import { CertificateInfo } from '../../model';
import { readCertificate } from '../../x509/certificate';
import { keyReused } from '../keyReused';
import { preparePair } from '../preparePair';
import {
  ExpectedState,
  RetireOptions,
  RetireResult,
  SecretsStore,
  StoreEntry,
  StoreEntryError,
  StoreListing,
  StoreOperationOptions,
  StorePairState,
  StoreStage,
  StoredPair,
} from '../secretsStore';
import { AwsStoreSpec } from '../storeSpec';
import { decodeStoredPair, encodeStoredPair } from '../storedPairJson';
import { AwsCalls, STORE_WIDE } from './awsCalls';
import { awsErrorMessage, awsErrorName } from './awsStoreError';

const CURRENT = 'AWSCURRENT';
const PENDING = 'AWSPENDING';
const PREVIOUS = 'AWSPREVIOUS';
const ROLE_LABEL = { current: CURRENT, pending: PENDING, previous: PREVIOUS } as const;

const ROLLED_BACK_UNFINISHED =
  'The switch back is done (services get the old pair again), but the new pair carries AWSPREVIOUS beside AWSPENDING; rollback again to finish.';

/**
 * How AWS (and moto) word "RemoveFromVersionId does not carry that label": only these mean that someone else
 * moved it.
 */
const LABEL_MOVED = /RemoveFromVersionId|not found in version|currently (has|attached)/i;

type Versions = Map<string, string[]>;

function stageOf(labels: string[]): StoreStage {
  if (labels.includes(CURRENT)) return 'current';
  if (labels.includes(PENDING)) return 'pending';
  if (labels.includes(PREVIOUS)) return 'previous';
  return 'none';
}

function versionWith(versions: Versions, label: string): string | undefined {
  for (const [id, labels] of versions) if (labels.includes(label)) return id;
  return undefined;
}

/** One secret whose versions carry AWS's labels: AWSPENDING staged, AWSCURRENT served, AWSPREVIOUS the last one. */
export function openStagedAwsStore(spec: AwsStoreSpec, calls: AwsCalls): SecretsStore {
  const secretId = spec.name;
  const where = (versionId: string) => `aws-sm:${secretId}@${versionId}`;

  async function describe(operation: string, signal?: AbortSignal): Promise<DescribeSecretCommandOutput> {
    return calls.call(`${operation} (DescribeSecret)`, signal, (send, o) =>
      send(new DescribeSecretCommand({ SecretId: secretId }), o),
    );
  }

  async function describeOrNull(operation: string, signal?: AbortSignal) {
    try {
      return await describe(operation, signal);
    } catch (error) {
      if (error instanceof CoreError && error.code === 'store-not-found') return null;
      throw error;
    }
  }

  function labelled(described: DescribeSecretCommandOutput): Versions {
    return new Map(Object.entries(described.VersionIdsToStages ?? {}));
  }

  /**
   * Labelled versions, and on AWS the deprecated (unlabelled) ones that DescribeSecret leaves out. A policy that
   * denies ListSecretVersionIds leaves only the labelled ones, with `incomplete` saying so.
   */
  async function allVersions(
    described: DescribeSecretCommandOutput,
    signal?: AbortSignal,
  ): Promise<{ versions: Versions; incomplete?: string }> {
    const versions = labelled(described);
    let token: string | undefined;
    for (let page = 0; page < 20; page++) {
      let listed: ListSecretVersionIdsCommandOutput;
      try {
        listed = await calls.call('list (ListSecretVersionIds)', signal, (send, o) =>
          send(
            new ListSecretVersionIdsCommand({
              SecretId: secretId,
              IncludeDeprecated: true,
              MaxResults: 100,
              NextToken: token,
            }),
            o,
          ),
        );
      } catch (error) {
        if (!(error instanceof CoreError) || error.code !== 'store-access-denied') throw error;
        return {
          versions,
          incomplete: `unlabelled versions could not be listed, so old keys may remain readable by VersionId: ${error.message}`,
        };
      }
      for (const v of listed.Versions ?? [])
        if (v.VersionId && !versions.has(v.VersionId)) versions.set(v.VersionId, v.VersionStages ?? []);
      token = listed.NextToken;
      if (!token) break;
    }
    return { versions };
  }

  /**
   * By its label when it has one: IAM policies commonly grant GetSecretValue only for a staging label
   * (`secretsmanager:VersionStage`). Should the label have moved since the listing, the version is read by its id.
   */
  async function readVersion(
    versionId: string,
    operation: string,
    signal?: AbortSignal,
    label?: string,
  ): Promise<{ pair: StoredPair; certificate: CertificateInfo }> {
    const get = (at: { VersionId: string } | { VersionStage: string }) =>
      calls.call(`${operation} (GetSecretValue)`, signal, (send, o) =>
        send(new GetSecretValueCommand({ SecretId: secretId, ...at }), o),
      );
    let value = label ? await get({ VersionStage: label }) : await get({ VersionId: versionId });
    if (label && value.VersionId !== versionId) value = await get({ VersionId: versionId });
    return decode(value.SecretString, versionId);
  }

  function decode(secretString: string | undefined, versionId: string) {
    if (secretString === undefined)
      throw new CoreError(
        'store-entry-invalid',
        `${where(versionId)} holds no SecretString (binary secrets are not pairs)`,
      );
    const pair = decodeStoredPair(secretString, spec.preset, where(versionId));
    try {
      return { pair, certificate: readCertificate(pair.certificatePem, { path: where(versionId) }) };
    } catch (error) {
      throw new CoreError('store-entry-invalid', `${where(versionId)}: the certificate is not readable`, {
        cause: error,
      });
    }
  }

  async function fingerprintOf(versionId: string | undefined, operation: string, signal?: AbortSignal) {
    if (!versionId) return null;
    return (await readVersion(versionId, operation, signal)).certificate.fingerprintSha256;
  }

  /**
   * Moves one label. `left` says what the store holds should this move fail, after the moves made before it, so
   * that the error says where the switch stands instead of guessing.
   */
  async function move(
    operation: string,
    label: string,
    change: { to?: string; from?: string },
    left: string,
    signal?: AbortSignal,
  ): Promise<void> {
    try {
      await calls.call(`${operation} (UpdateSecretVersionStage ${label})`, signal, (send, o) =>
        send(
          new UpdateSecretVersionStageCommand({
            SecretId: secretId,
            VersionStage: label,
            MoveToVersionId: change.to,
            RemoveFromVersionId: change.from,
          }),
          o,
        ),
      );
    } catch (error) {
      // AWS checks that RemoveFromVersionId still carries the label: someone moved it since we read. Other
      // InvalidParameterExceptions (a malformed request) are failures, not a changed store.
      const message = awsErrorMessage(error) ?? '';
      if (awsErrorName(error) === 'InvalidParameterException' && LABEL_MOVED.test(message)) {
        throw new CoreError(
          'store-changed',
          `${operation} on ${calls.store}: ${label} is no longer on version ${change.from ?? change.to}; the secret was changed by someone else. ${left}`,
          { cause: error },
        );
      }
      if (error instanceof CoreError)
        throw new CoreError(error.code, `${error.message}. If this step did not take effect: ${left}`, {
          cause: error.cause ?? error,
        });
      throw error;
    }
  }

  return {
    description: calls.store,
    capabilities: {
      canRemoveKey: false,
      retireMeaning:
        'Removes the old version’s labels so no service gets it, but AWS keeps that version readable by its VersionId: the key is not deleted.',
    },

    async list(options: StoreOperationOptions = {}): Promise<StoreListing> {
      // A secret not created yet is an empty store, as an absent directory store or prefix is.
      const described = await describeOrNull('list', options.signal);
      if (!described) return { entries: [], errors: [] };
      calls.refuseScheduled(described, 'list');
      const { versions, incomplete } = await allVersions(described, options.signal);
      const entries: StoreEntry[] = [];
      const errors: StoreEntryError[] = [];
      if (incomplete) errors.push({ id: secretId, message: incomplete });
      for (const [versionId, labels] of versions) {
        const stage = stageOf(labels);
        try {
          const label = [CURRENT, PENDING, PREVIOUS].find((l) => labels.includes(l)) ?? labels[0];
          const { certificate } = await readVersion(versionId, 'list', options.signal, label);
          entries.push(storeEntryOf(versionId, stage, certificate, versionId));
        } catch (error) {
          if (!(error instanceof CoreError) || STORE_WIDE.has(error.code)) throw error;
          errors.push({ id: versionId, stage, message: error.message });
        }
      }
      return { entries, errors };
    },

    async read(role, options: StoreOperationOptions = {}): Promise<StoredPair> {
      const label = ROLE_LABEL[role];
      const described = await describe('read', options.signal);
      calls.refuseScheduled(described, 'read');
      if (!versionWith(labelled(described), label))
        throw new CoreError('store-nothing-staged', `${calls.store} has no ${label} version`);
      const value = await calls.call('read (GetSecretValue)', options.signal, (send, o) =>
        send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: label }), o),
      );
      return decode(value.SecretString, value.VersionId ?? label).pair;
    },

    async stage(pair, options: StoreOperationOptions & { expect?: ExpectedState } = {}): Promise<StorePairState> {
      const prepared = preparePair(pair, options.now ?? new Date(), calls.store);
      const fingerprint = prepared.certificate.fingerprintSha256;
      const secretString = encodeStoredPair(prepared.pair, spec.preset);
      calls.checkSize(secretString);
      const described = await describeOrNull('stage', options.signal);
      if (!described) {
        calls.checkExpected(options.expect, { current: null, pending: null });
        // A first deploy into an empty store: the pair becomes AWSCURRENT.
        await calls.call('stage (CreateSecret)', options.signal, (send, o) =>
          send(new CreateSecretCommand({ Name: secretId, SecretString: secretString }), o),
        );
        return { current: fingerprint, pending: null };
      }
      calls.refuseScheduled(described, 'stage');
      const versions = labelled(described);
      const currentId = versionWith(versions, CURRENT);
      const currentCertificate = currentId ? (await readVersion(currentId, 'stage', options.signal)).certificate : null;
      const current = currentCertificate?.fingerprintSha256 ?? null;
      let pending: string | null;
      try {
        pending = await fingerprintOf(versionWith(versions, PENDING), 'stage', options.signal);
      } catch (error) {
        // An unreadable pending version is replaced, not a reason to refuse.
        if (!(error instanceof CoreError) || error.code !== 'store-entry-invalid') throw error;
        pending = 'unreadable';
      }
      calls.checkExpected(options.expect, { current, pending });
      if (current === fingerprint)
        throw new CoreError('store-already-current', `${calls.store}: this certificate is already AWSCURRENT`);
      if (currentCertificate?.publicKeySha256 === prepared.certificate.publicKeySha256)
        throw keyReused(calls.store, `AWSCURRENT, version ${currentId}`);
      if (current !== null && pending === fingerprint) return { current, pending };
      const label = current === null ? CURRENT : PENDING;
      await calls.call('stage (PutSecretValue)', options.signal, (send, o) =>
        send(new PutSecretValueCommand({ SecretId: secretId, SecretString: secretString, VersionStages: [label] }), o),
      );
      return current === null ? { current: fingerprint, pending: null } : { current, pending: fingerprint };
    },

    async promote(options: StoreOperationOptions & { expect?: ExpectedState } = {}): Promise<StorePairState> {
      const described = await describe('promote', options.signal);
      calls.refuseScheduled(described, 'promote');
      const versions = labelled(described);
      const currentId = versionWith(versions, CURRENT);
      const pendingId = versionWith(versions, PENDING);
      if (!pendingId)
        throw new CoreError('store-nothing-staged', `${calls.store}: nothing is staged (no AWSPENDING version)`);
      const current = await fingerprintOf(currentId, 'promote', options.signal);
      const pending = await fingerprintOf(pendingId, 'promote', options.signal);
      calls.checkExpected(options.expect, { current, pending });
      if (pendingId !== currentId) {
        await move(
          'promote',
          CURRENT,
          { to: pendingId, from: currentId },
          'Nothing was switched: services still get the old pair, and the new one stays AWSPENDING.',
          options.signal,
        );
      }
      // A promote interrupted after the switch leaves both labels on the new version: finishing it is the same step.
      await move(
        'promote',
        PENDING,
        { from: pendingId },
        'The switch is done (services get the new pair, AWSCURRENT), but that version still carries AWSPENDING; promote again to finish.',
        options.signal,
      );
      return { current: pending as string, pending: null };
    },

    async rollback(options: StoreOperationOptions & { expect?: ExpectedState } = {}): Promise<StorePairState> {
      const described = await describe('rollback', options.signal);
      calls.refuseScheduled(described, 'rollback');
      const versions = labelled(described);
      const currentId = versionWith(versions, CURRENT);
      const previousId = versionWith(versions, PREVIOUS);
      const pendingId = versionWith(versions, PENDING);
      if (!previousId || !currentId)
        throw new CoreError('store-nothing-staged', `${calls.store}: nothing to roll back to (no AWSPREVIOUS version)`);
      const current = await fingerprintOf(currentId, 'rollback', options.signal);
      if (pendingId && pendingId === previousId) {
        // Only a rollback stopped after its switch leaves AWSPENDING and AWSPREVIOUS on one version (stage always
        // writes a new one): services already get the old pair; finishing is dropping AWSPREVIOUS.
        const pending = await fingerprintOf(pendingId, 'rollback', options.signal);
        calls.checkExpected(options.expect, { current, pending });
        await move('rollback', PREVIOUS, { from: previousId }, ROLLED_BACK_UNFINISHED, options.signal);
        return { current: current as string, pending };
      }
      if (pendingId && pendingId !== currentId)
        throw new CoreError(
          'store-changed',
          `${calls.store}: another pair is staged as AWSPENDING since the switch; rolling back would replace it (promote or re-stage instead)`,
        );
      const previous = await fingerprintOf(previousId, 'rollback', options.signal);
      calls.checkExpected(options.expect, { current, pending: pendingId ? current : null });
      // AWSPENDING first, on the pair being switched away from: a stop after this step leaves the state of a
      // promote stopped after its switch (both labels on the new version), from which a rollback retried still
      // switches back, instead of a plain "new current, old previous" that a retry would roll back to the new pair.
      if (!pendingId)
        await move(
          'rollback',
          PENDING,
          { to: currentId },
          'Nothing was switched: services still get the new pair (AWSCURRENT).',
          options.signal,
        );
      await move(
        'rollback',
        CURRENT,
        { to: previousId, from: currentId },
        'Nothing was switched: services still get the new pair, which also carries AWSPENDING now; rollback again to switch back, or promote to stay.',
        options.signal,
      );
      // AWS moves AWSPREVIOUS onto the version AWSCURRENT leaves: the new pair now carries AWSPENDING and AWSPREVIOUS.
      await move('rollback', PREVIOUS, { from: currentId }, ROLLED_BACK_UNFINISHED, options.signal);
      return { current: previous as string, pending: current };
    },

    async retire(options: RetireOptions = {}): Promise<RetireResult> {
      const described = await describe('retire', options.signal);
      calls.refuseScheduled(described, 'retire');
      let targetId: string | undefined;
      let fingerprint: string | undefined;
      if (options.fingerprintSha256) {
        const { versions } = await allVersions(described, options.signal);
        for (const versionId of versions.keys()) {
          try {
            if ((await fingerprintOf(versionId, 'retire', options.signal)) === options.fingerprintSha256) {
              targetId = versionId;
              fingerprint = options.fingerprintSha256;
              break;
            }
          } catch (error) {
            if (!(error instanceof CoreError) || STORE_WIDE.has(error.code)) throw error;
          }
        }
        if (!targetId)
          throw new CoreError(
            'store-nothing-to-retire',
            `${calls.store} holds no version with certificate ${options.fingerprintSha256}`,
          );
      } else {
        targetId = versionWith(labelled(described), PREVIOUS);
        if (!targetId)
          throw new CoreError('store-nothing-to-retire', `${calls.store}: nothing to retire (no AWSPREVIOUS version)`);
        fingerprint = (await fingerprintOf(targetId, 'retire', options.signal)) as string;
      }
      const labels = labelled(described).get(targetId) ?? [];
      if (labels.includes(CURRENT) || labels.includes(PENDING))
        throw new CoreError(
          'store-nothing-to-retire',
          `${calls.store}: version ${targetId} is ${labels.includes(CURRENT) ? 'AWSCURRENT' : 'AWSPENDING'}; only a certificate services no longer get can be retired`,
        );
      // Only our label: labels someone else set (custom stages) are theirs to remove.
      if (labels.includes(PREVIOUS))
        await move(
          'retire',
          PREVIOUS,
          { from: targetId },
          `Nothing was retired: version ${targetId} still carries AWSPREVIOUS.`,
          options.signal,
        );
      const others = labels.filter((l) => l !== PREVIOUS);
      return {
        removed: false,
        recoverable: true,
        fingerprintSha256: fingerprint as string,
        message:
          `Removed AWSPREVIOUS from version ${targetId} of ${secretId}` +
          (others.length > 0 ? ` (it still carries ${others.join(', ')}, set by someone else)` : '') +
          ': services no longer get it, but AWS Secrets Manager cannot delete a single version, ' +
          'so the old private key stays readable by its VersionId. To really delete old keys, use the generation layout ' +
          `(aws-sm:PREFIX?layout=generation), where retire deletes the whole secret of the old certificate.`,
      };
    },
  };
}
