import * as assert from 'assert';
import { rotationLabel } from '../../../src/core/rotation/rotationLabel';
import { formatName } from '../../../src/core/x509/formatName';

describe('rotationLabel', () => {
  it("is the subject's CN, as formatName writes it and as openssl prints it without spaces", () => {
    assert.strictEqual(
      rotationLabel(
        formatName([
          { type: 'O', value: 'Test' },
          { type: 'OU', value: 'Payments' },
          { type: 'CN', value: 'program-a' },
        ]),
      ),
      'program-a',
    );
    assert.strictEqual(rotationLabel('O=Test, OU=Payments, CN=program-a'), 'program-a');
    assert.strictEqual(rotationLabel('CN = program-b, O = Test'), 'program-b');
  });

  it('keeps an escaped comma inside a value', () => {
    assert.strictEqual(rotationLabel('O = Axys\\, Ltd, CN = pay\\, east'), 'pay, east');
  });

  it('falls back to the last attribute, then to the subject itself', () => {
    assert.strictEqual(rotationLabel('O = Test, OU = Payments'), 'Payments');
    assert.strictEqual(rotationLabel('program-c'), 'program-c');
    assert.strictEqual(rotationLabel(''), '');
  });
});
