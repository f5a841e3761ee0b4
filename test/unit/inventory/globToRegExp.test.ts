import * as assert from 'assert';
import { globToRegExp } from '../../../src/core/inventory/globToRegExp';

describe('globToRegExp', () => {
  const cases: Array<[string, string, boolean]> = [
    ['**/*.{pem,crt}', 'a.pem', true],
    ['**/*.{pem,crt}', 'deep/er/a.crt', true],
    ['**/*.{pem,crt}', 'deep/a.key', false],
    ['**/{node_modules,.git}/**', 'node_modules/x/a.pem', true],
    ['**/{node_modules,.git}/**', 'src/node_modules/a.pem', true],
    ['**/{node_modules,.git}/**', 'src/modules/a.pem', false],
    ['certs/*.pem', 'certs/a.pem', true],
    ['certs/*.pem', 'certs/sub/a.pem', false],
    ['certs/?.pem', 'certs/a.pem', true],
    ['certs/[ab].pem', 'certs/b.pem', true],
    ['certs/[!ab].pem', 'certs/b.pem', false],
    ['a+b.pem', 'a+b.pem', true],
    ['a.pem', 'aXpem', false],
  ];
  for (const [glob, path, expected] of cases) {
    it(`${glob} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
      assert.strictEqual(globToRegExp(glob).test(path), expected);
    });
  }
});
