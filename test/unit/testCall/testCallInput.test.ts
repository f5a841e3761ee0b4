import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CoreErrorCode, isCoreError } from '../../../src/core/errors';
import { loadClientCredentials } from '../../../src/core/testCall/loadClientCredentials';
import { runTestCall, TestCallInput } from '../../../src/core/testCall/runTestCall';
import { API_PATHS, closeAllServers, NodeMtlsServer, startNodeMtlsServer } from '../../support/mtlsServers';
import { openssl } from '../../support/openssl';
import { API_KEY, caBundle, pem, sharedPki } from './fixtures';

async function rejectsWith(promise: Promise<unknown>, code: CoreErrorCode, leak?: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isCoreError(error), String(error));
    assert.strictEqual(error.code, code, error.message);
    if (leak !== undefined) assert.ok(!error.message.includes(leak), error.message);
    return true;
  });
}

describe('runTestCall input', function () {
  this.timeout(20_000);
  const pki = sharedPki();
  const passphrase = 'correct horse battery staple';
  let server: NodeMtlsServer;
  let p12: Buffer;
  let encryptedKeyPem: string;

  before(async () => {
    server = await startNodeMtlsServer(pki, { apiKey: API_KEY });
    const p12Path = path.join(pki.dir, 'client.p12');
    openssl([
      'pkcs12',
      '-export',
      '-in',
      pki.client.certPath,
      '-certfile',
      pki.ca.certPath,
      '-inkey',
      pki.client.keyPath,
      '-passout',
      `pass:${passphrase}`,
      '-out',
      p12Path,
    ]);
    p12 = fs.readFileSync(p12Path);
    encryptedKeyPem = openssl(['pkey', '-in', pki.client.keyPath, '-aes256', '-passout', `pass:${passphrase}`]);
  });
  after(closeAllServers);

  const call = (input: Partial<TestCallInput>): Promise<unknown> =>
    runTestCall({
      url: server.url(API_PATHS.cardholders),
      caBundlePem: caBundle(),
      apiKey: API_KEY,
      timeoutMs: 3000,
      ...input,
    });

  it('calls with a PKCS#12 file and its passphrase', async () => {
    const result = await runTestCall({
      url: server.url(API_PATHS.cardholders),
      caBundlePem: caBundle(),
      apiKey: API_KEY,
      pkcs12: p12,
      passphrase,
    });
    assert.strictEqual(result.outcome, 'ok', result.hint);
    assert.strictEqual(result.tls?.clientCertificateSent?.subject, 'O = Test, OU = Payments, CN = program-a');
  });

  it('calls with an encrypted PEM key and its passphrase', async () => {
    const result = await runTestCall({
      url: server.url(API_PATHS.cardholders),
      caBundlePem: caBundle(),
      apiKey: API_KEY,
      certificatePem: pem(pki.client).certificatePem,
      keyPem: encryptedKeyPem,
      passphrase,
    });
    assert.strictEqual(result.outcome, 'ok', result.hint);
  });

  it('refuses unusable input before connecting, with typed errors that never quote the passphrase', async () => {
    const before = server.handshakes;
    await rejectsWith(call({ pkcs12: p12, passphrase: 'wrong horse' }), 'pkcs12-wrong-passphrase', 'wrong horse');
    await rejectsWith(call({ pkcs12: p12 }), 'passphrase-required');
    await rejectsWith(call({ pkcs12: Buffer.from('not a pkcs12 file') }), 'malformed-pkcs12');
    await rejectsWith(
      call({ certificatePem: pem(pki.client).certificatePem, keyPem: encryptedKeyPem }),
      'passphrase-required',
    );
    await rejectsWith(
      call({ certificatePem: pem(pki.client).certificatePem, keyPem: encryptedKeyPem, passphrase: 'wrong horse' }),
      'key-wrong-passphrase',
      'wrong horse',
    );
    await rejectsWith(
      call({ certificatePem: pem(pki.client).certificatePem, keyPem: pem(pki.expiredClient).keyPem }),
      'key-certificate-mismatch',
    );
    await rejectsWith(call({ certificatePem: pem(pki.client).certificatePem }), 'invalid-test-call-input');
    await rejectsWith(call({ keyPem: pem(pki.client).keyPem }), 'invalid-test-call-input');
    await rejectsWith(call({ ...pem(pki.client), pkcs12: p12 }), 'invalid-test-call-input');
    await rejectsWith(call({ certificatePem: 'no pem here', keyPem: pem(pki.client).keyPem }), 'not-pem-or-der');
    await rejectsWith(call({ ...pem(pki.client), timeoutMs: 0 }), 'invalid-test-call-input');
    await rejectsWith(call({ ...pem(pki.client), apiKey: '' }), 'invalid-test-call-input');
    await rejectsWith(call({ url: 'http://127.0.0.1/', ...pem(pki.client) }), 'invalid-url');
    await rejectsWith(call({ url: `https://user:${API_KEY}@127.0.0.1/`, ...pem(pki.client) }), 'invalid-url', API_KEY);
    await rejectsWith(call({ url: 'not a url', ...pem(pki.client) }), 'invalid-url');
    assert.strictEqual(server.handshakes, before);
  });

  it('sends the chain in the PEM file after the leaf', () => {
    const chain = `${pem(pki.client).certificatePem}${fs.readFileSync(pki.ca.certPath, 'utf8')}`;
    const credentials = loadClientCredentials({ certificatePem: chain, keyPem: pem(pki.client).keyPem });
    assert.strictEqual(credentials?.certificateChainPem.match(/BEGIN CERTIFICATE/g)?.length, 2);
    assert.strictEqual(credentials?.certificate.subject.find((a) => a.type === 'CN')?.value, 'program-a');
    assert.match(credentials?.keyPem ?? '', /^-----BEGIN PRIVATE KEY-----/);
    assert.strictEqual(loadClientCredentials({}), undefined);
  });
});
