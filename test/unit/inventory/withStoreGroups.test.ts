import * as assert from 'assert';
import { buildInventoryModel } from '../../../src/core/inventory/buildInventoryModel';
import { withStoreGroups } from '../../../src/core/inventory/withStoreGroups';
import { StoreEntry, StoreStage } from '../../../src/core/stores/secretsStore';
import { CertificateInfo } from '../../../src/core/model';
import { certificate } from '../rotation/builders';

const NOW = new Date('2025-03-20T00:00:00.000Z');
const THRESHOLDS = [30, 15, 5];

function entry(c: CertificateInfo, stage: StoreStage): StoreEntry {
  return {
    id: `${c.serialNumber}-${stage}`,
    stage,
    fingerprintSha256: c.fingerprintSha256,
    notAfter: c.notAfter,
    subject: 'CN=program-a',
    serialNumber: c.serialNumber,
    publicKeySha256: c.publicKeySha256,
    certificate: { ...c, path: `aws-sm:api@${stage}` },
  };
}

describe('withStoreGroups', () => {
  const old = certificate('old', { notAfter: '2025-04-01T00:00:00.000Z' });
  const fresh = certificate('new', { notAfter: '2025-07-01T00:00:00.000Z' });
  const older = certificate('older', { notAfter: '2025-01-01T00:00:00.000Z' });

  it('adds a group per store, entries by stage, counting only what services read or are about to read', () => {
    const base = buildInventoryModel([], [], NOW, THRESHOLDS);
    const model = withStoreGroups(
      base,
      [
        {
          name: 'api',
          description: 'aws-sm:api?layout=staged',
          entries: [entry(older, 'none'), entry(fresh, 'pending'), entry(old, 'current')],
          entryErrors: [{ id: 'v9', stage: 'previous', message: 'not JSON' }],
          listing: false,
        },
        {
          name: 'down',
          description: 'aws-sm:down?layout=staged',
          entryErrors: [],
          error: 'unreachable',
          listing: false,
        },
      ],
      NOW,
      THRESHOLDS,
    );
    const [api, down] = model.roots;
    assert.ok(api.type === 'store' && down.type === 'store');
    assert.deepStrictEqual(
      api.children.map((c) => (c.type === 'store-entry' ? c.entry.stage : c.type)),
      ['current', 'pending', 'none', 'store-error'],
    );
    assert.strictEqual(down.error, 'unreachable');
    assert.deepStrictEqual(
      model.certificates.map((c) => [c.certificate.path, c.expiry.status]),
      [
        ['aws-sm:api@current', 'due-15'],
        ['aws-sm:api@pending', 'ok'],
      ],
      'an expired version no service reads is shown, never counted',
    );
  });

  it('counts a certificate once when the workspace and a store both hold it', () => {
    const base = buildInventoryModel([old], [], NOW, THRESHOLDS);
    const model = withStoreGroups(
      base,
      [{ name: 'api', description: 'x', entries: [entry(old, 'current')], entryErrors: [], listing: false }],
      NOW,
      THRESHOLDS,
    );
    assert.strictEqual(model.certificates.length, 1);
    assert.strictEqual(model.certificates[0].certificate.path, old.path);
    assert.strictEqual(withStoreGroups(base, [], NOW, THRESHOLDS), base, 'no store: the model is left as it was');
  });
});
