import * as assert from 'assert';
import { CoreError } from '../../../src/core/errors';
import { describeStoreError } from '../../../src/vscode/stores/describeStoreError';

describe('describeStoreError', () => {
  it('says what each store failure means, that nothing changed, and keeps the store’s own words', () => {
    const cases: Array<[ConstructorParameters<typeof CoreError>[0], RegExp]> = [
      ['store-unreachable', /"api" cannot be reached, so nothing was changed; check the network/],
      ['store-access-denied', /"api" refused access, so nothing was changed: the credentials of the AWS SDK's chain/],
      ['store-throttled', /"api" is throttling requests, so nothing was changed; try again/],
      ['store-scheduled-for-deletion', /scheduled for deletion, so nothing was written/],
      ['store-nothing-staged', /Nothing is staged in store "api": deploy the new pair first/],
      ['store-changed', /"api" was changed by someone else since it was listed, so nothing was changed/],
    ];
    for (const [code, expected] of cases) {
      const message = describeStoreError(new CoreError(code, `the store said ${code}`), 'api', 'switch');
      assert.match(message, expected, code);
      assert.ok(message.endsWith(`(the store said ${code})`), message);
    }
    assert.strictEqual(
      describeStoreError(new CoreError('store-unreachable', 'ECONNREFUSED'), 'api', 'list its certificates', false),
      'Store "api" cannot be reached; check the network, the region and the endpoint (ECONNREFUSED)',
      'a listing changes nothing, so it does not say so',
    );
  });
});
