import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { openDirectoryStore } from '../../../../src/core/stores/directory/openDirectoryStore';
import { tempDir } from '../../../support/openssl';
import { FixturePair, makePairs, opensslFingerprint } from './directoryFixtures';

// The "reload": a node program that records its arguments and which certificate live held when it ran.
const RECORDER = `
const fs = require('fs');
const [out, code, ...rest] = process.argv.slice(1);
fs.writeFileSync(out, JSON.stringify({ args: rest, cwd: process.cwd(), live: fs.readFileSync('live/cert.pem', 'utf8') }));
process.exit(Number(code));
`;

describe('directory store: the reload command', function () {
  let fixtures: string;
  let pairs: FixturePair[];
  let dir: string;
  let root: string;
  let recorded: string;

  before(() => {
    fixtures = tempDir('mtls-dirreload-fixtures-');
    pairs = makePairs(fixtures, 2);
  });
  after(() => fs.rmSync(fixtures, { recursive: true, force: true }));
  beforeEach(() => {
    dir = tempDir('mtls-dirreload-');
    root = path.join(dir, 'api');
    recorded = path.join(dir, 'recorded.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const open = (reloadCommand: string[]) =>
    openDirectoryStore({ kind: 'directory', directory: dir, name: 'api', reloadCommand });

  it('runs after promote and rollback without a shell: metacharacters reach it literally', async () => {
    const hostile = ['a; touch pwned1', '$(touch pwned2)', '`touch pwned3`', '*', '$HOME', 'it\'s "quoted"'];
    const command = [process.execPath, '-e', RECORDER, recorded, '0', ...hostile];
    const store = open(command);
    const staged = await store.stage(pairs[0].pair);
    assert.strictEqual(staged.reload, undefined, 'no reload when nothing switched');
    assert.ok(!fs.existsSync(recorded));
    await store.stage(pairs[1].pair);

    const promoted = await store.promote();
    assert.deepStrictEqual(promoted.reload, { command, exitCode: 0 });
    const afterPromote = JSON.parse(fs.readFileSync(recorded, 'utf8'));
    assert.deepStrictEqual(afterPromote.args, hostile);
    assert.strictEqual(afterPromote.live, pairs[1].pair.certificatePem, 'it ran after the switch');
    assert.strictEqual(afterPromote.cwd, fs.realpathSync(root));
    for (const name of ['pwned1', 'pwned2', 'pwned3'])
      for (const where of [root, dir, process.cwd()]) assert.ok(!fs.existsSync(path.join(where, name)));

    fs.rmSync(recorded);
    const back = await store.rollback();
    assert.deepStrictEqual(back.reload, { command, exitCode: 0 });
    assert.strictEqual(JSON.parse(fs.readFileSync(recorded, 'utf8')).live, pairs[0].pair.certificatePem);
  });

  it('reports a non-zero exit status, and the switch stands', async () => {
    const command = [process.execPath, '-e', RECORDER, recorded, '3'];
    const store = open(command);
    await store.stage(pairs[0].pair);
    await store.stage(pairs[1].pair);
    const promoted = await store.promote();
    assert.deepStrictEqual(promoted.reload, { command, exitCode: 3 });
    assert.strictEqual(promoted.current, pairs[1].fingerprint);
    assert.strictEqual(opensslFingerprint(path.join(root, 'live', 'cert.pem')), pairs[1].fingerprint);
  });

  it('reports a command that cannot be started, and the switch stands', async () => {
    const command = [path.join(dir, 'no-such-reload'), 'x'];
    const store = open(command);
    await store.stage(pairs[0].pair);
    await store.stage(pairs[1].pair);
    const promoted = await store.promote();
    assert.strictEqual(promoted.reload?.exitCode, null);
    assert.match(promoted.reload?.error ?? '', /ENOENT/);
    assert.strictEqual(opensslFingerprint(path.join(root, 'live', 'cert.pem')), pairs[1].fingerprint);
  });

  it('reports the signal of a command killed for running too long', async () => {
    const command = [process.execPath, '-e', 'setTimeout(() => {}, 600000)'];
    const store = openDirectoryStore(
      { kind: 'directory', directory: dir, name: 'api', reloadCommand: command },
      { reloadTimeoutMs: 200 },
    );
    await store.stage(pairs[0].pair);
    await store.stage(pairs[1].pair);
    const promoted = await store.promote();
    assert.deepStrictEqual(promoted.reload, { command, exitCode: null, signal: 'SIGTERM' });
  });
});
