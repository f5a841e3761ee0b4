import * as assert from 'assert';
import { generationName } from '../../../src/core/stores/preparePair';
import { pickGenerationName, NameHolder } from '../../../src/core/stores/pickGenerationName';

describe('generation names', () => {
  const notAfter = '2027-03-01T12:00:00.000Z';

  it('pads a short serial on the left, so 0x1000 and 0x10000000 get different names', () => {
    assert.strictEqual(generationName({ notAfter, serialNumber: '1000' }), '2027-03-01-00001000');
    assert.strictEqual(generationName({ notAfter, serialNumber: '10000000' }), '2027-03-01-10000000');
    assert.strictEqual(generationName({ notAfter, serialNumber: '0A:1B:2C:3D:4E:5F' }), '2027-03-01-0a1b2c3d');
  });

  it('reuses the name holding the same certificate, even under a suffix, and otherwise takes the first free one', async () => {
    const holders = (table: Record<string, NameHolder>) => (name: string) => Promise.resolve(table[name] ?? 'absent');
    assert.deepStrictEqual(await pickGenerationName('g', holders({}), 's'), { name: 'g', exists: false });
    assert.deepStrictEqual(await pickGenerationName('g', holders({ g: 'other' }), 's'), { name: 'g-2', exists: false });
    assert.deepStrictEqual(await pickGenerationName('g', holders({ 'g-2': 'same' }), 's'), {
      name: 'g-2',
      exists: true,
    });
    const full: Record<string, NameHolder> = { g: 'other' };
    for (let i = 2; i <= 9; i++) full[`g-${i}`] = 'other';
    await assert.rejects(pickGenerationName('g', holders(full), 'store X'), /store X: .*is ever overwritten/);
  });
});
