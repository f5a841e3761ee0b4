import * as assert from 'assert';
import { escapeControlCharacters } from '../../../src/core/text/escapeControlCharacters';

describe('escapeControlCharacters', () => {
  it('writes out C0 controls, DEL and C1 controls, newline, return and tab by name', () => {
    assert.strictEqual(
      escapeControlCharacters('a\x1b[2Jb\nc\rd\te\x00f\x7fg\x9bh\x85i'),
      'a\\x1b[2Jb\\nc\\rd\\te\\x00f\\x7fg\\x9bh\\x85i',
    );
  });

  it('leaves printable text alone, including non-ASCII letters, backslashes and characters past U+009F', () => {
    const text = 'Zürich Ōsaka 東京 C:\\certs\\a.pem \u00a0\u00ff\u2028 😀';
    assert.strictEqual(escapeControlCharacters(text), text);
  });

  it('escapes every code point from U+0000 to U+001F and U+007F to U+009F, and nothing else below U+0100', () => {
    for (let code = 0; code < 0x100; code++) {
      const out = escapeControlCharacters(String.fromCharCode(code));
      const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
      assert.strictEqual(out !== String.fromCharCode(code), control, code.toString(16));
      if (control) assert.match(out, /^\\(x[0-9a-f]{2}|[nrt])$/);
    }
  });
});
