// The tables the core carries about OpenSSL, checked against the openssl binary.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { dnFieldCatalog, requestAttributeCatalog } from '../../../src/core/opensslConfig/dnFieldCatalog';
import { EXTENSIONS } from '../../../src/core/opensslConfig/extensionCatalog';
import { closestName } from '../../../src/core/text/closestName';
import { findConfigNodeAt, sectionAtLine } from '../../../src/core/opensslConfig/findConfigNodeAt';
import { allOpensslObjects, parseNumericOid, resolveObject } from '../../../src/core/x509/opensslObjects';
import { parseOpensslConfig } from '../../../src/core/opensslConfig/parseOpensslConfig';
import { parseX509v3List } from '../../../src/core/opensslConfig/parseX509v3List';
import { REQ_KEYS } from '../../../src/core/opensslConfig/reqKeyCatalog';
import { SUBJECT_ALT_NAME_TYPES, subjectAltNameTypeOf } from '../../../src/core/opensslConfig/subjectAltNameTypes';
import { requestFromConfig } from '../../../src/core/opensslConfig/requestFromConfig';
import { openssl, tempDir } from '../../support/openssl';

describe('OpenSSL object names', () => {
  it('are those of the openssl binary (`openssl list -objects`)', () => {
    const listed = openssl(['list', '-objects'])
      .trim()
      .split('\n')
      .map((line) => {
        const none = /^# None-OID object: (.*?), (.*)$/.exec(line);
        if (none) return `${none[1]}|${none[2]}|`;
        const [sn, rest] = line.split(' = ');
        const comma = rest.lastIndexOf(', ');
        return comma < 0 ? `${sn}|${sn}|${rest}` : `${sn}|${rest.slice(0, comma)}|${rest.slice(comma + 2)}`;
      });
    // `openssl list -objects` cuts a few long OIDs short ("….1.1.2."); the generated table holds them whole.
    const table = allOpensslObjects().map((o, i) => {
      const printed = listed[i]?.split('|')[2] ?? '';
      return `${o.sn}|${o.ln}|${printed.endsWith('.') && o.oid.startsWith(printed) ? printed : o.oid}`;
    });
    assert.deepStrictEqual(table, listed);
    assert.ok(allOpensslObjects().every((o) => o.oid === '' || /^\d+(\.\d+)+$/.test(o.oid)));
  });

  it('resolve like OBJ_txt2obj: short name, long name, then a dotted OID', () => {
    assert.strictEqual(resolveObject('CN')?.oid, '2.5.4.3');
    assert.strictEqual(resolveObject('commonName')?.object?.sn, 'CN');
    assert.strictEqual(resolveObject('2.5.4.3')?.object?.sn, 'CN');
    assert.deepStrictEqual(resolveObject('1.2.3.4'), { oid: '1.2.3.4' });
    assert.strictEqual(resolveObject('commonname'), undefined);
    assert.strictEqual(resolveObject('5.4.3'), undefined);
  });

  it("read dotted OIDs with a2d_ASN1_OBJECT's quirks", () => {
    assert.deepStrictEqual(parseNumericOid('1.2..5'), { oid: '1.2.0.5' });
    assert.deepStrictEqual(parseNumericOid('1.2.'), { oid: '1.2' });
    assert.deepStrictEqual(parseNumericOid('1 2 3'), { oid: '1.2.3' });
    assert.deepStrictEqual(parseNumericOid('1.40'), { error: 'second-number-too-large' });
    assert.deepStrictEqual(parseNumericOid('2.999'), { oid: '2.999' });
    assert.deepStrictEqual(parseNumericOid('3.1'), { error: 'first-number-too-large' });
    assert.deepStrictEqual(parseNumericOid('2'), { error: 'missing-second-number' });
  });
});

describe('catalogs for completion and hover', () => {
  it('lists DN fields and request attributes that openssl accepts, with the short names it prints', () => {
    const fields = dnFieldCatalog();
    assert.ok(fields.length >= 20);
    for (const f of fields) {
      assert.ok(f.oid, `${f.shortName} has an OID`);
      assert.ok(f.meaning.length > 10);
    }
    const sample = (name: string) =>
      name === 'C' || name === 'jurisdictionC'
        ? 'GB'
        : name === 'DC'
          ? 'example'
          : name === 'emailAddress'
            ? 'a@example.com'
            : 'Value 1';
    const dir = tempDir('mtls-catalog-');
    try {
      const config = [
        '[ req ]',
        'prompt = no',
        'distinguished_name = dn',
        'attributes = attrs',
        '[ dn ]',
        ...fields.map((f, i) => `${i}.${f.shortName} = ${sample(f.shortName)}`),
        '[ attrs ]',
        ...requestAttributeCatalog().map((a) => `${a.shortName} = attribute value`),
      ].join('\n');
      fs.writeFileSync(path.join(dir, 'c.cnf'), config);
      const key = path.join(dir, 'k.pem');
      openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', key]);
      const printed = openssl([
        'req',
        '-new',
        '-batch',
        '-config',
        path.join(dir, 'c.cnf'),
        '-key',
        key,
        '-noout',
        '-subject',
        '-nameopt',
        'sname,sep_multiline',
      ]);
      const types = printed
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.trim().split('=')[0]);
      assert.deepStrictEqual(
        types,
        fields.map((f) => f.shortName),
      );
      const ours = requestFromConfig(parseOpensslConfig(config));
      assert.deepStrictEqual(
        ours.subject.map((a) => a.type),
        types,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists the req keys and extension names once each', () => {
    assert.strictEqual(new Set(REQ_KEYS.map((k) => k.name)).size, REQ_KEYS.length);
    assert.strictEqual(new Set(EXTENSIONS.map((e) => e.name)).size, EXTENSIONS.length);
    for (const e of EXTENSIONS)
      assert.ok(resolveObject(e.name)?.object?.sn === e.name, `${e.name} is an OpenSSL short name`);
  });

  it("knows the SAN types with OpenSSL's spelling and .suffix rule", () => {
    assert.deepStrictEqual(
      SUBJECT_ALT_NAME_TYPES.map((t) => t.name),
      ['DNS', 'IP', 'email', 'URI', 'RID', 'dirName', 'otherName'],
    );
    assert.strictEqual(subjectAltNameTypeOf('DNS.1')?.type, 'DNS');
    assert.strictEqual(subjectAltNameTypeOf('IP.office')?.type, 'IP');
    assert.strictEqual(subjectAltNameTypeOf('DNS1'), undefined);
    assert.strictEqual(subjectAltNameTypeOf('dns'), undefined);
  });

  it('suggests names that differ by case or a typo', () => {
    assert.strictEqual(closestName('commonname', ['CN', 'commonName', 'O']), 'commonName');
    assert.strictEqual(closestName('organisationName', ['organizationName', 'OU']), 'organizationName');
    assert.strictEqual(closestName('xyz', ['organizationName']), undefined);
  });
});

describe('X509V3_parse_list', () => {
  it('splits name:value items and keeps offsets', () => {
    const result = parseX509v3List('DNS:a.example, IP:::1,critical');
    assert.ok('items' in result);
    assert.deepStrictEqual(
      result.items.map((i) => [i.name, i.value, i.nameStart, i.valueStart]),
      [
        ['DNS', 'a.example', 0, 4],
        ['IP', '::1', 15, 18],
        ['critical', undefined, 22, undefined],
      ],
    );
  });

  it('keeps the trailing blank of a one-character token, as OpenSSL does', () => {
    const result = parseX509v3List('DNS:a , DNS:bb ');
    assert.ok('items' in result);
    assert.deepStrictEqual(
      result.items.map((i) => i.value),
      ['a ', 'bb'],
    );
  });

  it('rejects empty names and values', () => {
    assert.deepStrictEqual(parseX509v3List('DNS:a,'), { error: 'invalid-empty-name', start: 6, end: 6 });
    assert.deepStrictEqual(parseX509v3List('DNS:'), { error: 'invalid-null-value', start: 4, end: 4 });
  });
});

describe('findConfigNodeAt', () => {
  const config = parseOpensslConfig(['[ req ]', 'prompt = no', '.include x.cnf', '', '[ dn ]', 'CN = a'].join('\n'));

  it('finds headers, names, values and directives', () => {
    assert.strictEqual(findConfigNodeAt(config, 1, 3)?.kind, 'section-header');
    const name = findConfigNodeAt(config, 2, 2);
    assert.ok(name?.kind === 'entry-name' && name.entry.name === 'prompt');
    const value = findConfigNodeAt(config, 2, 11);
    assert.ok(value?.kind === 'entry-value' && value.entry.value === 'no');
    assert.strictEqual(findConfigNodeAt(config, 3, 5)?.kind, 'directive');
    assert.strictEqual(findConfigNodeAt(config, 4, 1), undefined);
  });

  it('knows the section a line belongs to', () => {
    assert.strictEqual(sectionAtLine(config, 4), 'req');
    assert.strictEqual(sectionAtLine(config, 7), 'dn');
    assert.strictEqual(sectionAtLine(parseOpensslConfig('a = 1\n'), 2), 'default');
  });
});
