import * as assert from 'assert';
import { displayName } from '../../../src/core/x509/formatName';

describe('displayName', () => {
  it('is the CN when the subject has one, wherever it stands', () => {
    assert.strictEqual(
      displayName([
        { type: 'CN', value: 'program-a.example.com' },
        { type: 'O', value: 'Axys' },
      ]),
      'program-a.example.com',
    );
  });

  it('is the whole subject, as openssl prints it, when there is no CN', () => {
    const name = displayName([
      { type: 'O', value: 'Axys' },
      { type: 'OU', value: 'Payments' },
    ]);
    assert.match(name, /O\s*=\s*Axys/);
    assert.match(name, /OU\s*=\s*Payments/);
  });
});
