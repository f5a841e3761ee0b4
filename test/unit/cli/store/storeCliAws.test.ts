// The store commands as a black box against moto, for both AWS layouts; the secret's state is read back with raw
// SDK calls, never through the adapter under test.
import {
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildCli } from '../../../support/buildCli';
import { MotoServer, MOTO_REGION, startMotoServer } from '../../../support/motoServer';
import { tempDir } from '../../../support/openssl';
import {
  closedPort,
  certificateFacts,
  deployArgs,
  ENTRY_KEYS,
  Fixtures,
  keyMatches,
  ok,
  PAIR_STATE_KEYS,
  refused,
  run,
  storeFixtures,
} from './storeCliFixtures';

interface PairState {
  ok: boolean;
  current: string;
  pending: string | null;
}
interface Entry {
  id: string;
  stage: string;
  versionId?: string;
  fingerprintSha256: string;
  notAfter: string;
  subject: string;
}
interface Listing {
  entries: Entry[];
  errors?: Array<{ id: string; stage?: string; message: string }>;
}
interface Retired {
  removed: boolean;
  recoverable: boolean;
  recoverableUntil?: string;
  message: string;
}

const DAY_MS = 86_400_000;

describe('CLI store commands against AWS Secrets Manager (moto)', function () {
  this.timeout(120_000);
  let moto: MotoServer;
  let aws: SecretsManagerClient;
  let f: Fixtures;

  before(async () => {
    buildCli();
    f = storeFixtures();
    // For this process's own SDK client only: run() takes the variable away from the CLI it starts.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    moto = await startMotoServer();
    aws = new SecretsManagerClient({
      endpoint: moto.endpoint,
      region: MOTO_REGION,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
  });
  after(async () => {
    aws?.destroy();
    await moto?.stop();
  });
  beforeEach(() => moto.reset());

  /** The environment the SDK's own chain reads, without the variable that silences its Node warning. */
  const env = () => ({ ...moto.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined });
  const cli = (args: string[]) => run(args, env());

  /** What AWS holds: the certificate's fingerprint per label, and each version's pair. */
  async function stagedState(name: string) {
    const described = await aws.send(new DescribeSecretCommand({ SecretId: name }));
    const byLabel: Record<string, string> = {};
    const versions: Record<string, { labels: string[]; fingerprint: string; keyPem: string; certPem: string }> = {};
    for (const [versionId, labels] of Object.entries(described.VersionIdsToStages ?? {})) {
      const value = await aws.send(new GetSecretValueCommand({ SecretId: name, VersionId: versionId }));
      const json = JSON.parse(value.SecretString as string) as Record<string, string>;
      const fingerprint = certificateFacts(json.certificate).fingerprint;
      versions[versionId] = { labels, fingerprint, keyPem: json.private_key, certPem: json.certificate };
      for (const label of labels) byLabel[label] = fingerprint;
    }
    return { byLabel, versions, deletedDate: described.DeletedDate };
  }

  /** The generation secrets under a prefix: name -> state tag, fingerprint and deletion date. */
  async function generationState(prefix: string) {
    const listed = await aws.send(
      new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [`${prefix}/`] }], IncludePlannedDeletion: true }),
    );
    const out: Record<string, { state?: string; fingerprint?: string; deleted: boolean }> = {};
    for (const s of listed.SecretList ?? []) {
      const state = s.Tags?.find((t) => t.Key === 'state')?.Value;
      let fingerprint: string | undefined;
      if (!s.DeletedDate) {
        const value = await aws.send(new GetSecretValueCommand({ SecretId: s.Name, VersionStage: 'AWSCURRENT' }));
        const json = JSON.parse(value.SecretString as string) as Record<string, string>;
        assert.ok(keyMatches(json.private_key, json.certificate), `${s.Name}: key and certificate match`);
        assert.match(json.private_key, /^-----BEGIN PRIVATE KEY-----\n/);
        fingerprint = certificateFacts(json.certificate).fingerprint;
      }
      out[s.Name as string] = { state, fingerprint, deleted: s.DeletedDate !== undefined };
    }
    return out;
  }

  function byFingerprint(state: Awaited<ReturnType<typeof generationState>>, fingerprint: string) {
    return Object.entries(state).find(([, g]) => g.fingerprint === fingerprint);
  }

  function assertPairState(json: PairState, current: string, pending: string | null, what: string) {
    assert.deepStrictEqual(Object.keys(json), PAIR_STATE_KEYS, what);
    assert.deepStrictEqual(json, { ok: true, current, pending }, what);
  }

  function assertEntries(listing: Listing, expected: Array<[Fixtures['a'], string]>, staged: boolean) {
    assert.deepStrictEqual(Object.keys(listing), ['entries'], 'no errors key without errors');
    const got = [...listing.entries].sort((x, y) => x.fingerprintSha256.localeCompare(y.fingerprintSha256));
    const want = [...expected].sort(([x], [y]) => x.fingerprint.localeCompare(y.fingerprint));
    assert.strictEqual(got.length, want.length, JSON.stringify(listing));
    got.forEach((entry, i) => {
      const [p, stage] = want[i];
      assert.deepStrictEqual(Object.keys(entry), staged ? ENTRY_KEYS : ENTRY_KEYS.filter((k) => k !== 'versionId'));
      assert.strictEqual(entry.stage, stage, entry.id);
      assert.strictEqual(entry.fingerprintSha256, p.fingerprint);
      assert.strictEqual(entry.subject, p.subject);
      assert.strictEqual(Date.parse(entry.notAfter), p.notAfter.getTime());
      if (staged) assert.strictEqual(entry.versionId, entry.id);
    });
  }

  describe('layout=staged (one secret, AWS labels)', () => {
    const NAME = 'prod/api-client';
    const STORE = `aws-sm:${NAME}?layout=staged`;

    it('deploys, lists, promotes, rolls back and retires; AWS holds what the CLI says', async () => {
      // A first deploy into an empty store: that pair is current.
      assertPairState(ok(cli(deployArgs(STORE, f.a, '--json')), 'deploy a'), f.a.fingerprint, null, 'deploy a');
      let state = await stagedState(NAME);
      assert.deepStrictEqual(state.byLabel, { AWSCURRENT: f.a.fingerprint });
      const [only] = Object.values(state.versions);
      assert.ok(keyMatches(only.keyPem, only.certPem));
      assert.match(only.keyPem, /^-----BEGIN PRIVATE KEY-----\n/, 'stored as PKCS#8');

      const b = ok<PairState>(cli(deployArgs(STORE, f.b, '--chain', f.chainPath, '--json')), 'deploy b');
      assertPairState(b, f.a.fingerprint, f.b.fingerprint, 'deploy b');
      state = await stagedState(NAME);
      assert.deepStrictEqual(state.byLabel, { AWSCURRENT: f.a.fingerprint, AWSPENDING: f.b.fingerprint });
      const staged = await aws.send(new GetSecretValueCommand({ SecretId: NAME, VersionStage: 'AWSPENDING' }));
      const chain = (JSON.parse(staged.SecretString as string) as Record<string, string>).certificate_chain;
      assert.strictEqual(
        certificateFacts(chain).fingerprint,
        certificateFacts(fs.readFileSync(f.chainPath, 'utf8')).fingerprint,
        'the chain is stored with the pair',
      );

      assertEntries(
        ok<Listing>(cli(['store', 'list', '--store', STORE, '--json']), 'list'),
        [
          [f.a, 'current'],
          [f.b, 'pending'],
        ],
        true,
      );

      assertPairState(
        ok(cli(['store', 'promote', '--store', STORE, '--json']), 'promote'),
        f.b.fingerprint,
        null,
        'promote',
      );
      state = await stagedState(NAME);
      assert.deepStrictEqual(state.byLabel, { AWSCURRENT: f.b.fingerprint, AWSPREVIOUS: f.a.fingerprint });

      assertPairState(
        ok(cli(['store', 'rollback', '--store', STORE, '--json']), 'rollback'),
        f.a.fingerprint,
        f.b.fingerprint,
        'rollback',
      );
      state = await stagedState(NAME);
      assert.strictEqual(state.byLabel.AWSCURRENT, f.a.fingerprint);
      assert.strictEqual(state.byLabel.AWSPENDING, f.b.fingerprint);

      ok(cli(['store', 'promote', '--store', STORE, '--json']), 'promote again');
      const retired = ok<Retired>(cli(['store', 'retire', '--store', STORE, '--json']), 'retire');
      assert.deepStrictEqual(Object.keys(retired), ['removed', 'recoverable', 'message']);
      assert.strictEqual(retired.removed, false);
      assert.strictEqual(retired.recoverable, true);
      assert.match(retired.message, /layout=generation/);
      // The honest part: no label is left on the old version, and AWS still returns its key by VersionId.
      state = await stagedState(NAME);
      assert.deepStrictEqual(state.byLabel, { AWSCURRENT: f.b.fingerprint });
      const old = Object.entries(state.versions).find(([, v]) => v.fingerprint === f.a.fingerprint);
      assert.ok(old, 'the old version is still there');
      assert.deepStrictEqual(old[1].labels, []);
      assert.ok(keyMatches(old[1].keyPem, fs.readFileSync(f.a.certPath, 'utf8')), 'its key is still readable');

      assertEntries(
        ok<Listing>(cli(['store', 'list', '--store', STORE, '--json']), 'list after retire'),
        [
          [f.a, 'none'],
          [f.b, 'current'],
        ],
        true,
      );
    });

    it('refuses with exit 1 and changes nothing: mismatch, expired, already current, nothing staged, nothing to retire, changed meanwhile', async () => {
      const mismatch = ['store', 'deploy', '--store', STORE, '--cert', f.a.certPath, '--key', f.b.keyPath];
      const stderr = refused(cli(mismatch), 1, 'key-certificate-mismatch', 'mismatch');
      assert.doesNotMatch(stderr, /PRIVATE KEY|MII/, 'no key material in the message');
      refused(cli(deployArgs(STORE, f.expired)), 1, 'certificate-expired', 'expired');
      await assert.rejects(aws.send(new DescribeSecretCommand({ SecretId: NAME })), /ResourceNotFound/);

      ok(cli(deployArgs(STORE, f.a, '--json')), 'deploy a');
      refused(cli(deployArgs(STORE, f.a, '--json')), 1, 'store-already-current', 'deploy a again');
      refused(cli(['store', 'promote', '--store', STORE, '--json']), 1, 'store-nothing-staged', 'promote');
      refused(cli(['store', 'rollback', '--store', STORE]), 1, 'store-nothing-staged', 'rollback');
      refused(cli(['store', 'retire', '--store', STORE, '--json']), 1, 'store-nothing-to-retire', 'retire');
      assert.deepStrictEqual((await stagedState(NAME)).byLabel, { AWSCURRENT: f.a.fingerprint });

      // Someone staged another pair after the switch: rolling back would throw it away.
      ok(cli(deployArgs(STORE, f.b, '--json')), 'deploy b');
      ok(cli(['store', 'promote', '--store', STORE, '--json']), 'promote');
      ok(cli(deployArgs(STORE, f.c, '--json')), 'deploy c');
      refused(cli(['store', 'rollback', '--store', STORE, '--json']), 1, 'store-changed', 'rollback');
      const state = await stagedState(NAME);
      assert.strictEqual(state.byLabel.AWSCURRENT, f.b.fingerprint);
      assert.strictEqual(state.byLabel.AWSPENDING, f.c.fingerprint);
    });

    it('refuses a secret scheduled for deletion (exit 1), where moto would accept the write', async () => {
      ok(cli(deployArgs(STORE, f.a, '--json')), 'deploy a');
      await aws.send(new DeleteSecretCommand({ SecretId: NAME, RecoveryWindowInDays: 7 }));
      refused(cli(deployArgs(STORE, f.b)), 1, 'store-scheduled-for-deletion', 'deploy');
      refused(cli(['store', 'promote', '--store', STORE]), 1, 'store-scheduled-for-deletion', 'promote');
    });

    it('an empty list and exit 2 for a secret that does not exist, and --force or --recovery-days on a staged secret', async () => {
      // Listed like an absent directory store or prefix: empty. Writes that need a pair say it is not there.
      assert.deepStrictEqual(ok(cli(['store', 'list', '--store', STORE, '--json']), 'list'), { entries: [] });
      refused(cli(['store', 'promote', '--store', STORE]), 2, 'store-not-found', 'promote');
      refused(cli(['store', 'retire', '--store', STORE, '--force']), 2, /--force applies to .*layout=generation/, 'f');
      refused(
        cli(['store', 'retire', '--store', STORE, '--recovery-days', '7']),
        2,
        /--recovery-days applies to/,
        'recovery days',
      );
    });

    it('prints short human lines and tables without --json', () => {
      const deployed = cli(deployArgs(STORE, f.a));
      assert.strictEqual(deployed.code, 0, deployed.stderr);
      assert.strictEqual(deployed.stderr, '');
      assert.match(deployed.stdout, /the store held no pair, so this one is current/);
      assert.match(deployed.stdout, new RegExp(`^current  ${f.a.fingerprint}$`, 'm'));
      assert.match(deployed.stdout, /^pending {2}none$/m);
      cli(deployArgs(STORE, f.b));
      const listed = cli(['store', 'list', '--store', STORE]);
      assert.strictEqual(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, /^STAGE +EXPIRES +NOT AFTER +SUBJECT +SHA-256 FINGERPRINT +ID$/m);
      assert.match(listed.stdout, new RegExp(`^current .*CN = api-a .*${f.a.fingerprint}`, 'm'));
      assert.match(listed.stdout, new RegExp(`^pending .*CN = api-b .*${f.b.fingerprint}`, 'm'));
      const promoted = cli(['store', 'promote', '--store', STORE]);
      assert.match(promoted.stdout, /services now get the new pair/);
      const retired = cli(['store', 'retire', '--store', STORE]);
      assert.strictEqual(retired.code, 0, retired.stderr);
      assert.match(retired.stdout, /^removed +no$/m);
      assert.match(retired.stdout, /^recoverable +yes$/m);
    });
  });

  describe('layout=generation (one secret per certificate)', () => {
    const PREFIX = 'certs/api';
    const STORE = `aws-sm:${PREFIX}?layout=generation`;

    it('deploys, lists, promotes, rolls back; each certificate its own secret, tagged with its state', async () => {
      assertPairState(ok(cli(deployArgs(STORE, f.a, '--json')), 'deploy a'), f.a.fingerprint, null, 'deploy a');
      let state = await generationState(PREFIX);
      assert.strictEqual(Object.keys(state).length, 1);
      const [nameA, a] = byFingerprint(state, f.a.fingerprint)!;
      assert.strictEqual(a.state, 'active');
      assert.match(nameA, new RegExp(`^${PREFIX}/${f.a.notAfter.toISOString().slice(0, 10)}-[0-9a-f]{8}$`));

      assertPairState(
        ok(cli(deployArgs(STORE, f.b, '--json')), 'deploy b'),
        f.a.fingerprint,
        f.b.fingerprint,
        'deploy b',
      );
      state = await generationState(PREFIX);
      assert.strictEqual(byFingerprint(state, f.a.fingerprint)![1].state, 'active');
      assert.strictEqual(byFingerprint(state, f.b.fingerprint)![1].state, 'pending');
      assertEntries(
        ok<Listing>(cli(['store', 'list', '--store', STORE, '--json']), 'list'),
        [
          [f.a, 'current'],
          [f.b, 'pending'],
        ],
        false,
      );

      assertPairState(
        ok(cli(['store', 'promote', '--store', STORE, '--json']), 'promote'),
        f.b.fingerprint,
        null,
        'promote',
      );
      state = await generationState(PREFIX);
      assert.strictEqual(byFingerprint(state, f.b.fingerprint)![1].state, 'active');
      assert.strictEqual(byFingerprint(state, f.a.fingerprint)![1].state, 'retiring');

      assertPairState(
        ok(cli(['store', 'rollback', '--store', STORE, '--json']), 'rollback'),
        f.a.fingerprint,
        f.b.fingerprint,
        'rollback',
      );
      state = await generationState(PREFIX);
      assert.strictEqual(byFingerprint(state, f.a.fingerprint)![1].state, 'active');
      assert.strictEqual(byFingerprint(state, f.b.fingerprint)![1].state, 'pending');
    });

    it('retires with a recovery window (7 days by default, or --recovery-days), or at once with --force', async () => {
      const before = Date.now();
      ok(cli(deployArgs(STORE, f.a, '--json')), 'deploy a');
      ok(cli(deployArgs(STORE, f.b, '--json')), 'deploy b');
      ok(cli(['store', 'promote', '--store', STORE, '--json']), 'promote');
      const retired = ok<Retired>(cli(['store', 'retire', '--store', STORE, '--json']), 'retire');
      assert.deepStrictEqual(Object.keys(retired), ['removed', 'recoverable', 'recoverableUntil', 'message']);
      assert.strictEqual(retired.removed, false);
      assert.strictEqual(retired.recoverable, true);
      const until = Date.parse(retired.recoverableUntil!);
      assert.ok(
        until >= before + 7 * DAY_MS - 60_000 && until <= Date.now() + 7 * DAY_MS + 60_000,
        retired.recoverableUntil,
      );
      let state = await generationState(PREFIX);
      assert.strictEqual(Object.values(state).filter((g) => g.deleted).length, 1, 'the old secret is scheduled');
      assert.strictEqual(byFingerprint(state, f.b.fingerprint)![1].state, 'active');

      // The deleted generation can no longer be read: listed as an error, its name reserved.
      const listing = ok<Listing>(cli(['store', 'list', '--store', STORE, '--json']), 'list');
      assert.deepStrictEqual(Object.keys(listing), ['entries', 'errors']);
      assert.deepStrictEqual(
        listing.entries.map((e) => [e.fingerprintSha256, e.stage]),
        [[f.b.fingerprint, 'current']],
      );
      assert.strictEqual(listing.errors!.length, 1);
      assert.match(listing.errors![0].message, /scheduled for deletion/);
      refused(cli(deployArgs(STORE, f.a)), 1, 'store-scheduled-for-deletion', 'deploy a again');
      refused(cli(['store', 'retire', '--store', STORE]), 1, 'store-nothing-to-retire', 'retire again');

      ok(cli(deployArgs(STORE, f.c, '--json')), 'deploy c');
      ok(cli(['store', 'promote', '--store', STORE, '--json']), 'promote c');
      const later = ok<Retired>(
        cli(['store', 'retire', '--store', STORE, '--recovery-days', '30', '--json']),
        'retire 30',
      );
      assert.ok(Math.abs(Date.parse(later.recoverableUntil!) - (Date.now() + 30 * DAY_MS)) < 5 * 60_000);

      ok(cli(deployArgs(STORE, f.soon, '--json')), 'deploy soon');
      ok(cli(['store', 'promote', '--store', STORE, '--json']), 'promote soon');
      const forced = ok<Retired>(cli(['store', 'retire', '--store', STORE, '--force', '--json']), 'force');
      assert.deepStrictEqual(Object.keys(forced), ['removed', 'recoverable', 'message']);
      assert.strictEqual(forced.removed, true);
      assert.strictEqual(forced.recoverable, false);
      state = await generationState(PREFIX);
      assert.strictEqual(byFingerprint(state, f.c.fingerprint), undefined, 'c is gone');
      assert.strictEqual(Object.keys(state).length, 3, 'a and b scheduled or active, soon active');
    });

    it('refuses with exit 1: mismatch, expired, already current, nothing staged, nothing to retire, changed meanwhile', async () => {
      refused(
        cli(['store', 'deploy', '--store', STORE, '--cert', f.a.certPath, '--key', f.b.keyPath]),
        1,
        'key-certificate-mismatch',
        'mismatch',
      );
      refused(cli(deployArgs(STORE, f.expired)), 1, 'certificate-expired', 'expired');
      assert.deepStrictEqual(await generationState(PREFIX), {});
      refused(cli(['store', 'promote', '--store', STORE]), 1, 'store-nothing-staged', 'promote empty');
      ok(cli(deployArgs(STORE, f.a, '--json')), 'deploy a');
      refused(cli(deployArgs(STORE, f.a)), 1, 'store-already-current', 'again');
      refused(cli(['store', 'promote', '--store', STORE]), 1, 'store-nothing-staged', 'promote');
      refused(cli(['store', 'rollback', '--store', STORE]), 1, 'store-nothing-staged', 'rollback');
      refused(cli(['store', 'retire', '--store', STORE]), 1, 'store-nothing-to-retire', 'retire');
      ok(cli(deployArgs(STORE, f.b, '--json')), 'deploy b');
      ok(cli(['store', 'promote', '--store', STORE, '--json']), 'promote');
      ok(cli(deployArgs(STORE, f.c, '--json')), 'deploy c');
      refused(cli(['store', 'rollback', '--store', STORE]), 1, 'store-changed', 'rollback over a staged pair');
      const state = await generationState(PREFIX);
      assert.strictEqual(byFingerprint(state, f.b.fingerprint)![1].state, 'active');
    });

    it('refuses a recovery window outside 7 to 30 days, and --force with one, before any call (exit 2)', () => {
      for (const days of ['6', '31', '0', '7.5', 'week'])
        refused(
          cli(['store', 'retire', '--store', STORE, '--recovery-days', days]),
          2,
          /--recovery-days must be a whole number from 7 to 30/,
          days,
        );
      refused(
        cli(['store', 'retire', '--store', STORE, '--force', '--recovery-days', '7']),
        2,
        /not both/,
        'force and days',
      );
    });
  });

  describe('inventory and check with --store', () => {
    const STAGED = 'aws-sm:inv/api?layout=staged';
    let work: string;
    let dirStore: string;

    beforeEach(() => {
      work = tempDir('mtls-inv-store-');
      fs.mkdirSync(path.join(work, 'files'));
      fs.copyFileSync(f.c.certPath, path.join(work, 'files', 'client.crt'));
      dirStore = `dir:${work}?name=svc`;
    });
    afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

    type Item = Record<string, unknown>;

    it('lists store certificates as items with the store as given, its id and stage', () => {
      ok(cli(deployArgs(STAGED, f.a, '--json')), 'deploy a');
      ok(cli(deployArgs(STAGED, f.soon, '--json')), 'deploy soon');
      ok(run(deployArgs(dirStore, f.b, '--json'), {}), 'deploy b to the directory');
      const doc = ok<{ items: Item[]; errors: unknown[] }>(
        cli(['inventory', path.join(work, 'files'), '--store', STAGED, '--store', dirStore, '--json']),
        'inventory',
      );
      assert.deepStrictEqual(doc.errors, []);
      assert.strictEqual(doc.items.length, 4);
      const files = doc.items.filter((i) => !('store' in i));
      assert.deepStrictEqual(
        files.map((i) => i.fingerprintSha256),
        [f.c.fingerprint],
      );
      const inStores = doc.items
        .filter((i) => 'store' in i)
        .map((i) => [i.store, i.stage, i.fingerprintSha256, i.kind, i.subject !== undefined, typeof i.id]);
      assert.deepStrictEqual(
        inStores.sort(),
        [
          [STAGED, 'current', f.a.fingerprint, 'certificate', true, 'string'],
          [STAGED, 'pending', f.soon.fingerprint, 'certificate', true, 'string'],
          [dirStore, 'live', f.b.fingerprint, 'certificate', true, 'string'],
        ].sort(),
      );
      const stagedItem = doc.items.find((i) => i.store === STAGED && i.stage === 'current')!;
      assert.strictEqual(stagedItem.versionId, stagedItem.id);
      assert.strictEqual(stagedItem.notAfter, f.a.notAfter.toISOString());

      // PATH may be left out when a store is named; the table names the store, stage and entry.
      const table = cli(['inventory', '--store', dirStore]);
      assert.strictEqual(table.code, 0, table.stderr);
      assert.strictEqual(table.stderr, '');
      assert.match(table.stdout, new RegExp(`api-b .*dir:${work}\\?name=svc live \\S+$`, 'm'));
    });

    it('reports an entry the store cannot read (a generation scheduled for deletion) as an error naming the store', () => {
      const GEN = 'aws-sm:inv/gen?layout=generation';
      ok(cli(deployArgs(GEN, f.a, '--json')), 'deploy a');
      ok(cli(deployArgs(GEN, f.b, '--json')), 'deploy b');
      ok(cli(['store', 'promote', '--store', GEN, '--json']), 'promote');
      ok(cli(['store', 'retire', '--store', GEN, '--json']), 'retire a');
      const doc = ok<{ items: Item[]; errors: Item[] }>(cli(['inventory', '--store', GEN, '--json']), 'inventory');
      assert.deepStrictEqual(
        doc.items.map((i) => [i.stage, i.fingerprintSha256]),
        [['current', f.b.fingerprint]],
      );
      assert.strictEqual(doc.errors.length, 1);
      assert.deepStrictEqual(Object.keys(doc.errors[0]), ['store', 'id', 'stage', 'message']);
      assert.strictEqual(doc.errors[0].store, GEN);
      assert.match(String(doc.errors[0].message), /scheduled for deletion/);
      const table = cli(['inventory', '--store', GEN]);
      assert.match(
        table.stdout,
        /^1 store problem\(s\):\naws-sm:inv\/gen\?layout=generation inv\/gen\/\S+: .*scheduled for deletion/m,
      );
    });

    it('check counts the current and pending certificates of a store like files, not the ones switched away from', () => {
      ok(cli(deployArgs(STAGED, f.a, '--json')), 'deploy a');
      ok(cli(deployArgs(STAGED, f.soon, '--json')), 'deploy soon');
      const files = path.join(work, 'files');
      const pending = cli(['check', files, '--within', '30', '--store', STAGED, '--json']);
      assert.strictEqual(pending.code, 1, pending.stderr);
      assert.strictEqual(pending.stderr, '');
      const doc = JSON.parse(pending.stdout) as { checked: number; expiring: Item[]; errors: unknown[] };
      assert.strictEqual(doc.checked, 3);
      assert.strictEqual(doc.expiring.length, 1);
      assert.strictEqual(doc.expiring[0].store, STAGED);
      assert.strictEqual(doc.expiring[0].stage, 'pending');
      assert.strictEqual(doc.expiring[0].fingerprintSha256, f.soon.fingerprint);
      assert.strictEqual(cli(['check', files, '--within', '5', '--store', STAGED]).code, 0);

      const human = cli(['check', files, '--within', '30', '--store', STAGED]);
      assert.strictEqual(human.code, 1);
      assert.match(human.stdout, /^1 of 3 certificate\(s\) expire within 30 day\(s\):$/m);
      assert.match(human.stdout, /aws-sm:inv\/api\?layout=staged pending /);

      // Once services were switched away from it, the soon-expiring pair is only the previous one, then none.
      const OLD = 'aws-sm:inv/old?layout=staged';
      ok(cli(deployArgs(OLD, f.soon, '--json')), 'deploy soon');
      ok(cli(deployArgs(OLD, f.a, '--json')), 'deploy a');
      ok(cli(['store', 'promote', '--store', OLD, '--json']), 'promote a');
      for (const step of ['previous', 'none']) {
        const gate = ok<{ checked: number; expiring: Item[] }>(
          cli(['check', '--within', '30', '--store', OLD, '--json']),
          `check with soon ${step}`,
        );
        assert.strictEqual(gate.checked, 1);
        assert.deepStrictEqual(gate.expiring, []);
        const listed = ok<{ items: Item[] }>(cli(['inventory', '--store', OLD, '--json']), 'inventory');
        assert.strictEqual(listed.items.find((i) => i.fingerprintSha256 === f.soon.fingerprint)?.stage, step);
        if (step === 'previous') ok(cli(['store', 'retire', '--store', OLD, '--json']), 'retire soon');
      }
    });

    it('exit 2 and one line when a store cannot be listed or its spec is bad', async () => {
      const port = await closedPort();
      const unreachable = { ...moto.env, AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${port}` };
      const files = path.join(work, 'files');
      refused(
        run(['inventory', files, '--store', STAGED, '--json'], unreachable),
        2,
        /^mtls-rotation inventory: --store aws-sm:inv\/api\?layout=staged: .*/,
        'inventory',
      );
      refused(
        run(['check', files, '--within', '30', '--store', STAGED], unreachable),
        2,
        /--store aws-sm:inv/,
        'check',
      );
      refused(cli(['inventory', files, '--store', 'aws-sm:x']), 2, /--store aws-sm:x: .*layout/, 'bad spec');
      refused(cli(['inventory', files, '--store']), 2, /--store needs a value/, 'no value');
    });
  });

  describe('usage and reachability', () => {
    it('exit 2 and one line for an unreachable store (a closed port), reading or writing, either layout', async () => {
      const port = await closedPort();
      const unreachable = { ...moto.env, AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${port}` };
      for (const args of [
        ['store', 'list', '--store', 'aws-sm:x?layout=staged', '--json'],
        deployArgs('aws-sm:x?layout=staged', f.a, '--json'),
        ['store', 'promote', '--store', 'aws-sm:x?layout=generation'],
        ['store', 'retire', '--store', 'aws-sm:x?layout=generation', '--json'],
      ])
        refused(run(args, unreachable), 2, 'store-unreachable', args.join(' '));
    });

    it('exit 2 for bad specs and bad usage, before any call', () => {
      const cases: Array<[string[], RegExp]> = [
        [['store'], /^$/],
        [['store', 'frobnicate'], /unknown subcommand "frobnicate"/],
        [['store', 'list'], /--store SPEC is required/],
        [['store', 'list', '--store'], /--store needs a value/],
        [
          ['store', 'list', '--store', 'aws-sm:x'],
          /needs \?layout=staged or \?layout=generation \(store-spec-invalid\)/,
        ],
        [['store', 'list', '--store', 'aws-sm:x?layout=rolling'], /layout must be one of/],
        [['store', 'list', '--store', 'aws-sm:a b?layout=staged'], /not a valid AWS secret name/],
        [['store', 'list', '--store', 'vault:kv/x'], /must start with aws-sm: or dir:/],
        [['store', 'list', '--store', 'dir:/tmp'], /needs \?name=NAME/],
        [
          ['store', 'list', '--store', 'aws-sm:x?layout=staged', '--store', 'aws-sm:y?layout=staged'],
          /give one --store/,
        ],
        [['store', 'list', '--store', 'aws-sm:x?layout=staged', 'extra'], /unexpected argument "extra"/],
        [['store', 'list', '--store', 'aws-sm:x?layout=staged', '--cert', 'c'], /unknown option --cert/],
        [['store', 'deploy', '--store', 'aws-sm:x?layout=staged', '--key', 'k'], /--cert C is required/],
        [['store', 'deploy', '--store', 'aws-sm:x?layout=staged', '--cert', 'c'], /--key K is required/],
        [
          ['store', 'deploy', '--store', 'aws-sm:x?layout=staged', '--cert', '/nonexistent.crt', '--key', 'k'],
          /--cert: .*\/nonexistent\.crt/,
        ],
      ];
      for (const [args, message] of cases) {
        const result = cli(args);
        assert.strictEqual(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
        if (args.length === 1) {
          assert.match(result.stdout, /^Usage: mtls-rotation store SUBCOMMAND/);
          continue;
        }
        assert.strictEqual(result.stdout, '', args.join(' '));
        assert.strictEqual(result.stderr.split('\n').length, 2, result.stderr);
        assert.match(result.stderr, message, args.join(' '));
      }
    });

    it('prints help for the group and each subcommand, exit 0', () => {
      const group = cli(['store', '--help']);
      assert.strictEqual(group.code, 0);
      for (const name of ['list', 'deploy', 'promote', 'rollback', 'retire']) {
        assert.match(group.stdout, new RegExp(`^  ${name} `, 'm'));
        const help = cli(['store', name, '--help']);
        assert.strictEqual(help.code, 0);
        assert.match(help.stdout, new RegExp(`^Usage: mtls-rotation store ${name} --store SPEC`));
        assert.match(help.stdout, /aws-sm:PREFIX\?layout=generation/);
        assert.match(help.stdout, /Exit codes: 0 done; 1 refused by a check/);
      }
      assert.match(cli(['--help']).stdout, /^ {2}store /m);
    });
  });
});
