import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { changedFiles, recordedMtime, UNPROVEN_MTIME } from '../../../src/core/inventory/changedFiles';
import {
  CachedFile,
  decodeInventoryCache,
  encodeInventoryCache,
  INVENTORY_CACHE_VERSION,
  readInventoryCache,
  readInventoryCacheSync,
  writeInventoryCache,
} from '../../../src/core/inventory/inventoryCache';
import { scanInventory } from '../../../src/core/inventory/scanInventory';
import { walkFiles } from '../../../src/core/inventory/walkFiles';
import { InventoryResult } from '../../../src/core/model';
import { formatName } from '../../../src/core/x509/formatName';
import { readCryptoFile } from '../../../src/core/x509/readCryptoFile';
import { makeSelfSigned, openssl } from '../../support/openssl';
import { cryptoFixtures, scratchDir } from '../../support/cryptoFixtures';

const CONTEXT = JSON.stringify({ version: '1.2.3', maxFileBytes: 5 * 1024 * 1024 });

/** Every kind the inventory reads, and the errors it gives, copied into one folder. */
function workspace(): string {
  const f = cryptoFixtures();
  const root = scratchDir('cache-');
  const copy = (from: string, name: string) => fs.copyFileSync(from, path.join(root, name));
  copy(f.rsa.certPath, 'rsa.crt');
  copy(f.rsa.keyPath, 'rsa.key');
  copy(f.ec.keyPath, 'ec.key');
  copy(f.rsa.csrPath, 'rsa.csr');
  copy(f.files['bundle.pem'], 'bundle.pem');
  copy(f.files['rsa-encrypted-pkcs8.key'], 'encrypted.key');
  copy(f.files['rsa-secret.p12'], 'secret.p12');
  copy(f.files['rsa-empty.p12'], 'empty.p12');
  copy(f.files['ec-key.der'], 'ec-key.der');
  copy(f.files['garbage/truncated.pem'], 'truncated.pem');
  fs.writeFileSync(path.join(root, 'empty.pem'), '');
  return root;
}

/** The scan's results as cache records, one per file, with the stats the walk saw. */
async function records(root: string): Promise<CachedFile[]> {
  const walked = await walkFiles([root], { stat: true });
  const result = await scanInventory(walked.files);
  return walked.files.map((file) => ({
    path: file.path,
    size: file.size!,
    mtimeMs: file.mtimeMs!,
    result: {
      items: result.items.filter((item) => item.path === file.path),
      errors: result.errors.filter((error) => error.path === file.path),
    },
  }));
}

/** Base64 runs of a PEM file's body: what would show if any of it were copied into the cache. */
function bodyChunks(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /^[A-Za-z0-9+/=]{40,}$/.test(line));
}

describe('inventory cache', () => {
  it('gives back every item and error of every kind as the scan made them', async () => {
    const root = workspace();
    const files = await records(root);
    const kinds = new Set(files.flatMap((f) => f.result.items.map((i) => i.kind)));
    assert.deepStrictEqual([...kinds].sort(), ['certificate', 'csr', 'key', 'pkcs12']);
    assert.ok(files.some((f) => f.result.errors.length > 0));
    const decoded = decodeInventoryCache(encodeInventoryCache(CONTEXT, files), CONTEXT);
    // A field the model gains and the cache's field lists do not name would be missing here.
    assert.deepStrictEqual(decoded, files);
  });

  it('writes a name list once however many certificates hold it, and gives it back to each', async () => {
    const root = workspace();
    const files = await records(root);
    const certificates = files.flatMap((f) => f.result.items).filter((item) => item.kind === 'certificate');
    const issuers = new Set(certificates.map((c) => formatName(c.issuer)));
    assert.ok(certificates.length > issuers.size, 'certificates that share an issuer');
    const text = encodeInventoryCache(CONTEXT, files);
    const { names } = JSON.parse(text.slice(0, text.indexOf('\n'))) as { names: unknown[] };
    // Every name list of every record: certificates (PKCS#12 ones too) and CSRs.
    const lists = files
      .flatMap((f) => f.result.items)
      .flatMap((item) =>
        item.kind === 'certificate'
          ? [item.subject, item.issuer, item.subjectAltNames]
          : item.kind === 'csr'
            ? [item.subject, item.subjectAltNames]
            : item.kind === 'pkcs12'
              ? item.certificates.flatMap((c) => [c.subject, c.issuer, c.subjectAltNames])
              : [],
      );
    const distinct = new Set(lists.map((list) => JSON.stringify(list)));
    assert.strictEqual(names.length, distinct.size);
    const decoded = decodeInventoryCache(text, CONTEXT)!;
    const restored = decoded.flatMap((f) => f.result.items).filter((item) => item.kind === 'certificate');
    assert.deepStrictEqual(
      restored.map((c) => formatName(c.issuer)),
      certificates.map((c) => formatName(c.issuer)),
    );
  });

  it('gives back names that print as openssl prints them: escapes, quoting and multi-valued RDNs', async () => {
    const root = scratchDir('cache-names-');
    const cert = path.join(root, 'odd.crt');
    makeSelfSigned(cert, '/O=Soci\u00e9t\u00e9 G\u00e9n\u00e9rale, Inc./OU=Payments+OU=Cards/CN= lead#', {
      args: ['-utf8', '-multivalue-rdn'],
    });
    const subjectLine = openssl(['x509', '-in', cert, '-noout', '-subject'])
      .trim()
      .replace(/^subject=/, '');
    const files = (await records(root)).filter((f) => f.path === cert);
    const [scanned] = files[0].result.items;
    assert.ok(scanned.kind === 'certificate');
    assert.strictEqual(formatName(scanned.subject), subjectLine);
    const [restored] = decodeInventoryCache(encodeInventoryCache(CONTEXT, files), CONTEXT)![0].result.items;
    assert.ok(restored.kind === 'certificate');
    assert.deepStrictEqual(restored.subject, scanned.subject);
    assert.strictEqual(formatName(restored.subject), subjectLine);
  });

  it('holds no key material: not the keys, nor what a passphrase opens', async () => {
    const root = workspace();
    const files = await records(root);
    // Read with the passphrase too, as a caller that had one would: still nothing of the key in the records.
    const opened: InventoryResult = readCryptoFile(
      path.join(root, 'secret.p12'),
      fs.readFileSync(path.join(root, 'secret.p12')),
      { passphrase: 'secret' },
    );
    files.push({ path: path.join(root, 'secret.p12'), size: 1, mtimeMs: 1, result: opened });
    const text = encodeInventoryCache(CONTEXT, files);
    assert.ok(!/PRIVATE KEY/.test(text));
    const f = cryptoFixtures();
    for (const key of [f.rsa.keyPath, f.ec.keyPath, path.join(root, 'encrypted.key')]) {
      const chunks = bodyChunks(key);
      assert.ok(chunks.length > 0, key);
      for (const chunk of chunks) assert.ok(!text.includes(chunk), `${key}: ${chunk}`);
    }
    const p12 = fs.readFileSync(path.join(root, 'secret.p12')).toString('base64');
    for (let i = 0; i + 40 <= p12.length; i += 40) assert.ok(!text.includes(p12.slice(i, i + 40)));
  });

  it('keeps only the fields it names, even when an item carries more', () => {
    const file = '/ws/a.key';
    const item = {
      kind: 'key',
      path: file,
      index: 0,
      format: 'pkcs8',
      encrypted: false,
      line: 1,
      publicKeySha256: 'ab',
      keyType: 'EC',
      privateBytes: 'c2VjcmV0',
    };
    const files = [{ path: file, size: 1, mtimeMs: 2, result: { items: [item as never], errors: [] } }];
    const text = encodeInventoryCache(CONTEXT, files);
    assert.ok(!text.includes('privateBytes') && !text.includes('c2VjcmV0'));
  });

  it('says which files to read again: new, changed in size or mtime, or read too soon after a change', async () => {
    const root = workspace();
    const old = new Date(Date.now() - 3600_000);
    for (const name of fs.readdirSync(root)) fs.utimesSync(path.join(root, name), old, old);
    const before = await records(root);
    const cache = path.join(scratchDir('storage-'), 'inventory-cache.json');
    await writeInventoryCache(cache, CONTEXT, before);

    // While closed: one file rewritten (same size, new mtime), one grown, one added, one removed.
    const sameSize = path.join(root, 'rsa.crt');
    fs.utimesSync(sameSize, new Date(), new Date(Date.now() - 60_000));
    fs.appendFileSync(path.join(root, 'rsa.key'), '\n');
    fs.copyFileSync(cryptoFixtures().ec.certPath, path.join(root, 'new.crt'));
    fs.rmSync(path.join(root, 'rsa.csr'));

    const cached = readInventoryCacheSync(cache, CONTEXT)!;
    const known = new Map(cached.map((c) => [c.path, c]));
    const walked = (await walkFiles([root], { stat: true })).files;
    const stale = changedFiles(walked, (file) => known.get(file.path));
    assert.deepStrictEqual(stale.map((f) => path.basename(f.path)).sort(), ['new.crt', 'rsa.crt', 'rsa.key']);
    const gone = cached.filter((c) => !walked.some((w) => w.path === c.path)).map((c) => path.basename(c.path));
    assert.deepStrictEqual(gone, ['rsa.csr']);

    // A file modified just before it was looked at proves nothing by its mtime: it is read again next time.
    const now = Date.now();
    assert.strictEqual(recordedMtime(now - 500, now), UNPROVEN_MTIME);
    assert.strictEqual(recordedMtime(now - 60_000, now), now - 60_000);
    const racy = walked.map((w) => ({ size: w.size!, mtimeMs: recordedMtime(w.mtimeMs!, now) }));
    const fresh = changedFiles(walked, (file) => racy[walked.indexOf(file)]);
    assert.deepStrictEqual(fresh.map((f) => path.basename(f.path)).sort(), ['new.crt', 'rsa.key']);
  });

  it('writes atomically, owner-only, and reads back what it wrote', async () => {
    const root = workspace();
    const files = await records(root);
    const storage = path.join(scratchDir('storage-'), 'not-yet', 'there');
    const cache = path.join(storage, 'inventory-cache.json');
    await writeInventoryCache(cache, CONTEXT, files);
    await writeInventoryCache(cache, CONTEXT, files.slice(1));
    assert.deepStrictEqual(fs.readdirSync(storage), ['inventory-cache.json']);
    assert.strictEqual(fs.statSync(cache).mode & 0o777, 0o600);
    assert.deepStrictEqual(await readInventoryCache(cache, CONTEXT), files.slice(1));
  });

  it('reads a cache of many megabytes back whole, through its chunks, and refuses one cut anywhere', async () => {
    const files = await records(workspace());
    // Copies of the workspace's records under other paths: a header and a PEM section of several chunks each,
    // with certificates across the chunks' edges.
    const many: CachedFile[] = [];
    for (let copy = 0; many.length < 6000; copy++)
      for (const file of files) {
        const moved = file.path.replace(/([^/]+)$/, `copy-${copy}/$1`);
        const move = <T extends { path: string }>(entry: T): T => ({ ...entry, path: moved });
        many.push({
          ...file,
          path: moved,
          result: {
            items: file.result.items.map((item) =>
              item.kind === 'pkcs12' ? { ...move(item), certificates: item.certificates.map(move) } : move(item),
            ),
            errors: file.result.errors.map(move),
          },
        });
      }
    const cache = path.join(scratchDir('storage-'), 'inventory-cache.json');
    await writeInventoryCache(cache, CONTEXT, many);
    const text = fs.readFileSync(cache, 'latin1');
    assert.ok(text.indexOf('\n') > 1024 * 1024 && text.length - text.indexOf('\n') > 3 * 1024 * 1024, 'chunks');
    assert.deepStrictEqual(readInventoryCacheSync(cache, CONTEXT), many);
    for (const cut of [text.indexOf('\n') + 1, text.length - 1, Math.floor(text.length * 0.7)]) {
      fs.writeFileSync(cache, text.slice(0, cut), 'latin1');
      assert.strictEqual(readInventoryCacheSync(cache, CONTEXT), undefined, `cut at ${cut} of ${text.length}`);
    }
  });

  it('ignores a cache that is missing, corrupt, foreign, of another version or for other settings', async () => {
    const root = workspace();
    const files = await records(root);
    const dir = scratchDir('storage-');
    const good = encodeInventoryCache(CONTEXT, files);
    const write = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    // The records' line and the certificates' PEM after it.
    const newline = good.indexOf('\n');
    const pems = good.slice(newline + 1);
    type Header = { files: unknown[][]; names: unknown[] };
    const header = () => JSON.parse(good.slice(0, newline)) as Header;
    const withPems = (value: unknown) => `${JSON.stringify(value)}\n${pems}`;
    // An item is [kind, ...values]; a certificate's last value is its PEM's length.
    const certificateOf = (cache: Header) =>
      (cache.files.flatMap((f) => f[3]) as unknown[][]).find((item) => item[0] === 'certificate')!;
    const parsed = header();
    // A name list that is a string, not a list of attributes.
    const badTypes = header();
    badTypes.names[0] = 'CN=x';
    const badAttribute = header();
    (badAttribute.names[0] as unknown[])[0] = ['CN', 'x', 'printed'];
    // Records that name lists the table does not have.
    const noNames = header();
    noNames.names = [];
    const badKind = header();
    (badKind.files[0][3] as unknown[]).push(['secret']);
    const extraField = header();
    certificateOf(extraField).push('c2VjcmV0');
    const relative = header();
    relative.files[0][0] = 'relative/path.pem';
    // A certificate whose PEM length reaches into the next one's.
    const shifted = header();
    const certificate = certificateOf(shifted);
    (certificate[certificate.length - 1] as number) += 10;
    // Name refs that are no place in the table, and null where the field is not optional.
    const withCertificate = (change: (values: unknown[]) => void) => {
      const changed = header();
      change(certificateOf(changed));
      return withPems(changed);
    };
    // [kind, publicKeySha256, keyType, keyBits, curve, index, line, subject, ...]
    const SUBJECT = 7;
    const inherited = Object.fromEntries(
      ['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map((kind) => [
        `the kind ${kind}`,
        withCertificate((values) => (values[0] = kind)),
      ]),
    );
    // A certificate whose PEM length is far more than the file holds.
    const huge = header();
    const hugeCertificate = certificateOf(huge);
    hugeCertificate[hugeCertificate.length - 1] = 2 ** 32;
    const cases: Record<string, string> = {
      truncated: good.slice(0, good.length / 2),
      'not JSON': '\u0000\u0001binary',
      'another format': withPems({ ...parsed, format: 'something-else' }),
      'another version': withPems({ ...parsed, version: INVENTORY_CACHE_VERSION + 1 }),
      'other settings': encodeInventoryCache(JSON.stringify({ version: '1.2.3', maxFileBytes: 1 }), files),
      'wrong types': withPems(badTypes),
      'an attribute of three values': withPems(badAttribute),
      'names not in the table': withPems(noNames),
      'unknown kind': withPems(badKind),
      'a field no spec names': withPems(extraField),
      'relative path': withPems(relative),
      'PEM lengths that do not add up': withPems(shifted),
      'a PEM length past the end of the file': withPems(huge),
      'a name ref that is a fraction': withCertificate((values) => (values[SUBJECT] = 0.5)),
      'a name ref that is negative': withCertificate((values) => (values[SUBJECT] = -1)),
      'a name ref that is a string': withCertificate((values) => (values[SUBJECT] = '0')),
      'null for a field that is not optional': withCertificate((values) => (values[2] = null)),
      ...inherited,
      'PEM section cut short': good.slice(0, good.length - 100),
      'PEM section with more': `${good}-----BEGIN CERTIFICATE-----\n`,
      'PEM section not a certificate': `${good.slice(0, newline + 1)}${pems.replace(/CERTIFICATE/g, 'X509 CRL')}`,
      'an array': '[]\n',
      null: 'null\n',
      'records not arrays': withPems({ ...parsed, files: [{}] }),
      'the version 1 format': JSON.stringify({ ...parsed, version: 1 }),
    };
    for (const [name, text] of Object.entries(cases)) {
      const file = write(`${name}.json`, text);
      assert.strictEqual(await readInventoryCache(file, CONTEXT), undefined, name);
      assert.strictEqual(readInventoryCacheSync(file, CONTEXT), undefined, name);
    }
    assert.strictEqual(await readInventoryCache(path.join(dir, 'missing.json'), CONTEXT), undefined);
    assert.strictEqual(readInventoryCacheSync(dir, CONTEXT), undefined);
  });
});
