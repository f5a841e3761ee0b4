import * as assert from 'assert';
import { opensslEquivalent } from '../../../src/core/generate/opensslEquivalent';
import { shellQuote } from '../../../src/core/text/shellQuote';

describe('opensslEquivalent', () => {
  it("gives the rotation guide's three commands", () => {
    assert.strictEqual(
      opensslEquivalent({
        keyPath: 'program-a-new.key',
        csrPath: 'program-a-new.csr',
        configPath: 'program-a-openssl.cnf',
      }),
      [
        'openssl genrsa -out program-a-new.key 2048',
        'openssl req -new -key program-a-new.key -out program-a-new.csr -config program-a-openssl.cnf',
        'openssl req -in program-a-new.csr -noout -text -verify',
        '',
      ].join('\n'),
    );
  });

  it('quotes paths for the shell and names a section other than req', () => {
    const text = opensslEquivalent({
      keyPath: 'my keys/new.key',
      csrPath: "it's.csr",
      configPath: 'a.cnf',
      bits: 3072,
      section: 'renewal',
    });
    assert.match(text, /^openssl genrsa -out 'my keys\/new\.key' 3072$/m);
    assert.match(
      text,
      /^openssl req -new -key 'my keys\/new\.key' -out 'it'\\''s\.csr' -config a\.cnf -section renewal$/m,
    );
    assert.strictEqual(shellQuote('$HOME'), "'$HOME'");
    assert.strictEqual(shellQuote('a/b-c.key'), 'a/b-c.key');
  });
});
