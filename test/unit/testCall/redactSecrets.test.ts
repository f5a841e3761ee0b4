import * as assert from 'assert';
import { bodyPreview } from '../../../src/core/testCall/bodyPreview';
import { dropTrailingSecretPrefix, redactAllStrings, redactSecrets } from '../../../src/core/testCall/redactSecrets';

describe('redactSecrets', () => {
  const key = 'sk_live_"quoted"&<key>/+';

  it('replaces every occurrence, raw, JSON-escaped, percent-encoded and HTML-escaped', () => {
    const text = [
      `X-API-Key: ${key}`,
      JSON.stringify({ 'x-api-key': key }),
      `?api_key=${encodeURIComponent(key)}`,
      `<td>${key.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</td>`,
      `twice: ${key}${key}`,
    ].join('\n');
    const redacted = redactSecrets(text, [key]);
    assert.ok(!redacted.includes('sk_live'), redacted);
    assert.strictEqual(redacted.split('[REDACTED]').length - 1, 6);
  });

  it('ignores empty and missing secrets', () => {
    assert.strictEqual(redactSecrets('abc', ['', undefined]), 'abc');
  });

  it('replaces the longer of two overlapping secrets whole', () => {
    assert.strictEqual(redactSecrets('pass=abcdef', ['abc', 'abcdef']), 'pass=[REDACTED]');
  });

  it('walks objects and arrays, keys included', () => {
    const value = { a: ['x secret y', 3, null, { secret: true }], b: 'secret' };
    assert.deepStrictEqual(redactAllStrings(value, ['secret']), {
      a: ['x [REDACTED] y', 3, null, { '[REDACTED]': true }],
      b: '[REDACTED]',
    });
  });

  it('drops the beginning of a secret left at the end of text cut at a limit', () => {
    assert.strictEqual(dropTrailingSecretPrefix('header: sk_li', ['sk_live_123']), 'header: ');
    assert.strictEqual(dropTrailingSecretPrefix('nothing here', ['sk_live_123']), 'nothing here');
  });
});

describe('bodyPreview', () => {
  const secrets = ['sk_live_123'];

  it('returns a short complete body as it is, redacted', () => {
    assert.strictEqual(
      bodyPreview('{"k":"sk_live_123"}', { complete: true, bytesRead: 19, secrets }),
      '{"k":"[REDACTED]"}',
    );
  });

  it('cuts a long body with a note saying so', () => {
    const preview = bodyPreview('a'.repeat(3000), { complete: true, bytesRead: 3000, secrets });
    assert.strictEqual(preview, `${'a'.repeat(2048)}\n… [truncated: showing 2048 of 3000 characters]`);
  });

  it('redacts before cutting, and never shows the part of a secret left by the read limit', () => {
    const preview = bodyPreview('sk_live_123 and sk_live_1', { complete: false, bytesRead: 25, secrets, limit: 100 });
    assert.strictEqual(
      preview,
      '[REDACTED] and \n… [truncated: showing 15 characters; reading stopped after 25 bytes]',
    );
    const cut = bodyPreview('x'.repeat(10) + 'sk_live_123', { complete: true, bytesRead: 21, secrets, limit: 14 });
    assert.ok(!cut.includes('sk_'), cut);
  });
});
