// The store commands as a black box against a directory store; the store's state is read back from the file
// system (links, files, modes), never through the adapter under test.
import * as assert from 'assert';
import { createHash, createPublicKey } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { buildCli } from '../../../support/buildCli';
import { openssl, tempDir } from '../../../support/openssl';
import {
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

interface Entry {
  id: string;
  stage: string;
  fingerprintSha256: string;
  notAfter: string;
  subject: string;
}

describe('CLI store commands against a directory store', function () {
  this.timeout(60_000);
  let f: Fixtures;
  let dir: string;
  let store: string;
  let root: string;

  before(() => {
    buildCli();
    f = storeFixtures();
  });
  beforeEach(() => {
    dir = tempDir('mtls-dir-store-');
    store = `dir:${dir}?name=api`;
    root = path.join(dir, 'api');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cli = (args: string[]) => run(args, {});

  /** Where a link points (a generation folder name), or null. */
  function link(name: string): string | null {
    try {
      return path.basename(fs.readlinkSync(path.join(root, name)));
    } catch {
      return null;
    }
  }

  /** The certificate services read through a link, checked as a pair with the key beside it. */
  function servedThrough(name: string): string {
    const certPem = fs.readFileSync(path.join(root, name, 'cert.pem'), 'utf8');
    const keyPath = path.join(root, name, 'key.pem');
    assert.ok(keyMatches(fs.readFileSync(keyPath, 'utf8'), certPem), `${name}: key and certificate match`);
    assert.strictEqual(fs.statSync(keyPath).mode & 0o777, 0o600, `${name}/key.pem is 0600`);
    assert.strictEqual(fs.statSync(path.join(root, name)).mode & 0o777, 0o700, `${name} folder is 0700`);
    return certificateFacts(certPem).fingerprint;
  }

  function archived(): string[] {
    return fs.readdirSync(path.join(root, 'archive')).filter((n) => !n.startsWith('.'));
  }

  it('deploys, lists, promotes, rolls back and retires; the files say what the CLI says', () => {
    const first = ok(cli(deployArgs(store, f.a, '--json')), 'deploy a');
    assert.deepStrictEqual(Object.keys(first), PAIR_STATE_KEYS);
    assert.deepStrictEqual(first, { ok: true, current: f.a.fingerprint, pending: null });
    assert.strictEqual(servedThrough('live'), f.a.fingerprint);
    assert.strictEqual(link('next'), null);
    const generationA = link('live');

    assert.deepStrictEqual(ok(cli(deployArgs(store, f.b, '--chain', f.chainPath, '--json')), 'deploy b'), {
      ok: true,
      current: f.a.fingerprint,
      pending: f.b.fingerprint,
    });
    assert.strictEqual(servedThrough('live'), f.a.fingerprint);
    assert.strictEqual(servedThrough('next'), f.b.fingerprint);
    assert.ok(fs.existsSync(path.join(root, 'next', 'chain.pem')), 'the chain is stored with the pair');

    const listing = ok<{ entries: Entry[] }>(cli(['store', 'list', '--store', store, '--json']), 'list');
    assert.deepStrictEqual(Object.keys(listing), ['entries']);
    const want = new Map([
      [f.a.fingerprint, ['live', f.a]],
      [f.b.fingerprint, ['next', f.b]],
    ] as const);
    assert.strictEqual(listing.entries.length, 2);
    for (const entry of listing.entries) {
      assert.deepStrictEqual(
        Object.keys(entry),
        ENTRY_KEYS.filter((k) => k !== 'versionId'),
      );
      const [stage, p] = want.get(entry.fingerprintSha256)!;
      assert.strictEqual(entry.stage, stage);
      assert.strictEqual(entry.subject, p.subject);
      assert.strictEqual(Date.parse(entry.notAfter), p.notAfter.getTime());
      assert.strictEqual(entry.id, link(stage));
    }

    assert.deepStrictEqual(ok(cli(['store', 'promote', '--store', store, '--json']), 'promote'), {
      ok: true,
      current: f.b.fingerprint,
      pending: null,
    });
    assert.strictEqual(servedThrough('live'), f.b.fingerprint);
    assert.strictEqual(link('next'), null);

    assert.deepStrictEqual(ok(cli(['store', 'rollback', '--store', store, '--json']), 'rollback'), {
      ok: true,
      current: f.a.fingerprint,
      pending: f.b.fingerprint,
    });
    assert.strictEqual(servedThrough('live'), f.a.fingerprint);
    assert.strictEqual(servedThrough('next'), f.b.fingerprint);

    ok(cli(['store', 'promote', '--store', store, '--json']), 'promote again');
    const retired = ok(cli(['store', 'retire', '--store', store, '--json']), 'retire');
    assert.deepStrictEqual(Object.keys(retired), ['removed', 'recoverable', 'message']);
    assert.strictEqual(retired.removed, true);
    assert.strictEqual(retired.recoverable, false);
    // The old key is really gone: its generation folder no longer exists.
    assert.ok(generationA);
    assert.ok(!fs.existsSync(path.join(root, 'archive', generationA)), 'the old generation is deleted');
    assert.deepStrictEqual(archived(), [link('live')]);
    assert.strictEqual(servedThrough('live'), f.b.fingerprint);
  });

  it('lists an archived generation as archived, and an empty store as no entries', () => {
    assert.deepStrictEqual(ok(cli(['store', 'list', '--store', store, '--json']), 'empty'), { entries: [] });
    ok(cli(deployArgs(store, f.a, '--json')), 'deploy a');
    ok(cli(deployArgs(store, f.b, '--json')), 'deploy b');
    ok(cli(['store', 'promote', '--store', store, '--json']), 'promote');
    const listing = ok<{ entries: Entry[] }>(cli(['store', 'list', '--store', store, '--json']), 'list');
    assert.deepStrictEqual(
      listing.entries.map((e) => [e.fingerprintSha256, e.stage]).sort(),
      [
        [f.a.fingerprint, 'archived'],
        [f.b.fingerprint, 'live'],
      ].sort(),
    );
  });

  it('refuses with exit 1 and leaves the files as they were', () => {
    refused(
      cli(['store', 'deploy', '--store', store, '--cert', f.a.certPath, '--key', f.b.keyPath]),
      1,
      'key-certificate-mismatch',
      'mismatch',
    );
    refused(cli(deployArgs(store, f.expired)), 1, 'certificate-expired', 'expired');
    assert.ok(!fs.existsSync(path.join(root, 'live')), 'nothing live after refusals');
    ok(cli(deployArgs(store, f.a, '--json')), 'deploy a');
    refused(cli(deployArgs(store, f.a)), 1, 'store-already-current', 'again');
    refused(cli(['store', 'promote', '--store', store]), 1, 'store-nothing-staged', 'promote');
    refused(cli(['store', 'rollback', '--store', store]), 1, 'store-nothing-staged', 'rollback');
    refused(cli(['store', 'retire', '--store', store, '--json']), 1, 'store-nothing-to-retire', 'retire');
    assert.strictEqual(servedThrough('live'), f.a.fingerprint);
    assert.strictEqual(archived().length, 1);
  });

  it('exit 2 when the store directory does not exist, or for options that mean nothing here', () => {
    const missing = `dir:${path.join(dir, 'no', 'such')}?name=api`;
    refused(cli(['store', 'list', '--store', missing]), 2, 'store-not-found', 'list');
    refused(cli(deployArgs(missing, f.a)), 2, 'store-not-found', 'deploy');
    refused(cli(['store', 'retire', '--store', store, '--force']), 2, /--force applies to .*generation/, 'force');
    refused(cli(['store', 'list', '--store', `dir:${dir}?name=../x`]), 2, 'store-spec-invalid', 'bad name');
  });

  it('prints short human lines without --json', () => {
    const deployed = cli(deployArgs(store, f.a));
    assert.strictEqual(deployed.code, 0, deployed.stderr);
    assert.strictEqual(deployed.stderr, '');
    assert.match(deployed.stdout, new RegExp(`^current  ${f.a.fingerprint}$`, 'm'));
    cli(deployArgs(store, f.b));
    const listed = cli(['store', 'list', '--store', store]);
    assert.match(listed.stdout, new RegExp(`^live .*CN = api-a .*${f.a.fingerprint}`, 'm'));
    assert.match(listed.stdout, new RegExp(`^next .*CN = api-b .*${f.b.fingerprint}`, 'm'));
    cli(['store', 'promote', '--store', store]);
    const retired = cli(['store', 'retire', '--store', store]);
    assert.strictEqual(retired.code, 0, retired.stderr);
    assert.match(retired.stdout, /^removed +yes$/m);
    assert.match(retired.stdout, /^recoverable +no$/m);
    assert.match(retired.stdout, new RegExp(`^certificate +${f.a.fingerprint}$`, 'm'));
  });
  it('retire deletes every generation switched away from, or the one --fingerprint names, and lists them', () => {
    ok(cli(deployArgs(store, f.a, '--json')), 'deploy a');
    ok(cli(deployArgs(store, f.b, '--json')), 'deploy b');
    ok(cli(['store', 'promote', '--store', store, '--json']), 'promote b');
    ok(cli(deployArgs(store, f.c, '--json')), 'deploy c');
    ok(cli(['store', 'promote', '--store', store, '--json']), 'promote c');
    assert.strictEqual(archived().length, 3);
    refused(cli(['store', 'retire', '--store', store, '--fingerprint', 'nothex']), 2, /--fingerprint/, 'bad fp');
    refused(
      cli(['store', 'retire', '--store', store, '--fingerprint', f.c.fingerprint]),
      1,
      'store-nothing-to-retire',
      'live fp',
    );
    // a, two promotes ago, by its fingerprint in lower case without colons.
    const byFingerprint = cli([
      'store',
      'retire',
      '--store',
      store,
      '--fingerprint',
      f.a.fingerprint.replace(/:/g, '').toLowerCase(),
    ]);
    assert.strictEqual(byFingerprint.code, 0, byFingerprint.stderr);
    assert.match(byFingerprint.stdout, new RegExp(`^certificate +${f.a.fingerprint}$`, 'm'));
    assert.strictEqual(archived().length, 2);
    ok(cli(deployArgs(store, f.a, '--json')), 'deploy a again');
    ok(cli(['store', 'promote', '--store', store, '--json']), 'promote a');
    ok(cli(deployArgs(store, f.b, '--json')), 'deploy b again');
    ok(cli(['store', 'promote', '--store', store, '--json']), 'promote b');
    // Archived now: c (two promotes ago) and a (previous) beside b live; both go, and the message names both.
    const retired = ok(cli(['store', 'retire', '--store', store, '--json']), 'retire all');
    assert.strictEqual(retired.removed, true);
    assert.match(retired.message as string, new RegExp(f.a.fingerprint));
    assert.match(retired.message as string, new RegExp(f.c.fingerprint));
    assert.strictEqual(archived().length, 1);
    assert.strictEqual(servedThrough('live'), f.b.fingerprint);
    refused(cli(['store', 'retire', '--store', store]), 1, 'store-nothing-to-retire', 'nothing left');
  });

  it('check --store fails (exit 1) when the pending pair services are about to read cannot be read', () => {
    ok(cli(deployArgs(store, f.a, '--json')), 'deploy a');
    ok(cli(deployArgs(store, f.b, '--json')), 'deploy b');
    assert.strictEqual(cli(['check', '--within', '1', '--store', store]).code, 0);
    const nextKey = path.join(root, 'archive', link('next')!, 'key.pem');
    fs.writeFileSync(nextKey, fs.readFileSync(f.a.keyPath, 'utf8'));
    const checked = cli(['check', '--within', '1', '--store', store]);
    assert.strictEqual(checked.code, 1, checked.stderr);
    assert.match(checked.stdout, /key\.pem does not belong to cert\.pem/);
  });

  it('escapes control characters from a certificate in its human output', () => {
    const keyPath = path.join(dir, 'evil.key');
    const certPath = path.join(dir, 'evil.crt');
    const subject = '/CN=evil\u001b[2Jname\nforged line';
    openssl(
      ['req', '-new', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'].concat([
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '30',
        '-subj',
        subject,
      ]),
    );
    const deployed = cli(['store', 'deploy', '--store', store, '--cert', certPath, '--key', keyPath]);
    assert.strictEqual(deployed.code, 0, deployed.stderr);
    // store list shows the whole subject as `openssl x509 -subject` prints it (with openssl's own escapes);
    // inventory and check show the CN, escaped by the CLI.
    const printed = openssl(['x509', '-in', certPath, '-noout', '-subject'])
      .replace(/^subject=/, '')
      .trim();
    for (const [args, shown] of [
      [['store', 'list', '--store', store], printed],
      [['inventory', '--store', store], 'evil\\x1b[2Jname\\nforged line'],
      [['check', '--within', '60', '--store', store], 'evil\\x1b[2Jname\\nforged line'],
    ] as const) {
      const out = cli([...args]).stdout;
      assert.ok(!out.includes('\u001b'), `${args.join(' ')}: ${out}`);
      assert.ok(out.includes(shown), `${args.join(' ')}: ${out}`);
      assert.ok(!/^forged line/m.test(out), args.join(' '));
    }
  });
  it('keeps the intermediates that follow the leaf in --cert as the chain; refuses a second chain (exit 2)', () => {
    const fullchain = path.join(dir, 'fullchain.pem');
    fs.writeFileSync(fullchain, fs.readFileSync(f.a.certPath, 'utf8') + fs.readFileSync(f.chainPath, 'utf8'));
    refused(
      cli(['store', 'deploy', '--store', store, '--cert', fullchain, '--key', f.a.keyPath, '--chain', f.chainPath]),
      2,
      /--cert holds 2 certificates and --chain is given too/,
      'two chains',
    );
    ok(cli(['store', 'deploy', '--store', store, '--cert', fullchain, '--key', f.a.keyPath, '--json']), 'deploy');
    assert.strictEqual(servedThrough('live'), f.a.fingerprint);
    const chain = fs.readFileSync(path.join(root, 'live', 'chain.pem'), 'utf8');
    assert.strictEqual(
      certificateFacts(chain).fingerprint,
      certificateFacts(fs.readFileSync(f.chainPath, 'utf8')).fingerprint,
    );
  });
  it("check still counts a store's live certificate that a completed rotation record calls replaced", () => {
    ok(cli(deployArgs(store, f.soon, '--json')), 'deploy soon');
    const pem = fs.readFileSync(f.soon.certPath, 'utf8');
    const field = (flag: string) =>
      openssl(['x509', '-noout', flag], { input: pem })
        .trim()
        .replace(/^[^=]*=/, '');
    const record = path.join(dir, 'record.json');
    fs.writeFileSync(
      record,
      JSON.stringify({
        version: 1,
        rotations: [
          {
            id: 'svc-2026',
            startedAt: '2026-01-01T09:00:00.000Z',
            completedAt: new Date().toISOString(),
            old: {
              certificatePath: f.soon.certPath,
              fingerprintSha256: f.soon.fingerprint,
              serialNumber: field('-serial'),
              subject: f.soon.subject,
              notAfter: f.soon.notAfter.toISOString(),
              publicKeySha256: createHash('sha256')
                .update(createPublicKey(pem).export({ type: 'spki', format: 'der' }))
                .digest('hex'),
            },
            manual: {},
            new: { fingerprintSha256: f.a.fingerprint },
          },
        ],
      }),
    );
    // The record alone takes the file out of the count; the store says services still read it.
    const file = path.join(dir, 'files');
    fs.mkdirSync(file);
    fs.copyFileSync(f.soon.certPath, path.join(file, 'soon.crt'));
    const gate = cli(['check', file, '--within', '30', '--record', record, '--store', store, '--json']);
    assert.strictEqual(gate.code, 1, gate.stderr);
    const doc = JSON.parse(gate.stdout) as {
      checked: number;
      expiring: Array<Record<string, unknown>>;
      replaced: unknown[];
    };
    assert.strictEqual(doc.checked, 1);
    assert.deepStrictEqual(
      doc.expiring.map((i) => [i.store, i.stage, i.fingerprintSha256]),
      [[store, 'live', f.soon.fingerprint]],
    );
    assert.strictEqual(doc.replaced.length, 1, 'the file copy is listed as replaced');
  });
});
