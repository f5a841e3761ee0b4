import * as assert from 'assert';
import * as path from 'path';
import { scanInventory } from '../../../src/core/inventory/scanInventory';
import { CertificateInfo, CsrInfo, InventoryItem, PrivateKeyInfo } from '../../../src/core/model';
import { pairInventory } from '../../../src/core/inventory/pairing';
import { cryptoFixtures, opensslSpkiSha256 } from '../../support/cryptoFixtures';
import { certificate, csr, hex64, key } from '../rotation/builders';

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

/** The pairing rules as first written, a scan of every key and CSR per certificate: the reference for the index. */
function pairByScan(items: InventoryItem[]) {
  const certificates = items.filter((i): i is CertificateInfo => i.kind === 'certificate');
  const keys = items.filter((i): i is PrivateKeyInfo => i.kind === 'key');
  const csrs = items.filter((i): i is CsrInfo => i.kind === 'csr');
  const certificateKeys = new Set(certificates.map((c) => c.publicKeySha256));
  const name = (n: { type: string; value: string }[]) => n.find((a) => a.type === 'CN')?.value;
  const san = (s: { type: string; value: string }) =>
    s.type === 'DNS' || s.type === 'email' ? `${s.type}:${s.value.toLowerCase()}` : `${s.type}:${s.value}`;
  const renews = (csr: CsrInfo, c: CertificateInfo) =>
    (name(c.subject) !== undefined && name(c.subject) === name(csr.subject)) ||
    csr.subjectAltNames.some((s) => c.subjectAltNames.map(san).includes(san(s)));
  const same = (a: CertificateInfo, b: CertificateInfo) => JSON.stringify(a.subject) === JSON.stringify(b.subject);
  return new Map(
    certificates.map((c) => {
      const renewalCsrs = csrs.filter((r) => r.publicKeySha256 !== c.publicKeySha256 && renews(r, c));
      const spkis = new Set(renewalCsrs.map((r) => r.publicKeySha256));
      return [
        c,
        {
          keys: keys.filter((k) => k.publicKeySha256 !== undefined && k.publicKeySha256 === c.publicKeySha256),
          csrs: csrs.filter((r) => r.publicKeySha256 === c.publicKeySha256),
          renewalCsrs,
          renewalKeys: keys.filter(
            (k) =>
              k.publicKeySha256 !== undefined &&
              !certificateKeys.has(k.publicKeySha256) &&
              spkis.has(k.publicKeySha256),
          ),
          related: certificates.filter((o) => o !== c && same(o, c)),
        },
      ];
    }),
  );
}

describe('pairInventory by index', () => {
  it('pairs as a scan of every key and CSR per certificate would, in the same order', () => {
    // A small random workspace, many times: few names and keys, so that they collide often.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const spki = (i: number) => hex64(`spki:${i}`);
    const subject = (i: number) => [
      { type: 'O', value: 'Axys Test' },
      { type: 'CN', value: `svc-${i}` },
    ];
    const sans = () =>
      random(2)
        ? [{ type: 'DNS' as const, value: random(2) ? `svc-${random(4)}.example` : `SVC-${random(4)}.EXAMPLE` }]
        : [];
    for (let round = 0; round < 200; round++) {
      const items: InventoryItem[] = [];
      for (let i = 0; i < 12; i++) {
        const kind = random(3);
        const path = `/ws/f${i}.pem`;
        if (kind === 0)
          items.push(
            certificate(`r${round}-${i}`, {
              path,
              subject: subject(random(4)),
              subjectAltNames: sans(),
              publicKeySha256: spki(random(5)),
              notAfter: `2025-0${1 + random(3)}-01T00:00:00.000Z`,
            }),
          );
        else if (kind === 1) items.push(key(path, random(6) ? spki(random(5)) : undefined));
        else items.push(csr(path, spki(random(5)), { subject: subject(random(4)), subjectAltNames: sans() }));
      }
      const expected = pairByScan(items);
      const paired = pairInventory(items);
      assert.strictEqual(paired.certificates.length, expected.size);
      for (const group of paired.certificates) {
        const want = expected.get(group.certificate);
        assert.ok(want);
        assert.deepStrictEqual(
          {
            keys: group.keys,
            csrs: group.csrs,
            renewalCsrs: group.renewalCsrs,
            renewalKeys: group.renewalKeys,
            related: group.related,
          },
          want,
          `round ${round}, ${group.certificate.path}`,
        );
      }
    }
  });

  it('shares no list between groups: adding to one group leaves the others as they were', () => {
    const a = certificate('a');
    const b = certificate('b');
    const paired = pairInventory([a, b]);
    const [first, second] = paired.certificates;
    assert.throws(() => first.renewalCsrs.push(csr('/ws/x.csr', hex64('x'))), TypeError);
    first.renewalCsrs = [...first.renewalCsrs, csr('/ws/x.csr', hex64('x'))];
    assert.strictEqual(second.renewalCsrs.length, 0);
  });
});
