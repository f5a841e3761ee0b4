// A service reading the directory store while it switches; run as a separate process by the concurrency test
// (never by mocha). argv[2]: the store folder (<dir>/<name>). Reads in a loop until its stdin closes, then
// prints {"reads","failures","straddled","seen"} as JSON.
import { createPrivateKey, createPublicKey, X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

const root = process.argv[2];
const failures: string[] = [];
const seen = new Set<string>();
let reads = 0;
let straddled = 0;
let stopping = false;

function publicKeyOfCert(pem: string): string {
  return new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' }).toString('hex');
}

function publicKeyOfKey(pem: string): string {
  return createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'der' }).toString('hex');
}

function once(): void {
  reads++;
  // 1. As a careful service does (and the store's own read): resolve live once, open both files in that folder.
  try {
    const generation = fs.realpathSync(path.join(root, 'live'));
    const cert = fs.readFileSync(path.join(generation, 'cert.pem'), 'utf8');
    const key = fs.readFileSync(path.join(generation, 'key.pem'), 'utf8');
    const certKey = publicKeyOfCert(cert);
    if (certKey !== publicKeyOfKey(key)) failures.push(`mismatched pair in ${generation}`);
    seen.add(new X509Certificate(cert).fingerprint256);
  } catch (error) {
    failures.push(`resolved read: ${(error as Error).message}`);
  }
  // 2. Through the link, file by file: each file must always be there and complete. A switch between the two
  //    opens can hand this reader halves of two complete generations (the consumer's own race, counted apart).
  try {
    const cert = fs.readFileSync(path.join(root, 'live', 'cert.pem'), 'utf8');
    const key = fs.readFileSync(path.join(root, 'live', 'key.pem'), 'utf8');
    if (publicKeyOfCert(cert) !== publicKeyOfKey(key)) straddled++;
  } catch (error) {
    failures.push(`read through the link: ${(error as Error).message}`);
  }
}

function loop(): void {
  for (let i = 0; i < 20; i++) once();
  if (reads === 20) process.stdout.write('ready\n');
  if (!stopping) setImmediate(loop);
}

process.stdin.on('data', () => undefined);
process.stdin.on('end', () => {
  stopping = true;
  process.stdout.write(
    JSON.stringify({
      reads,
      failures: failures.slice(0, 20),
      failureCount: failures.length,
      straddled,
      seen: [...seen],
    }) + '\n',
  );
  process.exit(0);
});
loop();
