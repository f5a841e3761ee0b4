import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ListSecretsCommandOutput,
  Tag,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { storeEntryOf } from '../storeEntryOf';
import { CoreError } from '../../errors';
import { CertificateInfo } from '../../model';
import { readCertificate } from '../../x509/certificate';
import { keyReused } from '../keyReused';
import { preparePair } from '../preparePair';
import { MAX_SUFFIX, pickGenerationName } from '../pickGenerationName';
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
import { AwsStoreSpec, checkAwsSecretName } from '../storeSpec';
import { decodeStoredPair, encodeStoredPair } from '../storedPairJson';
import { AwsCalls, STORE_WIDE } from './awsCalls';

/** Tag values of `state`; `superseded`: staged, then replaced by another staged pair before any switch. */
type GenerationState = 'pending' | 'active' | 'retiring' | 'superseded';

interface Generation {
  name: string;
  tags: Record<string, string>;
  state?: string;
  deletedDate?: Date;
}

function stageOf(g: Generation): StoreStage {
  if (g.deletedDate) return 'none';
  if (g.state === 'active') return 'current';
  if (g.state === 'pending') return 'pending';
  if (g.state === 'retiring') return 'previous';
  return 'none';
}

/** The most recent by `stateSince`, so that an older leftover never wins over the last switch. */
function latest(generations: Generation[], state: GenerationState): Generation | undefined {
  return generations
    .filter((g) => !g.deletedDate && g.state === state)
    .sort((a, b) => (b.tags.stateSince ?? '').localeCompare(a.tags.stateSince ?? ''))[0];
}

/** One secret per certificate under a prefix; retire deletes the old certificate's whole secret. */
export function openGenerationAwsStore(spec: AwsStoreSpec, calls: AwsCalls): SecretsStore {
  const prefix = spec.name;
  const where = (name: string) => `aws-sm:${name}`;

  async function generations(operation: string, signal?: AbortSignal): Promise<Generation[]> {
    const found: Generation[] = [];
    let token: string | undefined;
    for (let page = 0; page < 50; page++) {
      const listed: ListSecretsCommandOutput = await calls.call(`${operation} (ListSecrets)`, signal, (send, o) =>
        send(
          new ListSecretsCommand({
            Filters: [{ Key: 'name', Values: [`${prefix}/`] }],
            IncludePlannedDeletion: true,
            MaxResults: 100,
            NextToken: token,
          }),
          o,
        ),
      );
      for (const s of listed.SecretList ?? []) {
        // AWS's name filter is a case-insensitive prefix match: keep exactly our children.
        const rest = s.Name?.startsWith(`${prefix}/`) ? s.Name.slice(prefix.length + 1) : '';
        if (!s.Name || rest === '' || rest.includes('/')) continue;
        const tags = Object.fromEntries((s.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
        found.push({ name: s.Name, tags, state: tags.state, deletedDate: s.DeletedDate });
      }
      token = listed.NextToken;
      if (!token) break;
    }
    return found.sort((a, b) => a.name.localeCompare(b.name));
  }

  async function readGeneration(name: string, operation: string, signal?: AbortSignal) {
    const value = await calls.call(`${operation} (GetSecretValue)`, signal, (send, o) =>
      send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSCURRENT' }), o),
    );
    if (value.SecretString === undefined)
      throw new CoreError('store-entry-invalid', `${where(name)} holds no SecretString (binary secrets are not pairs)`);
    const pair = decodeStoredPair(value.SecretString, spec.preset, where(name));
    let certificate: CertificateInfo;
    try {
      certificate = readCertificate(pair.certificatePem, { path: where(name) });
    } catch (error) {
      throw new CoreError('store-entry-invalid', `${where(name)}: the certificate is not readable`, { cause: error });
    }
    return { pair, certificate };
  }

  async function fingerprintOf(g: Generation | undefined, operation: string, signal?: AbortSignal) {
    if (!g) return null;
    return g.tags.fingerprintSha256 || (await readGeneration(g.name, operation, signal)).certificate.fingerprintSha256;
  }

  // stateSince orders generations of one state by this machine's clock, not the caller's `now` (a test or a
  // --now in the past must not make a fresh switch look older than the last one).
  async function tag(name: string, state: GenerationState, operation: string, signal?: AbortSignal) {
    const tags: Tag[] = [
      { Key: 'state', Value: state },
      { Key: 'stateSince', Value: new Date().toISOString() },
    ];
    await calls.call(`${operation} (TagResource ${name} state=${state})`, signal, (send, o) =>
      send(new TagResourceCommand({ SecretId: name, Tags: tags }), o),
    );
  }

  /** Compare-and-set by hand (tags have no conditional write): re-read right before writing. */
  async function confirm(expected: Array<Generation | undefined>, operation: string, signal?: AbortSignal) {
    for (const g of expected) {
      if (!g) continue;
      const described = await calls.call(`${operation} (DescribeSecret)`, signal, (send, o) =>
        send(new DescribeSecretCommand({ SecretId: g.name }), o),
      );
      calls.refuseScheduled(described, operation);
      const state = described.Tags?.find((t) => t.Key === 'state')?.Value;
      if (state !== g.state)
        throw new CoreError(
          'store-changed',
          `${operation} on ${calls.store}: ${g.name} is now state=${state ?? 'untagged'}, not ${g.state ?? 'untagged'}; the store was changed by someone else, nothing was switched`,
        );
    }
  }

  return {
    description: calls.store,
    capabilities: {
      canRemoveKey: true,
      retireMeaning:
        'Deletes the old certificate’s whole secret, key included: after a recovery window of 7 to 30 days, or at once when forced.',
    },

    async list(options: StoreOperationOptions = {}): Promise<StoreListing> {
      const entries: StoreEntry[] = [];
      const errors: StoreEntryError[] = [];
      for (const g of await generations('list', options.signal)) {
        const stage = stageOf(g);
        if (g.deletedDate) {
          // AWS refuses to read a secret during its recovery window: what is known comes from the tags.
          errors.push({
            id: g.name,
            stage,
            message: `${where(g.name)} (serial ${g.tags.serial ?? '?'}, expires ${g.tags.notAfter ?? '?'}) is scheduled for deletion (DeletedDate ${g.deletedDate.toISOString()}): it cannot be read, and can be restored (RestoreSecret) until its recovery window ends`,
          });
          continue;
        }
        try {
          const { certificate } = await readGeneration(g.name, 'list', options.signal);
          entries.push(storeEntryOf(g.name, stage, certificate));
        } catch (error) {
          if (!(error instanceof CoreError) || STORE_WIDE.has(error.code)) throw error;
          errors.push({ id: g.name, stage, message: error.message });
        }
      }
      return { entries, errors };
    },

    async read(role, options: StoreOperationOptions = {}): Promise<StoredPair> {
      const all = await generations('read', options.signal);
      const state = ({ current: 'active', pending: 'pending', previous: 'retiring' } as const)[role];
      const g = latest(all, state);
      if (!g) throw new CoreError('store-nothing-staged', `${calls.store} has no ${role} generation (state=${state})`);
      return (await readGeneration(g.name, 'read', options.signal)).pair;
    },

    async stage(pair, options: StoreOperationOptions & { expect?: ExpectedState } = {}): Promise<StorePairState> {
      const now = options.now ?? new Date();
      const prepared = preparePair(pair, now, calls.store);
      const certificate = prepared.certificate;
      const fingerprint = certificate.fingerprintSha256;
      checkAwsSecretName(`${prefix}/${prepared.generation}-${MAX_SUFFIX}`, 'generation secret name');
      const secretString = encodeStoredPair(prepared.pair, spec.preset);
      calls.checkSize(secretString);
      const all = await generations('stage', options.signal);
      const active = latest(all, 'active');
      const pending = latest(all, 'pending');
      const current = await fingerprintOf(active, 'stage', options.signal);
      const pendingFingerprint = await fingerprintOf(pending, 'stage', options.signal);
      calls.checkExpected(options.expect, { current, pending: pendingFingerprint });
      const picked = await pickGenerationName(
        `${prefix}/${prepared.generation}`,
        async (candidate) => {
          const g = all.find((x) => x.name === candidate);
          if (!g) return 'absent';
          // The certificate itself, not its tag, decides; a secret scheduled for deletion has only its tags.
          let held: string | null | undefined = g.deletedDate ? g.tags.fingerprintSha256 : undefined;
          if (!g.deletedDate) {
            try {
              held = (await readGeneration(g.name, 'stage', options.signal)).certificate.fingerprintSha256;
            } catch (error) {
              // An unreadable secret under that name is someone else's: it is never re-tagged or written to.
              if (!(error instanceof CoreError) || STORE_WIDE.has(error.code)) throw error;
            }
          }
          return held?.toUpperCase() === fingerprint.toUpperCase() ? 'same' : 'other';
        },
        calls.store,
      );
      const name = picked.name;
      const existing = picked.exists ? all.find((g) => g.name === name) : undefined;
      if (existing?.deletedDate)
        throw new CoreError(
          'store-scheduled-for-deletion',
          `stage on ${calls.store}: ${name} is scheduled for deletion, and AWS keeps its name until the recovery window ends (restore it with RestoreSecret, or wait)`,
        );
      if (existing?.state === 'active')
        throw new CoreError('store-already-current', `${calls.store}: ${name} is already the active generation`);
      if (active) {
        const activeKey =
          active.tags.spkiSha256 ||
          (await readGeneration(active.name, 'stage', options.signal)).certificate.publicKeySha256;
        if (activeKey === certificate.publicKeySha256) throw keyReused(calls.store, active.name);
      }
      if (existing && existing === pending) return { current: current as string, pending: pendingFingerprint };
      const state: GenerationState = active ? 'pending' : 'active';
      if (existing) {
        // The same certificate staged again after it was switched away from: it becomes the staged one again.
        await confirm([existing], 'stage', options.signal);
        await tag(name, state, 'stage', options.signal);
      } else {
        const tags: Tag[] = [
          { Key: 'state', Value: state },
          { Key: 'stateSince', Value: new Date().toISOString() },
          { Key: 'serial', Value: certificate.serialNumber },
          { Key: 'notAfter', Value: certificate.notAfter },
          { Key: 'spkiSha256', Value: certificate.publicKeySha256 },
          { Key: 'fingerprintSha256', Value: fingerprint },
        ];
        await calls.call('stage (CreateSecret)', options.signal, (send, o) =>
          send(new CreateSecretCommand({ Name: name, SecretString: secretString, Tags: tags }), o),
        );
      }
      if (state === 'active') return { current: fingerprint, pending: pendingFingerprint };
      if (pending && pending.name !== name) await tag(pending.name, 'superseded', 'stage', options.signal);
      return { current: current as string, pending: fingerprint };
    },

    async promote(options: StoreOperationOptions & { expect?: ExpectedState } = {}): Promise<StorePairState> {
      const all = await generations('promote', options.signal);
      const active = latest(all, 'active');
      const pending = latest(all, 'pending');
      if (!pending)
        throw new CoreError(
          'store-nothing-staged',
          `${calls.store}: nothing is staged (no generation tagged state=pending)`,
        );
      const current = await fingerprintOf(active, 'promote', options.signal);
      const pendingFingerprint = (await fingerprintOf(pending, 'promote', options.signal)) as string;
      calls.checkExpected(options.expect, { current, pending: pendingFingerprint });
      await confirm([pending, active], 'promote', options.signal);
      await tag(pending.name, 'active', 'promote', options.signal);
      if (active) {
        try {
          await tag(active.name, 'retiring', 'promote', options.signal);
        } catch (error) {
          // Never leave two generations active: put the staged one back.
          await tag(pending.name, 'pending', 'promote (undo)').catch(() => undefined);
          throw error;
        }
      }
      return { current: pendingFingerprint, pending: null };
    },

    async rollback(options: StoreOperationOptions & { expect?: ExpectedState } = {}): Promise<StorePairState> {
      const all = await generations('rollback', options.signal);
      const active = latest(all, 'active');
      const previous = latest(all, 'retiring');
      const pending = latest(all, 'pending');
      if (!active || !previous)
        throw new CoreError(
          'store-nothing-staged',
          `${calls.store}: nothing to roll back to (no generation tagged state=retiring)`,
        );
      if (pending)
        throw new CoreError(
          'store-changed',
          `${calls.store}: ${pending.name} is staged since the switch; rolling back would replace it (promote it or retire it instead)`,
        );
      const current = (await fingerprintOf(active, 'rollback', options.signal)) as string;
      const previousFingerprint = (await fingerprintOf(previous, 'rollback', options.signal)) as string;
      calls.checkExpected(options.expect, { current, pending: null });
      await confirm([previous, active], 'rollback', options.signal);
      await tag(previous.name, 'active', 'rollback', options.signal);
      try {
        await tag(active.name, 'pending', 'rollback', options.signal);
      } catch (error) {
        await tag(previous.name, 'retiring', 'rollback (undo)').catch(() => undefined);
        throw error;
      }
      return { current: previousFingerprint, pending: current };
    },

    async retire(options: RetireOptions = {}): Promise<RetireResult> {
      const days = options.recoveryDays ?? 7;
      if (!options.force && (!Number.isInteger(days) || days < 7 || days > 30))
        throw new CoreError('store-spec-invalid', `the recovery window must be 7 to 30 days (got ${days})`);
      const all = await generations('retire', options.signal);
      let target: Generation | undefined;
      if (options.fingerprintSha256) {
        for (const g of all) {
          const tagged = g.tags.fingerprintSha256;
          const found = tagged
            ? tagged === options.fingerprintSha256
            : !g.deletedDate &&
              (await fingerprintOf(g, 'retire', options.signal).catch(() => null)) === options.fingerprintSha256;
          if (found) {
            target = g;
            break;
          }
        }
        if (!target)
          throw new CoreError(
            'store-nothing-to-retire',
            `${calls.store} holds no generation with certificate ${options.fingerprintSha256}`,
          );
      } else {
        // With force, a generation already scheduled for deletion is a target too: "retire it again with force"
        // must reach the one the last retire scheduled (AWS deletes a scheduled secret at once when forced).
        target =
          latest(all, 'retiring') ??
          (options.force
            ? all
                .filter((g) => g.deletedDate)
                .sort((a, b) => (b.deletedDate?.getTime() ?? 0) - (a.deletedDate?.getTime() ?? 0))[0]
            : undefined);
        if (!target)
          throw new CoreError(
            'store-nothing-to-retire',
            `${calls.store}: nothing to retire (no generation tagged state=retiring${options.force ? ', none scheduled for deletion' : ''})`,
          );
      }
      if (!target.deletedDate && (target.state === 'active' || target.state === 'pending'))
        throw new CoreError(
          'store-nothing-to-retire',
          `${calls.store}: ${target.name} is ${target.state}; only a certificate services no longer use can be retired`,
        );
      if (target.deletedDate && !options.force)
        throw new CoreError(
          'store-scheduled-for-deletion',
          `${calls.store}: ${target.name} is already scheduled for deletion; retire it with force to delete it at once`,
        );
      const fingerprint =
        options.fingerprintSha256 ??
        (target.deletedDate
          ? (target.tags.fingerprintSha256 ?? '')
          : await fingerprintOf(target, 'retire', options.signal)) ??
        '';
      if (!target.deletedDate) await confirm([target], 'retire', options.signal);
      const name = target.name;
      const deleted = await calls.call('retire (DeleteSecret)', options.signal, (send, o) =>
        send(
          new DeleteSecretCommand(
            options.force
              ? { SecretId: name, ForceDeleteWithoutRecovery: true }
              : { SecretId: name, RecoveryWindowInDays: days },
          ),
          o,
        ),
      );
      const liveKeys = [latest(all, 'active'), latest(all, 'pending')].map((g) => g?.tags.spkiSha256);
      if (options.force && target.tags.spkiSha256 && liveKeys.includes(target.tags.spkiSha256))
        return {
          removed: false,
          recoverable: false,
          fingerprintSha256: fingerprint,
          message: `Deleted ${name} at once, but its private key is still held by the active or pending generation: the key is not gone from AWS Secrets Manager.`,
        };
      if (options.force)
        return {
          removed: true,
          recoverable: false,
          fingerprintSha256: fingerprint,
          message: `Deleted ${name} at once, without a recovery window: the old private key is gone from AWS Secrets Manager.`,
        };
      const recoverableUntil = (deleted.DeletionDate ?? recoveryDate(options.now ?? new Date(), days)).toISOString();
      return {
        removed: false,
        recoverable: true,
        recoverableUntil,
        fingerprintSha256: fingerprint,
        message:
          `Scheduled ${name} for deletion: AWS deletes it, with the old private key, on ${recoverableUntil}; until then it can be restored (RestoreSecret). ` +
          'Retire it again with force to delete it at once.',
      };
    },
  };
}

function recoveryDate(from: Date, days: number): Date {
  return new Date(from.getTime() + days * 86_400_000);
}
