import * as assert from 'assert';
import { decodeStoredPair, encodeStoredPair } from '../../../../src/core/stores/storedPairJson';
import { FieldPresetName } from '../../../../src/core/stores/storeSpec';
import { Fixtures, makeFixtures } from './awsStoreFixtures';

describe('storedPairJson: one JSON object per generation, field names by preset', () => {
  let fx: Fixtures;
  before(function () {
    this.timeout(30_000);
    fx = makeFixtures();
  });

  for (const preset of ['default', 'vault-pki', 'kubernetes'] as FieldPresetName[]) {
    it(`${preset}: round trip with and without chain and CA`, () => {
      const full = { ...fx.pairs[0].pair, chainPem: fx.pairs[1].pair.certificatePem + fx.pairs[2].pair.certificatePem };
      assert.deepStrictEqual(decodeStoredPair(encodeStoredPair(full, preset), preset, 'x'), full);
      const bare = { certificatePem: fx.pairs[0].pair.certificatePem, privateKeyPem: fx.pairs[0].pair.privateKeyPem };
      assert.deepStrictEqual(decodeStoredPair(encodeStoredPair(bare, preset), preset, 'x'), bare);
    });
  }

  it('vault-pki writes ca_chain as a list, and reads a plain string too', () => {
    const pair = { ...fx.pairs[0].pair, chainPem: fx.pairs[1].pair.certificatePem + fx.pairs[2].pair.certificatePem };
    const json = JSON.parse(encodeStoredPair(pair, 'vault-pki')) as Record<string, unknown>;
    assert.deepStrictEqual(json.ca_chain, [fx.pairs[1].pair.certificatePem, fx.pairs[2].pair.certificatePem]);
    const asString = JSON.stringify({ ...json, ca_chain: pair.chainPem });
    assert.strictEqual(decodeStoredPair(asString, 'vault-pki', 'x').chainPem, pair.chainPem);
  });

  it('refuses what is not a pair of this preset, naming fields, never quoting values', () => {
    const key = fx.pairs[0].pair.privateKeyPem;
    const check = (text: string, message: RegExp) =>
      assert.throws(
        () => decodeStoredPair(text, 'kubernetes', 'aws-sm:s@v'),
        (e: Error & { code?: string }) =>
          e.code === 'store-entry-invalid' && message.test(e.message) && !e.message.includes('BEGIN'),
      );
    check('not json', /aws-sm:s@v is not a JSON object/);
    check('[1]', /not a JSON object/);
    check(
      JSON.stringify({ certificate: 'c', private_key: key }),
      /lacks "tls.crt" or "tls.key".*certificate, private_key/,
    );
    check(JSON.stringify({ 'tls.crt': 5, 'tls.key': key }), /field "tls.crt"/);
  });
});
