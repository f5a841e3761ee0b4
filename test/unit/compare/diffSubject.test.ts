import * as assert from 'assert';
import { diffSubject } from '../../../src/core/compare/diffSubject';
import { NameAttribute } from '../../../src/core/model';

const name = (...pairs: string[]): NameAttribute[] =>
  pairs.map((p) => {
    const eq = p.indexOf('=');
    return { type: p.slice(0, eq), value: p.slice(eq + 1) };
  });

describe('diffSubject', () => {
  it('matches attribute types by OID, whichever way they are named', () => {
    const diff = diffSubject(
      name('O=Test', '2.5.4.11=Payments', 'emailAddress=a@x.example'),
      name('O=Test', 'OU=Payments', '1.2.840.113549.1.9.1=a@x.example'),
    );
    assert.deepStrictEqual([diff.changed, diff.missing, diff.extra, diff.reordered], [[], [], [], false]);
  });

  it('ignores case in the domain of an emailAddress only', () => {
    assert.deepStrictEqual(
      diffSubject(name('emailAddress=Ops@Example.COM'), name('emailAddress=Ops@example.com')).changed,
      [],
    );
    const local = diffSubject(name('emailAddress=Ops@example.com'), name('emailAddress=ops@example.com'));
    assert.deepStrictEqual(
      local.changed.map((c) => [c.type, c.oldValue, c.newValue, c.caseOnly]),
      [['emailAddress', 'Ops@example.com', 'ops@example.com', true]],
    );
    assert.strictEqual(diffSubject(name('CN=Client'), name('CN=client')).changed.length, 1);
  });

  it('compares repeated attributes as multisets and pairs what is left over', () => {
    const same = diffSubject(name('OU=a', 'OU=b', 'CN=x'), name('CN=x', 'OU=b', 'OU=a'));
    assert.deepStrictEqual([same.changed, same.missing, same.extra, same.reordered], [[], [], [], true]);
    const diff = diffSubject(name('OU=a', 'OU=b', 'OU=c', 'CN=x'), name('OU=b', 'OU=z', 'CN=x'));
    assert.deepStrictEqual(
      diff.changed.map((c) => [c.type, c.oldValue, c.newValue]),
      [['OU', 'a', 'z']],
    );
    assert.deepStrictEqual(diff.missing, [{ type: 'OU', value: 'c' }]);
    assert.deepStrictEqual(diff.extra, []);
  });

  it('does not call a subject reordered when it also differs', () => {
    assert.strictEqual(diffSubject(name('O=a', 'CN=x'), name('CN=y', 'O=a')).reordered, false);
  });

  it('treats Unicode normalisation forms as one value', () => {
    assert.deepStrictEqual(diffSubject(name('O=Caf\u00e9'), name('O=Cafe\u0301')).changed, []);
  });
});
