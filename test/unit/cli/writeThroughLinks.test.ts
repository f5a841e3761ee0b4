import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../support/buildCli';
import { makeCa, makeLeaf, tempDir } from '../../support/openssl';

// The CLI writes beside its inputs (a key, a CSR, a config); a cloned tree's links must not carry those writes
// elsewhere: a link as the name is always refused, a linked folder on the way unless --force.
describe('CLI writes never go through a symbolic link unasked', () => {
  let dir: string;
  let elsewhere: string;
  let config: string;
  let certificate: string;

  before(() => {
    dir = fs.realpathSync(tempDir('mtls-cli-links-'));
    elsewhere = path.join(dir, 'elsewhere');
    fs.mkdirSync(elsewhere);
    const ca = makeCa(path.join(dir, 'ca'), 'Links CA');
    certificate = makeLeaf(ca, path.join(dir, 'leaf'), 'program-a', {
      subject: '/O=Axys Test/CN=program-a.example.com',
      sans: ['DNS:program-a.example.com'],
      notAfter: new Date(Date.now() + 60 * 86_400_000),
    }).certPath;
    config = path.join(dir, 'program-a-openssl.cnf');
    const made = runCli(['new-config', '--from-cert', certificate, '--out', config]);
    assert.strictEqual(made.code, 0, made.stderr);
    fs.symlinkSync(elsewhere, path.join(dir, 'out'));
    fs.symlinkSync(path.join(elsewhere, 'planted.key'), path.join(dir, 'dangling.key'));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const oneLine = (text: string) => assert.strictEqual(text.trimEnd().split('\n').length, 1, text);

  it('generate: a dangling link as --key-out is refused and nothing is created at its target', () => {
    const run = runCli([
      'generate',
      '--config',
      config,
      '--key-out',
      path.join(dir, 'dangling.key'),
      '--csr-out',
      path.join(dir, 'a.csr'),
      '--force',
    ]);
    assert.strictEqual(run.code, 2, run.stdout);
    oneLine(run.stderr);
    assert.ok(!fs.existsSync(path.join(elsewhere, 'planted.key')));
    assert.ok(!fs.existsSync(path.join(dir, 'a.csr')));
  });

  it('generate: a linked folder is refused, naming the real path, and written with --force', () => {
    const key = path.join(dir, 'out', 'new.key');
    const csr = path.join(dir, 'out', 'new.csr');
    const refused = runCli(['generate', '--config', config, '--key-out', key, '--csr-out', csr]);
    assert.strictEqual(refused.code, 2, refused.stdout);
    oneLine(refused.stderr);
    assert.match(
      refused.stderr,
      new RegExp(`real path is ${path.join(elsewhere, 'new.key').replace(/[.]/g, '\\.')}.*--force`),
    );
    assert.deepStrictEqual(
      fs.readdirSync(elsewhere).filter((f) => f !== 'planted.key'),
      [],
    );
    const forced = runCli(['generate', '--config', config, '--key-out', key, '--csr-out', csr, '--force']);
    assert.strictEqual(forced.code, 0, forced.stderr);
    assert.strictEqual(fs.statSync(path.join(elsewhere, 'new.key')).mode & 0o777, 0o600);
  });

  it('new-config --out: a link is refused, a linked folder needs --force', () => {
    fs.symlinkSync(path.join(elsewhere, 'victim.cnf'), path.join(dir, 'link.cnf'));
    const link = runCli(['new-config', '--from-cert', certificate, '--out', path.join(dir, 'link.cnf'), '--force']);
    assert.strictEqual(link.code, 2, link.stdout);
    oneLine(link.stderr);
    assert.ok(!fs.existsSync(path.join(elsewhere, 'victim.cnf')));
    const folder = runCli(['new-config', '--from-cert', certificate, '--out', path.join(dir, 'out', 'request.cnf')]);
    assert.strictEqual(folder.code, 2);
    assert.match(folder.stderr, /lies under a symbolic link/);
    const forced = runCli([
      'new-config',
      '--from-cert',
      certificate,
      '--out',
      path.join(dir, 'out', 'request.cnf'),
      '--force',
    ]);
    assert.strictEqual(forced.code, 0, forced.stderr);
    assert.ok(fs.existsSync(path.join(elsewhere, 'request.cnf')));
  });
});
