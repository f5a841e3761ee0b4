import * as assert from 'assert';
import { buildInventoryModel, InventoryModel, InventoryNode } from '../../../src/core/inventory/buildInventoryModel';
import {
  countItems,
  groupInventory,
  GROUPING_THRESHOLD,
  InventoryGrouping,
  itemsOf,
} from '../../../src/core/inventory/groupInventory';
import { CertificateInfo, InventoryError, InventoryItem } from '../../../src/core/model';
import { fingerprintHex } from '../../../src/core/rotation/fingerprint';
import { ReplacedCertificates } from '../../../src/core/rotation/replacedCertificates';
import { certificate, fingerprint, key, ROOT } from '../rotation/builders';

const NOW = new Date('2025-03-20T00:00:00.000Z');
const DAY = 86_400_000;
const THRESHOLDS = [30, 15, 5];

/** A client certificate in `dir` (relative to the workspace) that ends `days` from NOW. */
function cert(seed: string, dir: string, days: number, overrides: Partial<CertificateInfo> = {}): CertificateInfo {
  return certificate(seed, {
    path: `${ROOT}/${dir}/${seed}.crt`,
    subject: [{ type: 'CN', value: seed }],
    subjectAltNames: [],
    notAfter: new Date(NOW.getTime() + days * DAY).toISOString(),
    ...overrides,
  });
}

/** `count` certificates spread over `dirs`, their expiry cycling through every status. */
function many(count: number, dirs: string[]): CertificateInfo[] {
  const days = [-3, 2, 10, 20, 200];
  return Array.from({ length: count }, (_, i) => cert(`c${i}`, dirs[i % dirs.length], days[i % days.length]));
}

function model(
  items: InventoryItem[],
  errors: InventoryError[] = [],
  replaced: ReplacedCertificates = new Map(),
): InventoryModel {
  return buildInventoryModel(items, errors, NOW, THRESHOLDS, () => undefined, replaced);
}

function group(m: InventoryModel, groupBy: InventoryGrouping, folders = [ROOT], threshold?: number): InventoryModel {
  return groupInventory(m, { groupBy, thresholds: THRESHOLDS, folders, threshold });
}

function summary(node: InventoryNode): string {
  if (node.type === 'bucket') return `${node.label} (${node.count})${node.expanded ? ' open' : ''}`;
  if (node.type === 'group') return `group ${node.group} (${countItems(node)})`;
  if (node.type === 'certificate') return `certificate ${node.certificate.path}`;
  return node.type;
}

function paths(nodes: readonly InventoryNode[]): string[] {
  return nodes.map((n) => (n.type === 'certificate' ? n.certificate.path : n.type));
}

describe('groupInventory', () => {
  it('leaves a small inventory flat under auto, and any inventory flat under none', () => {
    const small = model(many(GROUPING_THRESHOLD, ['certs']));
    assert.strictEqual(group(small, 'auto'), small);
    const large = model(many(GROUPING_THRESHOLD + 1, ['certs']));
    assert.strictEqual(group(large, 'none'), large);
    assert.strictEqual(large.roots.length, GROUPING_THRESHOLD + 1);
  });

  it('sections a large inventory by status, most urgent first and only it open, counts included', () => {
    const items = many(GROUPING_THRESHOLD + 50, ['certs']);
    const flat = model(items);
    const grouped = group(flat, 'auto');
    // 250 certificates cycling through five expiries: 50 of each.
    assert.deepStrictEqual(grouped.roots.map(summary), [
      'Expired (50) open',
      'Due in 5 days (50)',
      'Due in 15 days (50)',
      'Due in 30 days (50)',
      'Valid (50)',
    ]);
    // Each section keeps the model's order (soonest expiry first), and together they hold every certificate once.
    const expired = grouped.roots[0];
    assert.ok(expired.type === 'bucket');
    assert.deepStrictEqual(
      expired.children.map((n) => (n.type === 'certificate' ? n.expiry.status : n.type)),
      Array(50).fill('expired'),
    );
    const all = grouped.roots.flatMap(itemsOf);
    assert.deepStrictEqual(paths(all).sort(), paths(flat.roots).sort());
    // What badges and reminders read is untouched.
    assert.strictEqual(grouped.certificates, flat.certificates);
  });

  it('opens the most urgent section there is: Due when nothing has expired, none when all are valid', () => {
    const due = group(model(many(10, ['a']).filter((c) => Date.parse(c.notAfter) > NOW.getTime())), 'status');
    assert.deepStrictEqual(due.roots.map(summary), [
      'Due in 5 days (2) open',
      'Due in 15 days (2)',
      'Due in 30 days (2)',
      'Valid (2)',
    ]);
    const valid = group(model([cert('v', 'a', 300)]), 'status');
    assert.deepStrictEqual(valid.roots.map(summary), ['Valid (1)']);
  });

  it('splits a long section by folder, named relative to the workspace, sorted, closed', () => {
    const dirs = ['team-b/svc', 'team-a/svc', 'team-a'];
    const grouped = group(model(many(30, dirs)), 'status', [ROOT], 5);
    const expired = grouped.roots[0];
    assert.ok(expired.type === 'bucket' && expired.by === 'status');
    assert.strictEqual(expired.count, 6);
    assert.deepStrictEqual(expired.children.map(summary), ['team-a (2)', 'team-a/svc (2)', 'team-b/svc (2)']);
    assert.strictEqual(countItems(expired), 6);
    assert.strictEqual(itemsOf(expired).length, 6);
  });

  it('names every section by what it holds, so ids survive rebuilds and changes in counts', () => {
    const dirs = ['x', 'y'];
    const ids = (m: InventoryModel): string[] =>
      m.roots.flatMap((n) =>
        n.type === 'bucket' ? [n.id, ...n.children.map((c) => (c.type === 'bucket' ? c.id : ''))] : [],
      );
    const before = group(model(many(40, dirs)), 'status', [ROOT], 5);
    const after = group(model([...many(40, dirs), cert('new', 'x', -1)]), 'status', [ROOT], 5);
    assert.deepStrictEqual(ids(after), ids(before));
    assert.ok(ids(before).includes(`status:expired/folder:${ROOT}/x`));
    assert.strictEqual(new Set(ids(before)).size, ids(before).length, 'ids are unique');
  });

  it('sections by folder alone when asked, whatever the size', () => {
    const grouped = group(model(many(6, ['b', 'a/deep'])), 'folder');
    assert.deepStrictEqual(grouped.roots.map(summary), ['a/deep (3)', 'b (3)']);
    const first = grouped.roots[0];
    assert.ok(first.type === 'bucket');
    assert.strictEqual(first.id, `folder:${ROOT}/a/deep`);
    // Soonest expiry first within a folder, as in the flat view.
    const ends = first.children.map((n) => (n.type === 'certificate' ? Date.parse(n.certificate.notAfter) : 0));
    assert.deepStrictEqual(
      ends,
      [...ends].sort((x, y) => x - y),
    );
  });

  it('names folders of a multi-root workspace by their workspace folder, and the folder itself by its name', () => {
    const items = [cert('a', 'one/certs', 100), cert('b', 'two', 100), cert('c', 'one', 100)];
    const grouped = group(model(items), 'folder', [`${ROOT}/one`, `${ROOT}/two`]);
    assert.deepStrictEqual(grouped.roots.map(summary), ['one (1)', 'one/certs (1)', 'two (1)']);
    const single = group(model(items), 'folder', [`${ROOT}/one`]);
    // Outside every workspace folder: the absolute directory.
    assert.deepStrictEqual(single.roots.map(summary), ['certs (1)', 'one (1)', `${ROOT}/two (1)`]);
  });

  it('puts replaced certificates and PKCS#12 files in sections of their own, after the statuses', () => {
    const old = cert('old', 'a', -10);
    const items: InventoryItem[] = [
      old,
      cert('live', 'a', 100),
      {
        kind: 'pkcs12',
        path: `${ROOT}/a/bundle.p12`,
        index: 0,
        encrypted: true,
        certificates: [],
        keyCount: 0,
        line: 1,
      },
    ];
    const replaced: ReplacedCertificates = new Map([
      [
        fingerprintHex(fingerprint('old')),
        {
          fingerprintSha256: fingerprint('old'),
          by: { fingerprintSha256: fingerprint('new') },
          at: '2025-03-01T00:00:00.000Z',
        },
      ],
    ]);
    const grouped = group(model(items, [], replaced), 'status');
    assert.deepStrictEqual(grouped.roots.map(summary), ['Valid (1)', 'Replaced (1)', 'PKCS#12 files (1)']);
    const section = grouped.roots[1];
    assert.ok(section.type === 'bucket');
    assert.strictEqual(section.status, 'replaced');
    assert.deepStrictEqual(paths(section.children), [old.path]);
  });

  it('keeps the CA, orphan and unreadable groups at the root, their long lists split by folder', () => {
    const cas = Array.from({ length: 8 }, (_, i) =>
      cert(`ca${i}`, i % 2 ? 'ca/b' : 'ca/a', 400, { isCA: true, subject: [{ type: 'CN', value: `CA ${i}` }] }),
    );
    const errors: InventoryError[] = Array.from({ length: 3 }, (_, i) => ({
      path: `${ROOT}/broken/e${i}.pem`,
      code: 'malformed-certificate',
      message: 'not a certificate',
    }));
    const orphan = key(`${ROOT}/keys/lone.key`, 'ff'.repeat(32));
    const grouped = group(model([...cas, orphan, cert('leaf', 'x', 100)], errors), 'auto', [ROOT], 4);
    // One client certificate: no status sections, but the long CA list is split.
    assert.deepStrictEqual(grouped.roots.map(summary), [
      'certificate /ws/x/leaf.crt',
      'group ca (8)',
      'group orphans (1)',
      'group unreadable (3)',
    ]);
    const ca = grouped.roots[1];
    assert.ok(ca.type === 'group');
    assert.deepStrictEqual(ca.children.map(summary), ['ca/a (4)', 'ca/b (4)']);
    const first = ca.children[0];
    assert.ok(first.type === 'bucket');
    assert.strictEqual(first.id, `group:ca/folder:${ROOT}/ca/a`);
    assert.strictEqual(itemsOf(ca).length, 8);
  });
});
