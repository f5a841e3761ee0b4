// Builds the fixture workspace the integration tests open: certificates at known distances from expiry,
// their keys and CSRs, orphans, a CA bundle and broken files. Made by openssl, relative to the real clock,
// because the extension host runs on the real clock.
import * as fs from 'fs';
import * as path from 'path';
import { daysFromNow, makeCa, makeCsr, makeKey, makeLeaf } from '../support/openssl';

export const FIXTURE = {
  dueSoon: 'certs/program-a.crt', // 12 days left: due-15
  healthy: 'certs/program-b.crt', // EC, 200 days left: ok
  expired: 'certs/legacy.crt', // expired 3 days ago
  caBundle: 'ca/ca-chain.pem', // two CA certificates in one file
  orphanKey: 'keys/orphan.key',
  goodConfig: 'configs/program-a-openssl.cnf',
  brokenConfig: 'configs/broken-openssl.cnf',
  orphanCsr: 'requests/program-c.csr',
  garbage: 'broken/garbage.crt',
  truncated: 'broken/truncated.pem',
} as const;

export const GOOD_CONFIG = [
  "# Request config for program-a, as the provider's rotation guide uses it",
  '[ req ]',
  'prompt = no',
  'default_bits = 2048',
  'default_md = sha256',
  'distinguished_name = dn',
  'req_extensions = req_ext',
  '',
  '[ dn ]',
  'O = Axys Test',
  'OU = Program A',
  'CN = program-a.example.com',
  '',
  '[ req_ext ]',
  'subjectAltName = @alt_names',
  '',
  '[ alt_names ]',
  'DNS.1 = program-a.example.com',
  'IP.1 = 203.0.113.10',
  '',
].join('\n');

/** A misspelt field (`OrganisationName`) and a distinguished_name pointing at a section that does not exist. */
export const BROKEN_CONFIG = [
  '[ req ]',
  'prompt = no',
  'distinguished_name = subject',
  'req_extensions = req_ext',
  '',
  '[ req_ext ]',
  'subjectAltName = DNS:program-b.example.com, IP:203.0.113.300',
  '',
].join('\n');

export function prepareWorkspace(dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const scratch = path.join(dir, '.scratch');
  const root = makeCa(path.join(scratch, 'root'), 'Fixture Root CA');
  const other = makeCa(path.join(scratch, 'other'), 'Fixture Issuing CA', { key: { type: 'ec' } });

  const a = makeLeaf(root, path.join(dir, 'certs'), 'program-a', {
    subject: '/O=Axys Test/OU=Program A/CN=program-a.example.com',
    sans: ['DNS:program-a.example.com', 'IP:203.0.113.10'],
    notBefore: daysFromNow(-78),
    notAfter: daysFromNow(12.5),
  });
  fs.rmSync(a.csrPath);
  const b = makeLeaf(root, path.join(dir, 'certs'), 'program-b', {
    subject: '/O=Axys Test/OU=Program B/CN=program-b.example.com',
    sans: ['DNS:program-b.example.com'],
    notAfter: daysFromNow(200.5),
    key: { type: 'ec' },
  });
  fs.rmSync(b.csrPath);
  const legacy = makeLeaf(other, path.join(dir, 'certs'), 'legacy', {
    subject: '/O=Axys Test/OU=Legacy/CN=legacy.example.com',
    notBefore: daysFromNow(-93),
    notAfter: daysFromNow(-2.5),
  });
  fs.rmSync(legacy.csrPath);

  // A renewal in progress for program-a: a new key with its CSR, next to the old certificate.
  const newKey = makeKey(path.join(dir, 'certs', 'program-a-new.key'));
  makeCsr(newKey, path.join(dir, 'certs', 'program-a-new.csr'), '/O=Axys Test/OU=Program A/CN=program-a.example.com', [
    'DNS:program-a.example.com',
    'IP:203.0.113.10',
  ]);

  fs.mkdirSync(path.join(dir, 'ca'));
  fs.writeFileSync(
    path.join(dir, FIXTURE.caBundle),
    fs.readFileSync(root.certPath, 'utf8') + fs.readFileSync(other.certPath, 'utf8'),
  );

  fs.mkdirSync(path.join(dir, 'keys'));
  makeKey(path.join(dir, FIXTURE.orphanKey), { type: 'ec' });
  fs.mkdirSync(path.join(dir, 'requests'));
  const cKey = makeKey(path.join(scratch, 'program-c.key'));
  makeCsr(cKey, path.join(dir, FIXTURE.orphanCsr), '/O=Axys Test/OU=Program C/CN=program-c.example.com');

  fs.mkdirSync(path.join(dir, 'broken'));
  fs.writeFileSync(path.join(dir, FIXTURE.garbage), 'this is not a certificate\n');
  const pem = fs.readFileSync(path.join(dir, FIXTURE.healthy), 'utf8');
  fs.writeFileSync(path.join(dir, FIXTURE.truncated), pem.slice(0, Math.floor(pem.length / 2)));

  fs.mkdirSync(path.join(dir, 'configs'));
  fs.writeFileSync(path.join(dir, FIXTURE.goodConfig), GOOD_CONFIG);
  fs.writeFileSync(path.join(dir, FIXTURE.brokenConfig), BROKEN_CONFIG);

  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, '.vscode'));
  fs.writeFileSync(path.join(dir, 'README.md'), '# Fixture workspace for mtls-rotation integration tests\n');
  return dir;
}

if (require.main === module) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: prepareWorkspace DIR');
    process.exit(2);
  }
  prepareWorkspace(path.resolve(target));
  console.log(`fixture workspace ready at ${path.resolve(target)}`);
}
