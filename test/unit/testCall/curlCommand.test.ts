import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { isCoreError } from '../../../src/core/errors';
import { curlCommand } from '../../../src/core/testCall/curlCommand';

describe('curlCommand', () => {
  it("reads like the guide's Step 4, with the key as a variable", () => {
    assert.strictEqual(
      curlCommand({
        url: 'https://production.api.axyscards.com/v2/cardholders',
        certificatePath: 'program-a-new.crt',
        keyPath: 'program-a-new.key',
      }),
      'curl --cert program-a-new.crt --key program-a-new.key -H "X-API-Key: $API_KEY" https://production.api.axyscards.com/v2/cardholders',
    );
  });

  it('adds the CA bundle, the timeout and another variable name', () => {
    assert.strictEqual(
      curlCommand({
        url: 'https://api.example/v2/x?a=1&b=2',
        certificatePath: 'c.pem',
        keyPath: 'k.pem',
        caBundlePath: 'ca.pem',
        apiKeyEnv: 'MTLS_API_KEY',
        timeoutMs: 2500,
      }),
      'curl --cert c.pem --key k.pem --cacert ca.pem -H "X-API-Key: $MTLS_API_KEY" --max-time 2.5 \'https://api.example/v2/x?a=1&b=2\'',
    );
  });

  it('quotes paths for a POSIX shell and escapes colons curl would read as a password', () => {
    const command = curlCommand({
      url: 'https://api.example/',
      certificatePath: "/certs/it's here:now.crt",
      keyPath: '/certs/my key.pem',
    });
    assert.strictEqual(
      command,
      "curl --cert '/certs/it'\\''s here\\:now.crt' --key '/certs/my key.pem' -H \"X-API-Key: $API_KEY\" https://api.example/",
    );
    // The shell gives curl exactly these words.
    const words = execFileSync(
      'sh',
      ['-c', `set -- ${command.slice('curl '.length)}; for w; do printf '%s\\n' "$w"; done`],
      { encoding: 'utf8', env: { API_KEY: 'k' } },
    );
    assert.deepStrictEqual(words.trimEnd().split('\n'), [
      '--cert',
      "/certs/it's here\\:now.crt",
      '--key',
      '/certs/my key.pem',
      '-H',
      'X-API-Key: k',
      'https://api.example/',
    ]);
  });

  it('a PKCS#12 file takes its passphrase from a variable too', () => {
    assert.strictEqual(
      curlCommand({ url: 'https://api.example/', pkcs12Path: 'client.p12', passphraseEnv: 'P12_PASS' }),
      'curl --cert-type P12 --cert client.p12:"$P12_PASS" -H "X-API-Key: $API_KEY" https://api.example/',
    );
  });

  it('refuses variable names a shell would not expand, and bad URLs', () => {
    assert.throws(
      () => curlCommand({ url: 'https://api.example/', apiKeyEnv: 'X; rm -rf /' }),
      (e: unknown) => isCoreError(e) && e.code === 'invalid-test-call-input',
    );
    assert.throws(
      () => curlCommand({ url: 'http://api.example/' }),
      (e: unknown) => isCoreError(e) && e.code === 'invalid-url',
    );
  });
});
