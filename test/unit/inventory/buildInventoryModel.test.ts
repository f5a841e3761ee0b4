import * as assert from 'assert';
import { buildInventoryModel, InventoryNode } from '../../../src/core/inventory/buildInventoryModel';
import { certificate, csr, hex64 } from '../rotation/builders';

const NOW = new Date('2025-03-20T00:00:00.000Z');
const THRESHOLDS = [30, 15, 5];

function rootSummary(node: InventoryNode): string {
  if (node.type === 'certificate') return `certificate ${node.certificate.path}`;
  if (node.type === 'group') return `group ${node.group} (${node.children.length})`;
  return node.type;
}

describe('buildInventoryModel', () => {
  // The provider's chain: it expires soonest here, yet it is not the user's to rotate.
  const root = certificate('root', {
    subject: [{ type: 'CN', value: 'Provider Root CA' }],
    issuer: [{ type: 'CN', value: 'Provider Root CA' }],
    notAfter: '2025-03-25T00:00:00.000Z',
    isCA: true,
    selfSigned: true,
  });
  const issuing = certificate('issuing', {
    subject: [{ type: 'CN', value: 'Provider Issuing CA' }],
    issuer: [{ type: 'CN', value: 'Provider Root CA' }],
    notAfter: '2025-03-10T00:00:00.000Z',
    isCA: true,
  });
  const leaf = certificate('leaf', { notAfter: '2025-04-01T00:00:00.000Z' });

  it('puts CA certificates in their own group, soonest expiry first, apart from the client certificates', () => {
    const model = buildInventoryModel([root, leaf, issuing], [], NOW, THRESHOLDS);
    assert.deepStrictEqual(model.roots.map(rootSummary), [`certificate ${leaf.path}`, 'group ca (2)']);
    const group = model.roots[1];
    assert.ok(group.type === 'group');
    assert.strictEqual(group.label, 'CA certificates');
    assert.deepStrictEqual(
      group.children.map((c) => (c.type === 'certificate' ? [c.certificate.path, c.expiry.status] : [c.type])),
      [
        [issuing.path, 'expired'],
        [root.path, 'due-5'],
      ],
    );
  });

  it('counts only client certificates for badges and reminders; CA certificates are listed apart', () => {
    const model = buildInventoryModel([root, leaf, issuing], [], NOW, THRESHOLDS);
    assert.deepStrictEqual(
      model.certificates.map((c) => c.certificate.path),
      [leaf.path],
    );
    assert.deepStrictEqual(
      model.caCertificates.map((c) => c.certificate.path),
      [issuing.path, root.path],
    );
  });

  it('has no CA group when the workspace holds no CA certificate', () => {
    const model = buildInventoryModel([leaf], [], NOW, THRESHOLDS);
    assert.deepStrictEqual(model.roots.map(rootSummary), [`certificate ${leaf.path}`]);
    assert.deepStrictEqual(model.caCertificates, []);
  });

  it('holds each certificate once: the counted list refers to the root nodes, not to copies', () => {
    const model = buildInventoryModel([root, leaf, issuing], [], NOW, THRESHOLDS);
    assert.strictEqual(model.certificates[0], model.roots[0]);
    const group = model.roots[1];
    assert.ok(group.type === 'group');
    assert.deepStrictEqual(model.caCertificates, group.children);
    assert.ok(model.caCertificates.every((entry, i) => entry === group.children[i]));
  });

  it('puts a CSR the user linked under its certificate, and only there', () => {
    const other = certificate('other', { subject: [{ type: 'CN', value: 'other' }], subjectAltNames: [] });
    const request = csr('/ws/requests/renewal.csr', hex64('new key'), {
      subject: [{ type: 'CN', value: 'renamed' }],
      subjectAltNames: [],
    });
    const model = buildInventoryModel([leaf, other, request], [], NOW, THRESHOLDS, (file) =>
      file === request.path ? leaf : undefined,
    );
    const groups = model.roots.flatMap((n) => (n.type === 'certificate' && n.group ? [n.group] : []));
    assert.deepStrictEqual(
      groups.map((g) => [g.certificate.path, g.renewalCsrs.map((c) => c.path)]),
      [
        [leaf.path, [request.path]],
        [other.path, []],
      ],
    );
    assert.ok(!model.roots.some((n) => n.type === 'group' && n.group === 'orphans'));
  });
});
