import * as assert from 'assert';
import { createHash, createPublicKey } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { buildCli, runCli } from '../../support/buildCli';
import { daysFromNow, makeCa, makeLeaf, openssl, tempDir } from '../../support/openssl';

/** What the record keeps of a certificate, as openssl prints it (the oracle), not as the product reads it. */
function facts(certPath: string) {
  const field = (...flags: string[]) =>
    openssl(['x509', '-in', certPath, '-noout', ...flags])
      .trim()
      .replace(/^[^=]*=/, '');
  const pem = fs.readFileSync(certPath, 'utf8');
  return {
    fingerprintSha256: field('-fingerprint', '-sha256'),
    serialNumber: field('-serial'),
    subject: field('-subject').trim(),
    notAfter: new Date(field('-enddate')).toISOString(),
    publicKeySha256: createHash('sha256')
      .update(createPublicKey(pem).export({ type: 'spki', format: 'der' }))
      .digest('hex'),
  };
}

function writeRecord(dir: string, oldCert: string, newCert: string, completed: boolean): string {
  const old = facts(oldCert);
  const fresh = facts(newCert);
  const record = {
    version: 1,
    rotations: [
      {
        id: 'program-a-2026-01-01',
        startedAt: '2026-01-01T09:00:00.000Z',
        old: { certificatePath: path.relative(dir, oldCert), ...old },
        manual: {},
        new: { fingerprintSha256: fresh.fingerprintSha256 },
        ...(completed ? { completedAt: new Date().toISOString() } : {}),
      },
    ],
  };
  const file = path.join(dir, '.vscode', 'mtls-rotation.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(record, null, 2));
  return file;
}

interface CheckJson {
  checked: number;
  expiring: Array<{ path: string }>;
  replaced: Array<{
    path: string;
    replacedBy: { fingerprintSha256: string; serialNumber?: string; notAfter?: string };
  }>;
}

describe('CLI check with a completed rotation', function () {
  this.timeout(60_000);
  let dir: string;
  let oldCert: string;
  let newCert: string;

  before(() => {
    buildCli();
    const root = tempDir('mtls-check-replaced-');
    const ca = makeCa(path.join(root, 'ca'), 'ca');
    dir = path.join(root, 'ws');
    const subject = '/O=Test/OU=Payments/CN=program-a';
    oldCert = makeLeaf(ca, path.join(dir, 'certs'), 'program-a', { subject, notAfter: daysFromNow(20) }).certPath;
    newCert = makeLeaf(ca, path.join(dir, 'certs'), 'program-a-new', { subject, notAfter: daysFromNow(90) }).certPath;
  });

  beforeEach(() => {
    fs.rmSync(path.join(dir, '.vscode'), { recursive: true, force: true });
    fs.rmSync(path.join(dir, 'certificate-register.json'), { force: true });
  });

  it('exits 1 before the rotation completes and 0 after, listing the replaced certificate apart', () => {
    const before = runCli(['check', dir, '--within', '30', '--json']);
    assert.strictEqual(before.code, 1, before.stdout + before.stderr);
    const beforeDoc = JSON.parse(before.stdout) as CheckJson;
    assert.deepStrictEqual(
      beforeDoc.expiring.map((c) => c.path),
      [oldCert],
    );
    assert.deepStrictEqual(beforeDoc.replaced, []);

    // A rotation still in progress changes nothing: the old certificate is due until the rotation ends.
    writeRecord(dir, oldCert, newCert, false);
    assert.strictEqual(runCli(['check', dir, '--within', '30']).code, 1);

    writeRecord(dir, oldCert, newCert, true);
    const after = runCli(['check', dir, '--within', '30', '--json']);
    assert.strictEqual(after.code, 0, after.stdout + after.stderr);
    const doc = JSON.parse(after.stdout) as CheckJson;
    assert.deepStrictEqual(doc.expiring, []);
    assert.strictEqual(doc.checked, 1, 'only the new certificate is counted');
    assert.deepStrictEqual(
      doc.replaced.map((r) => [r.path, r.replacedBy.fingerprintSha256]),
      [[oldCert, facts(newCert).fingerprintSha256]],
    );

    const table = runCli(['check', dir, '--within', '30']);
    assert.strictEqual(table.code, 0, table.stdout + table.stderr);
    assert.match(table.stdout, /^No certificate expires within 30 day\(s\) \(1 checked\)\.\n/);
    assert.match(table.stdout, /1 replaced certificate\(s\), not counted:\n/);
    assert.ok(table.stdout.includes(oldCert), table.stdout);
    assert.match(table.stdout, /replaced by SHA-256 [0-9a-f]{11}…/);
  });

  it('reads a register on its own, with the new certificate described from it', () => {
    const fresh = facts(newCert);
    const old = facts(oldCert);
    const register = {
      version: 1,
      certificates: [
        {
          name: 'program-a',
          subject: 'O = Test, OU = Payments, CN = program-a',
          subjectAltNames: [],
          serialNumber: fresh.serialNumber,
          fingerprintSha256: fresh.fingerprintSha256,
          issuedAt: '2026-01-01T00:00:00.000Z',
          expiresAt: fresh.notAfter,
          replaces: {
            fingerprintSha256: old.fingerprintSha256,
            serialNumber: old.serialNumber,
            replacedAt: '2026-01-02T00:00:00.000Z',
          },
        },
      ],
    };
    fs.writeFileSync(path.join(dir, 'certificate-register.json'), JSON.stringify(register));
    const run = runCli(['check', dir, '--within', '30']);
    assert.strictEqual(run.code, 0, run.stdout + run.stderr);
    assert.ok(
      run.stdout.includes(
        `replaced by program-a (serial ${fresh.serialNumber}, expires ${fresh.notAfter.slice(0, 10)})`,
      ),
      run.stdout,
    );
  });

  it('takes --record and --register for a PATH that is a file, and refuses a missing one (exit 2)', () => {
    const elsewhere = path.join(tempDir('mtls-check-record-'), 'record');
    const record = writeRecord(elsewhere, oldCert, newCert, true);
    assert.strictEqual(runCli(['check', oldCert, '--within', '30']).code, 1);
    assert.strictEqual(runCli(['check', oldCert, '--within', '30', '--record', record]).code, 0);
    const missing = runCli(['check', oldCert, '--within', '30', '--register', path.join(elsewhere, 'nope.json')]);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /nope\.json/);
  });

  it('exits 2 on a broken record, naming the file and the place in it', () => {
    const file = writeRecord(dir, oldCert, newCert, true);
    fs.writeFileSync(file, '{\n  "version": 1,\n  "rotations": [ { "id": "x" } ]\n}\n');
    const run = runCli(['check', dir, '--within', '30']);
    assert.strictEqual(run.code, 2, run.stdout);
    assert.strictEqual(run.stderr.split('\n').filter(Boolean).length, 1, run.stderr);
    assert.ok(run.stderr.includes(file), run.stderr);
    assert.match(run.stderr, /rotation record at line 3/);
    assert.strictEqual(run.stdout, '', 'nothing is checked against a record that cannot be read');
  });
});
