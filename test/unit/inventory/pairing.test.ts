import * as assert from 'assert';
import * as path from 'path';
import { scanInventory } from '../../../src/core/inventory/scanInventory';
import { CertificateInfo } from '../../../src/core/model';
import { pairInventory } from '../../../src/core/inventory/pairing';
import { cryptoFixtures, opensslSpkiSha256 } from '../../support/cryptoFixtures';

const cn = (c: CertificateInfo) => c.subject.find((a) => a.type === 'CN')?.value;

describe('pairInventory', () => {
  it('pairs certificates with keys and CSRs by SPKI hash, finds renewals, orphans and related certificates', async () => {
    const f = cryptoFixtures();
    const result = await scanInventory([
      path.join(f.dir, 'leaves'),
      f.ca.certPath,
      f.files['bundle.pem'],
      f.files['rsa-empty.p12'],
    ]);
    const paired = pairInventory(result.items);

    // Soonest notAfter first; the bundle repeats the rsa and ec leaves (related to each other by subject).
    const order = paired.certificates.map((g) => `${cn(g.certificate)}@${g.certificate.notAfter.slice(0, 10)}`);
    assert.deepStrictEqual(order, [
      'expired-client@2020-01-01',
      'ec-client@2029-06-01',
      'ec-client@2029-06-01',
      'rsa-client@2030-01-01',
      'rsa-client@2030-01-01',
      'ed-client@2031-03-15',
      'Test Root CA@2034-01-01',
      'Test Root CA@2034-01-01',
      'future-client@2041-01-01',
    ]);
    const rsa = paired.certificates.find((g) => g.certificate.path === f.rsa.certPath)!;
    assert.deepStrictEqual(
      rsa.keys.map((k) => k.path),
      [f.rsa.keyPath],
    );
    assert.strictEqual(rsa.keys[0].publicKeySha256, opensslSpkiSha256(f.rsa.keyPath, 'key'));
    assert.strictEqual(rsa.certificate.publicKeySha256, opensslSpkiSha256(f.rsa.certPath, 'cert'));
    assert.deepStrictEqual(
      rsa.csrs.map((c) => c.path),
      [f.rsa.csrPath],
    );
    assert.deepStrictEqual(
      rsa.renewalCsrs.map((c) => c.path),
      [f.renewalCsr],
    );
    assert.deepStrictEqual(
      rsa.related.map((c) => c.path),
      [f.files['bundle.pem']],
    );

    const ec = paired.certificates.find((g) => g.certificate.path === f.ec.certPath)!;
    assert.deepStrictEqual(
      ec.keys.map((k) => k.path),
      [f.ec.keyPath],
    );
    assert.deepStrictEqual(ec.renewalCsrs, []);

    // The renewal's new key and CSR stand under the certificate they renew, not among the orphans.
    assert.deepStrictEqual(
      rsa.renewalKeys.map((k) => path.basename(k.path)),
      ['rsa-client-2030.key'],
    );
    assert.strictEqual(rsa.renewalKeys[0].publicKeySha256, rsa.renewalCsrs[0].publicKeySha256);
    assert.deepStrictEqual(paired.orphanKeys.map((k) => path.basename(k.path)).sort(), ['orphan.key']);
    assert.deepStrictEqual(paired.orphanCsrs.map((c) => path.basename(c.path)).sort(), ['orphan.csr']);
    assert.strictEqual(paired.pkcs12.length, 1);
  });

  it('never pairs an encrypted key it could not open', () => {
    const paired = pairInventory([
      { kind: 'key', path: 'k.pem', index: 0, format: 'encrypted-pkcs8', encrypted: true, line: 1 },
    ]);
    assert.strictEqual(paired.orphanKeys.length, 1);
  });
});
