import * as fs from 'fs/promises';
import * as path from 'path';
import { storeEntryOf } from '../storeEntryOf';
import { CoreError } from '../../errors';
import { formatName } from '../../x509/formatName';
import { keyReused } from '../keyReused';
import { preparePair } from '../preparePair';
import {
  ExpectedState,
  ReloadOutcome,
  RetireOptions,
  RetireResult,
  SecretsStore,
  StoreCapabilities,
  StoredPair,
  StoreEntryError,
  StoreListing,
  StoreOperationOptions,
  StorePairState,
  StoreStage,
} from '../secretsStore';
import { describeStoreSpec, DirectoryStoreSpec } from '../storeSpec';
import { cleanLeftovers } from './cleanLeftovers';
import {
  checkStoreFolders,
  effectiveLinks,
  GENERATION_NAME,
  LINK_NAMES,
  LinkName,
  Links,
  readLink,
  readLinks,
  StorePaths,
  storePaths,
} from './directoryLayout';
import { Generation, readGeneration, readGenerationCertificate } from './readGeneration';
import { removeGeneration } from './removeGeneration';
import { removeLink, replaceLink, StepHook } from './replaceLink';
import { runReloadCommand } from './runReloadCommand';
import { writeGeneration } from './writeGeneration';

export interface DirectoryStoreOptions {
  /** Test seam for the kill tests: called before each change on disk. */
  onStep?: StepHook;
  /** Default 5 minutes; the command is then killed and its signal reported. */
  reloadTimeoutMs?: number;
}

type WriteOptions = StoreOperationOptions & { expect?: ExpectedState };

const ROLE_LINKS: Record<'current' | 'pending' | 'previous', LinkName> = {
  current: 'live',
  pending: 'next',
  previous: 'previous',
};

const STAGE_ORDER: Record<string, number> = { live: 0, next: 1, archived: 2 };

function sameFingerprint(a: string | null | undefined, b: string | null | undefined): boolean {
  return (a ?? null)?.toUpperCase() === (b ?? null)?.toUpperCase();
}

function checkAborted(options?: StoreOperationOptions): void {
  if (options?.signal?.aborted) throw new CoreError('aborted', 'cancelled; the store was not changed');
}

class DirectoryStore implements SecretsStore {
  readonly description: string;
  readonly capabilities: StoreCapabilities = {
    canRemoveKey: true,
    retireMeaning:
      "Deletes the old generation's folder from the store's archive (key.pem first); only backups of the disk can bring it back.",
  };
  private readonly paths: StorePaths;

  constructor(
    private readonly spec: DirectoryStoreSpec,
    private readonly options: DirectoryStoreOptions,
  ) {
    this.description = describeStoreSpec(spec);
    this.paths = storePaths(spec.directory, spec.name);
  }

  private step: StepHook = (name) => this.options.onStep?.(name);

  private async fingerprintOf(generation: string | null): Promise<string | null> {
    if (generation === null) return null;
    return (await readGenerationCertificate(this.paths.archive, generation)).fingerprintSha256;
  }

  /** The compare-and-set against what the caller showed the user. */
  private checkExpected(state: { current: string | null; pending: string | null }, expect?: ExpectedState): void {
    if (!expect) return;
    if (expect.current !== undefined && !sameFingerprint(expect.current, state.current))
      throw new CoreError(
        'store-changed',
        `${this.description} changed meanwhile: live is now ${state.current ?? 'nothing'}, not ${expect.current}; nothing was changed`,
      );
    if (expect.pending !== undefined && !sameFingerprint(expect.pending, state.pending))
      throw new CoreError(
        'store-changed',
        `${this.description} changed meanwhile: next is now ${state.pending ?? 'nothing'}, not ${expect.pending ?? 'nothing'}; nothing was changed`,
      );
  }

  /** The compare-and-set against another writer: the links must still be what this run read and decided on. */
  private async checkUnchanged(seen: Links): Promise<void> {
    const now = await readLinks(this.paths);
    for (const link of LINK_NAMES)
      if (now[link] !== seen[link])
        throw new CoreError(
          'store-changed',
          `${this.description} was changed by someone else meanwhile (${link} went from ${seen[link] ?? 'nothing'} to ${now[link] ?? 'nothing'}); nothing was changed`,
        );
  }

  private async reload(): Promise<ReloadOutcome | undefined> {
    const command = this.spec.reloadCommand;
    if (!command || command.length === 0) return undefined;
    return runReloadCommand(command, { cwd: this.paths.root, timeoutMs: this.options.reloadTimeoutMs ?? 300_000 });
  }

  private async openForWrite(): Promise<Links> {
    if (!(await checkStoreFolders(this.paths, false))) throw this.nothing('nothing is staged: the store is empty');
    await cleanLeftovers(this.paths);
    return readLinks(this.paths);
  }

  private nothing(message: string): CoreError {
    return new CoreError('store-nothing-staged', `${this.description}: ${message}`);
  }

  private async readUsable(generation: string, now: Date): Promise<Generation> {
    const found = await readGeneration(this.paths.archive, generation);
    if (now.getTime() >= Date.parse(found.certificate.notAfter))
      throw new CoreError(
        'certificate-expired',
        `the certificate ${formatName(found.certificate.subject)} (serial ${found.certificate.serialNumber}) in archive/${generation} expired on ${found.certificate.notAfter}; services would fail every handshake with it`,
      );
    return found;
  }

  async list(options?: StoreOperationOptions): Promise<StoreListing> {
    checkAborted(options);
    const listing: StoreListing = { entries: [], errors: [] };
    if (!(await checkStoreFolders(this.paths, false))) return listing;
    const raw: Links = { live: null, next: null, previous: null };
    for (const link of LINK_NAMES) {
      try {
        raw[link] = await readLink(this.paths, link);
      } catch (error) {
        listing.errors.push({ id: link, message: (error as Error).message });
      }
    }
    const links = effectiveLinks(raw);
    const stageOf = (name: string): StoreStage =>
      name === links.live ? 'live' : name === links.next ? 'next' : 'archived';
    const names = (await fs.readdir(this.paths.archive)).filter((name) => !name.startsWith('.')).sort();
    for (const name of names) {
      const stage = stageOf(name);
      if (!GENERATION_NAME.test(name)) {
        listing.errors.push({ id: name, stage, message: `archive/${name} is not a generation this store wrote` });
        continue;
      }
      try {
        const { certificate } = await readGeneration(this.paths.archive, name);
        listing.entries.push(storeEntryOf(name, stage, certificate));
      } catch (error) {
        const entry: StoreEntryError = { id: name, stage, message: (error as Error).message };
        listing.errors.push(entry);
      }
    }
    for (const link of LINK_NAMES) {
      const target = links[link];
      if (target !== null && !names.includes(target))
        listing.errors.push({
          id: link,
          ...(link === 'previous' ? {} : { stage: link }),
          message: `${link} points to archive/${target}, which does not exist`,
        });
    }
    listing.entries.sort((a, b) => STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage] || b.id.localeCompare(a.id));
    return listing;
  }

  async read(role: 'current' | 'pending' | 'previous', options?: StoreOperationOptions): Promise<StoredPair> {
    checkAborted(options);
    if (!(await checkStoreFolders(this.paths, false))) throw this.nothing(`no ${role} pair: the store is empty`);
    const link = ROLE_LINKS[role];
    const generation = effectiveLinks(await readLinks(this.paths))[link];
    if (generation === null) throw this.nothing(`no ${role} pair (no ${link} link)`);
    // Read from the generation the link named once, not through the link: a switch between reading the
    // certificate and the key must not hand back a mixed pair.
    return (await readGeneration(this.paths.archive, generation)).pair;
  }

  async stage(pair: StoredPair, options?: WriteOptions): Promise<StorePairState> {
    checkAborted(options);
    const prepared = preparePair(pair, options?.now ?? new Date(), this.description);
    await checkStoreFolders(this.paths, true);
    await cleanLeftovers(this.paths);
    const raw = await readLinks(this.paths);
    const links = effectiveLinks(raw);
    const current = await this.fingerprintOf(links.live);
    const pending = await this.fingerprintOf(links.next);
    this.checkExpected({ current, pending }, options?.expect);
    const fingerprint = prepared.certificate.fingerprintSha256;
    if (current !== null && sameFingerprint(current, fingerprint))
      throw new CoreError(
        'store-already-current',
        `${this.description} already serves this certificate (archive/${links.live}); nothing was staged`,
      );
    if (links.live !== null) {
      const live = await readGenerationCertificate(this.paths.archive, links.live);
      if (live.publicKeySha256 === prepared.certificate.publicKeySha256)
        throw keyReused(this.description, `archive/${links.live}`);
    }
    if (pending !== null && sameFingerprint(pending, fingerprint)) return { current: current ?? fingerprint, pending };
    const { name } = await writeGeneration(this.paths.archive, prepared, this.step, this.description);
    checkAborted(options);
    await this.checkUnchanged(raw);
    if (links.live === null) {
      await replaceLink(this.paths, 'live', name, this.step);
      return { current: fingerprint, pending: null };
    }
    await replaceLink(this.paths, 'next', name, this.step);
    return { current: current ?? fingerprint, pending: fingerprint };
  }

  async promote(options?: WriteOptions): Promise<StorePairState> {
    checkAborted(options);
    const raw = await this.openForWrite();
    const links = effectiveLinks(raw);
    if (links.next === null) throw this.nothing('nothing is staged (no next link) to promote');
    const next = await this.readUsable(links.next, options?.now ?? new Date());
    const current = await this.fingerprintOf(links.live).catch(() => null);
    this.checkExpected({ current, pending: next.certificate.fingerprintSha256 }, options?.expect);
    checkAborted(options);
    this.step('promote: checked');
    await this.checkUnchanged(raw);
    // previous first: a kill before live moves leaves previous on live itself, which reads as "none".
    if (links.live !== null) await replaceLink(this.paths, 'previous', links.live, this.step);
    await replaceLink(this.paths, 'live', links.next, this.step);
    await removeLink(this.paths, 'next', this.step);
    this.step('promote: switched');
    const reload = await this.reload();
    return { current: next.certificate.fingerprintSha256, pending: null, ...(reload ? { reload } : {}) };
  }

  async rollback(options?: WriteOptions): Promise<StorePairState> {
    checkAborted(options);
    const raw = await this.openForWrite();
    const links = effectiveLinks(raw);
    if (links.previous === null)
      throw this.nothing('nothing to roll back to (no previous link: no promote since the last rollback or retire)');
    const previous = await this.readUsable(links.previous, options?.now ?? new Date());
    const current = await this.fingerprintOf(links.live).catch(() => null);
    const pending = await this.fingerprintOf(links.next).catch(() => null);
    this.checkExpected({ current, pending }, options?.expect);
    checkAborted(options);
    this.step('rollback: checked');
    await this.checkUnchanged(raw);
    if (links.live !== null) await replaceLink(this.paths, 'next', links.live, this.step);
    await replaceLink(this.paths, 'live', links.previous, this.step);
    await removeLink(this.paths, 'previous', this.step);
    this.step('rollback: switched');
    const reload = await this.reload();
    return {
      current: previous.certificate.fingerprintSha256,
      pending: links.live !== null ? current : null,
      ...(reload ? { reload } : {}),
    };
  }

  async retire(options?: RetireOptions): Promise<RetireResult> {
    checkAborted(options);
    if (!(await checkStoreFolders(this.paths, false)))
      throw new CoreError('store-nothing-to-retire', `${this.description}: the store is empty`);
    await cleanLeftovers(this.paths);
    const raw = await readLinks(this.paths);
    const links = effectiveLinks(raw);
    const archived = (await fs.readdir(this.paths.archive)).filter((n) => GENERATION_NAME.test(n)).sort();
    // Keys services read or are about to: deleting another folder holding one of them removes no key.
    const held = new Set<string>();
    for (const g of [raw.live, raw.next])
      if (g !== null) {
        const certificate = await readGenerationCertificate(this.paths.archive, g).catch(() => null);
        if (certificate) held.add(certificate.publicKeySha256);
      }
    const targets: Array<{ name: string; fingerprint: string; publicKeySha256?: string }> = [];
    const unreadable: string[] = [];
    if (options?.fingerprintSha256) {
      const wanted = options.fingerprintSha256;
      for (const name of archived) {
        const found = await readGenerationCertificate(this.paths.archive, name).catch(() => null);
        if (found && sameFingerprint(found.fingerprintSha256, wanted)) {
          targets.push({ name, fingerprint: found.fingerprintSha256, publicKeySha256: found.publicKeySha256 });
          break;
        }
      }
      if (targets.length === 0)
        throw new CoreError('store-nothing-to-retire', `${this.description} holds no certificate ${wanted}`);
      const [{ name: target }] = targets;
      if (target === raw.live || target === raw.next)
        throw new CoreError(
          'store-nothing-to-retire',
          `archive/${target} is ${target === raw.live ? 'live' : 'next'}: services read it or are about to; only a generation switched away from can be retired`,
        );
    } else {
      // Every generation switched away from, not only the last one: a key archived two promotes ago is as old and
      // as useless as the previous one. A folder holding the live or next key is kept (deleting it removes no key).
      for (const name of archived) {
        if (name === raw.live || name === raw.next) continue;
        const certificate = await readGenerationCertificate(this.paths.archive, name).catch(() => null);
        if (!certificate) unreadable.push(name);
        else if (!held.has(certificate.publicKeySha256))
          targets.push({ name, fingerprint: certificate.fingerprintSha256 });
      }
      // The previous generation first: it is the one a caller naming "the retired certificate" means.
      targets.sort((a, b) => Number(b.name === links.previous) - Number(a.name === links.previous));
      if (targets.length === 0)
        throw new CoreError(
          'store-nothing-to-retire',
          `${this.description}: nothing to retire (no archived generation holds a key other than live's and next's)` +
            (unreadable.length > 0
              ? `; unreadable, left alone: ${unreadable.map((n) => `archive/${n}`).join(', ')}`
              : ''),
        );
    }
    checkAborted(options);
    this.step('retire: checked');
    await this.checkUnchanged(raw);
    for (const { name } of targets) {
      await removeGeneration(this.paths.archive, name, this.step);
      if (raw.previous === name) await removeLink(this.paths, 'previous', this.step);
    }
    const deleted = targets.map((t) => `${path.join(this.paths.archive, t.name)} (${t.fingerprint})`).join(', ');
    const stillHeld = targets.some((t) => t.publicKeySha256 !== undefined && held.has(t.publicKeySha256));
    if (stillHeld)
      return {
        removed: false,
        recoverable: false,
        message: `deleted ${deleted}, but its private key is still the one live or next holds: the key is not gone from the store`,
        fingerprintSha256: targets[0].fingerprint,
      };
    return {
      removed: true,
      recoverable: false,
      message:
        `deleted ${deleted} (key.pem first); the store keeps no copy, only backups or snapshots of the disk could` +
        (unreadable.length > 0
          ? `; left alone, as their certificate cannot be read: ${unreadable.map((n) => `archive/${n}`).join(', ')}`
          : ''),
      fingerprintSha256: targets[0].fingerprint,
    };
  }
}

/** `dir:PATH?name=NAME`: a store for services that read files (see DirectoryStore's layout in the README). */
export function openDirectoryStore(spec: DirectoryStoreSpec, options: DirectoryStoreOptions = {}): SecretsStore {
  return new DirectoryStore(spec, options);
}
