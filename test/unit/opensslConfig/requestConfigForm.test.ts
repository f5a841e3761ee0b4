// The request-config form: what it reads from a config, and the text its edits write. OpenSSL is the oracle: every
// edited config goes through `openssl req -new -batch -config FILE -key K`, and the subject and SANs of the CSR it
// writes (read from the DER, exact to the byte; openssl's -subject printing trims trailing blanks) must be what
// was typed. `-noout -subject` and `-noout -text` are checked too where their output is unambiguous.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { applyTextEdits } from '../../../src/core/text/applyTextEdits';
import { encodeConfigValue } from '../../../src/core/opensslConfig/encodeConfigValue';
import { formatIpAddress } from '../../../src/core/x509/ipAddress';
import { objectByOid } from '../../../src/core/x509/opensslObjects';
import {
  applyFormEdit,
  FormEdit,
  FormEditError,
  formEditToTextEdits,
  isFormEdit,
  readRequestForm,
  RequestForm,
} from '../../../src/core/opensslConfig/requestConfigForm';
import {
  checkOpensslConfig,
  ValidateOpensslConfigOptions,
} from '../../../src/core/opensslConfig/validateOpensslConfig';
import { makeKey, tempDir } from '../../support/openssl';
import { readCsrDer } from './support/readCsrDer';
import { GOOD_CONFIG } from '../../integration/prepareWorkspace';

const PROMPT_NO = GOOD_CONFIG;

/** The classic openssl.cnf style: prompts, answered with their _default values by -batch. */
const PROMPTED = [
  '[ req ]',
  'default_bits = 2048',
  'distinguished_name = req_distinguished_name',
  'req_extensions = v3_req',
  '',
  '[ req_distinguished_name ]',
  'organizationName = Organization Name (eg, company)',
  'organizationName_default = Axys Test',
  'organizationalUnitName = Organizational Unit Name (eg, section)',
  'organizationalUnitName_default = Program A',
  'commonName = Common Name (e.g. server FQDN or YOUR name)',
  'commonName_max = 64',
  'commonName_default = program-a.example.com',
  'emailAddress = Email Address',
  '',
  '[ v3_req ]',
  'basicConstraints = CA:FALSE',
  'subjectAltName = DNS:program-a.example.com, IP:203.0.113.10',
  '',
].join('\n');

const NO_SAN = [
  '[ req ]',
  'prompt = no',
  'distinguished_name = dn',
  '[ dn ]',
  'O = Axys Test',
  'OU = Program A',
  'CN = program-a.example.com',
].join('\n');

type Pair = [string, string];

interface OpensslReading {
  subject: Pair[];
  sans: Pair[];
  /** `openssl req -noout -subject` on the CSR. */
  subjectLine: string;
  /** The X509v3 Subject Alternative Name line of `openssl req -noout -text`, if any. */
  sanLine?: string;
}

let dir: string;
let keyPath: string;
let counter = 0;

/** What openssl req -new -batch makes of a config; fails the test when openssl refuses it. */
function opensslReads(text: string): OpensslReading {
  const file = path.join(dir, `request-${++counter}.cnf`);
  const der = path.join(dir, `request-${counter}.der`);
  fs.writeFileSync(file, text);
  const run = spawnSync(
    'openssl',
    ['req', '-new', '-config', file, '-batch', '-key', keyPath, '-outform', 'DER', '-out', der],
    { cwd: dir, env: { PATH: process.env.PATH }, encoding: 'utf8' },
  );
  assert.strictEqual(run.status, 0, `openssl req refused the config:\n${text}\n${run.stderr}`);
  const csr = readCsrDer(fs.readFileSync(der));
  const subject = csr.subject.map((a): Pair => [objectByOid(a.oid)?.sn ?? a.oid, a.value]);
  const names = csr.extensions.find((e) => e.oid === '2.5.29.17')?.generalNames ?? [];
  const sans = names.map((gn): Pair => {
    switch (gn.tag) {
      case 1:
        return ['email', gn.bytes.toString('utf8')];
      case 2:
        return ['DNS', gn.bytes.toString('utf8')];
      case 6:
        return ['URI', gn.bytes.toString('utf8')];
      case 7:
        return ['IP', formatIpAddress(gn.bytes)];
      default:
        return [`tag${gn.tag}`, gn.bytes.toString('hex')];
    }
  });
  const show = (args: string[]) =>
    execFileSync('openssl', ['req', '-in', der, '-inform', 'DER', '-noout', ...args], { encoding: 'utf8' });
  const textOut = show(['-text']).split('\n');
  const sanIndex = textOut.findIndex((l) => l.includes('X509v3 Subject Alternative Name'));
  return {
    subject,
    sans,
    subjectLine: show(['-subject']).trim(),
    sanLine: sanIndex >= 0 ? textOut[sanIndex + 1].trim() : undefined,
  };
}

function check(text: string, options: ValidateOpensslConfigOptions = {}) {
  return checkOpensslConfig(text, options);
}

function edit(text: string, formEdit: FormEdit, options: ValidateOpensslConfigOptions = {}): string {
  return applyFormEdit(text, check(text, options), formEdit);
}

function form(text: string, options: ValidateOpensslConfigOptions = {}): RequestForm {
  return readRequestForm(check(text, options));
}

/** The text a 1-based range covers. */
function slice(text: string, range: { line: number; column: number; endLine: number; endColumn: number }): string {
  return applyTextEdits(text, [
    { range: { line: 1, column: 1, endLine: range.line, endColumn: range.column }, newText: '' },
    {
      range: { line: range.endLine, column: range.endColumn, endLine: Number.MAX_SAFE_INTEGER, endColumn: 1 },
      newText: '',
    },
  ]);
}

function fieldValues(f: RequestForm): Pair[] {
  return f.fields.map((x) => [x.type, x.value]);
}

function sanValues(f: RequestForm): Pair[] {
  return f.san.rows.map((r) => [r.type, r.value]);
}

function assertFormError(fn: () => unknown, code: string): void {
  assert.throws(fn, (error: unknown) => error instanceof FormEditError && error.code === code);
}

describe('Request config form', function () {
  this.timeout(60_000);

  before(() => {
    dir = tempDir('mtls-config-form-');
    keyPath = makeKey(path.join(dir, 'test-key.pem'));
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('readRequestForm', () => {
    it('reads a prompt = no config: fields, SAN section rows, key size, with the ranges of their values', () => {
      const f = form(PROMPT_NO);
      assert.strictEqual(f.promptNo, true);
      assert.strictEqual(f.distinguishedNameSection, 'dn');
      assert.deepStrictEqual(fieldValues(f), [
        ['O', 'Axys Test'],
        ['OU', 'Program A'],
        ['CN', 'program-a.example.com'],
      ]);
      assert.deepStrictEqual(
        f.fields.map((x) => x.id),
        ['O', 'OU', 'CN'],
      );
      for (const field of f.fields) assert.strictEqual(slice(PROMPT_NO, field.valueRange!), field.value);
      assert.strictEqual(f.san.mode, 'section');
      assert.strictEqual(f.san.section, 'alt_names');
      assert.deepStrictEqual(sanValues(f), [
        ['DNS', 'program-a.example.com'],
        ['IP', '203.0.113.10'],
      ]);
      assert.deepStrictEqual(
        f.san.rows.map((r) => r.id),
        ['DNS.1', 'IP.1'],
      );
      for (const row of f.san.rows) assert.strictEqual(slice(PROMPT_NO, row.valueRange!), row.value);
      assert.strictEqual(f.bits.value, 2048);
      assert.strictEqual(slice(PROMPT_NO, f.bits.range!), 'default_bits = 2048');
      assert.deepStrictEqual(f.findings, []);
      assert.strictEqual(f.ok, true);
      // The form agrees with openssl.
      const read = opensslReads(PROMPT_NO);
      assert.deepStrictEqual(read.subject, fieldValues(f));
      assert.deepStrictEqual(read.sans, sanValues(f));
    });

    it("reads a prompted config: each field's _default (or _value), the field line's order, inline SANs", () => {
      const f = form(PROMPTED);
      assert.strictEqual(f.promptNo, false);
      assert.deepStrictEqual(fieldValues(f), [
        ['O', 'Axys Test'],
        ['OU', 'Program A'],
        ['CN', 'program-a.example.com'],
        ['emailAddress', ''],
      ]);
      assert.deepStrictEqual(
        f.fields.map((x) => x.id),
        ['organizationName', 'organizationalUnitName', 'commonName', 'emailAddress'],
      );
      assert.deepStrictEqual(
        f.fields.map((x) => x.valueFrom),
        ['default', 'default', 'default', 'none'],
      );
      assert.strictEqual(f.fields[3].valueRange, undefined);
      assert.strictEqual(slice(PROMPTED, f.fields[0].valueRange!), 'Axys Test');
      assert.strictEqual(f.san.mode, 'inline');
      assert.strictEqual(f.san.extensionsSection, 'v3_req');
      assert.deepStrictEqual(sanValues(f), [
        ['DNS', 'program-a.example.com'],
        ['IP', '203.0.113.10'],
      ]);
      assert.deepStrictEqual(
        f.san.rows.map((r) => slice(PROMPTED, r.range)),
        ['DNS:program-a.example.com', 'IP:203.0.113.10'],
      );
      assert.deepStrictEqual(
        f.san.rows.map((r) => slice(PROMPTED, r.valueRange!)),
        ['program-a.example.com', '203.0.113.10'],
      );
      const read = opensslReads(PROMPTED);
      assert.deepStrictEqual(
        read.subject,
        fieldValues(f).filter(([, v]) => v !== ''),
      );
      assert.deepStrictEqual(read.sans, sanValues(f));

      const withValue = form(
        PROMPTED.replace(
          'organizationName_default = Axys Test',
          'organizationName_default = Axys Test\norganizationName_value = Fixed',
        ),
      );
      assert.strictEqual(withValue.fields[0].value, 'Fixed');
      assert.strictEqual(withValue.fields[0].valueFrom, 'value');
    });

    it('reads a config without SANs, and a critical inline list', () => {
      const f = form(NO_SAN);
      assert.strictEqual(f.san.mode, 'none');
      assert.deepStrictEqual(f.san.rows, []);
      assert.strictEqual(f.bits.value, undefined);
      const critical = form(
        '[req]\nprompt=no\ndistinguished_name=dn\nreq_extensions=e\n[dn]\nCN=x\n[e]\nsubjectAltName = critical, DNS:a.example\n',
      );
      assert.strictEqual(critical.san.critical, true);
      assert.deepStrictEqual(sanValues(critical), [['DNS', 'a.example']]);
    });

    it('lists every finding of the text editor, in its order, and places each on its field or row', () => {
      const text = [
        '[ req ]',
        'prompt = no',
        'default_bits = 1024',
        'distinguished_name = dn',
        'req_extensions = ext',
        '[ dn ]',
        'O = Axys Test',
        'CN = a.example',
        'CN = b.example',
        '[ ext ]',
        'subjectAltName = @names',
        '[ names ]',
        'DNS.1 = ok.example',
        'IP.1 = 203.0.113.300',
        '',
      ].join('\n');
      const validation = check(text);
      const f = readRequestForm(validation);
      assert.deepStrictEqual(
        f.findings.map((x) => [x.code, x.line, x.column, x.message]),
        validation.findings.map((x) => [x.code, x.line, x.column, x.message]),
      );
      const target = (code: string) => f.findings.find((x) => x.code === code)?.target;
      assert.deepStrictEqual(target('san-bad-ip'), { kind: 'san', id: 'IP.1' });
      assert.deepStrictEqual(target('duplicate-key'), { kind: 'field', id: 'CN' });
      assert.deepStrictEqual(target('provider-key-size'), { kind: 'bits' });
      assert.strictEqual(target('provider-missing-ou'), undefined, 'about the subject as a whole');
      assert.deepStrictEqual(
        f.san.rows[1].findings.map((x) => x.code),
        ['san-bad-ip'],
      );
      assert.deepStrictEqual(
        f.fields.find((x) => x.id === 'CN')?.findings.map((x) => x.code),
        ['duplicate-key'],
      );
      assert.deepStrictEqual(
        f.bits.findings.map((x) => x.code),
        ['default-bits-too-small', 'provider-key-size'],
      );
      assert.strictEqual(f.ok, false);
    });

    it("places findings on inline SAN items and on prompted fields' _default lines", () => {
      const text = PROMPTED.replace('IP:203.0.113.10', 'IP:203.0.113.300').replace(
        'commonName_default = program-a.example.com',
        `commonName_default = ${'x'.repeat(70)}`,
      );
      const f = form(text);
      assert.deepStrictEqual(
        f.san.rows[1].findings.map((x) => x.code),
        ['san-bad-ip'],
      );
      assert.deepStrictEqual(
        f.fields[2].findings.map((x) => x.code),
        ['dn-length-limit'],
      );
    });

    it('marks what comes from an included file read-only, and an unparsable inline list', () => {
      const text =
        '[req]\nprompt=no\ndistinguished_name=dn\nreq_extensions=e\n.include dn.cnf\n[e]\nsubjectAltName = DNS:a, IP:\n';
      const options = { readInclude: (p: string) => (p === 'dn.cnf' ? '[dn]\nO = Axys\nOU = A\nCN = x\n' : undefined) };
      const f = form(text, options);
      // An included file's values are never shown (it could be any readable file): the form says where they are.
      assert.deepStrictEqual(fieldValues(f), [
        ['O', '‹from dn.cnf›'],
        ['OU', '‹from dn.cnf›'],
        ['CN', '‹from dn.cnf›'],
      ]);
      assert.ok(!JSON.stringify(f).includes('Axys'));
      assert.ok(f.fields.every((x) => x.readOnly?.includes('dn.cnf')));
      assert.ok(f.fieldsReadOnly);
      assert.ok(f.san.readOnly);
      // Fields of an included file are known by position, not by their names (that file's text).
      assert.deepStrictEqual(
        f.fields.map((x) => x.id),
        ['included:1', 'included:2', 'included:3'],
      );
      assertFormError(() => edit(text, { kind: 'set-field', id: 'included:1', value: 'y' }, options), 'read-only');
      assertFormError(() => edit(text, { kind: 'add-san', type: 'DNS', value: 'b' }, options), 'read-only');
    });
  });

  describe('formEditToTextEdits on a prompt = no config', () => {
    it('set-field replaces exactly the value, and openssl reads the new one', () => {
      const validation = check(PROMPT_NO);
      const edits = formEditToTextEdits(PROMPT_NO, validation, { kind: 'set-field', id: 'OU', value: 'Payments' });
      assert.deepStrictEqual(edits, [
        { range: { line: 11, column: 6, endLine: 11, endColumn: 15 }, newText: 'Payments' },
      ]);
      const text = applyTextEdits(PROMPT_NO, edits);
      assert.match(text, /\nOU = Payments\n/);
      const read = opensslReads(text);
      assert.deepStrictEqual(read.subject, [
        ['O', 'Axys Test'],
        ['OU', 'Payments'],
        ['CN', 'program-a.example.com'],
      ]);
      assert.strictEqual(read.subjectLine, 'subject=O = Axys Test, OU = Payments, CN = program-a.example.com');
    });

    it('add-field appends the field to the section (a second OU gets a prefix), remove-field deletes its line', () => {
      const added = edit(PROMPT_NO, { kind: 'add-field', type: 'OU', value: 'Second Unit' });
      assert.match(added, /\nCN = program-a\.example\.com\n1\.OU = Second Unit\n\n\[ req_ext \]/);
      assert.deepStrictEqual(opensslReads(added).subject, [
        ['O', 'Axys Test'],
        ['OU', 'Program A'],
        ['CN', 'program-a.example.com'],
        ['OU', 'Second Unit'],
      ]);
      const withCountry = edit(added, { kind: 'add-field', type: 'C', value: 'DE' });
      assert.deepStrictEqual(
        form(withCountry).fields.map((x) => x.id),
        ['O', 'OU', 'CN', '1.OU', 'C'],
      );
      assert.deepStrictEqual(opensslReads(withCountry).subject.at(-1), ['C', 'DE']);

      const removed = edit(withCountry, { kind: 'remove-field', id: 'OU' });
      assert.doesNotMatch(removed, /^OU = /m);
      assert.deepStrictEqual(opensslReads(removed).subject, [
        ['O', 'Axys Test'],
        ['CN', 'program-a.example.com'],
        ['OU', 'Second Unit'],
        ['C', 'DE'],
      ]);
      assert.strictEqual(
        removed.split('\n').length,
        withCountry.split('\n').length - 1,
        'one line less, no blank left',
      );
    });

    it('remove-field also removes a superseded duplicate of the field', () => {
      const text = PROMPT_NO.replace('CN = program-a.example.com', 'CN = old.example\nCN = program-a.example.com');
      const removed = edit(text, { kind: 'remove-field', id: 'CN' });
      assert.doesNotMatch(removed, /CN = /);
    });

    it('set-san, add-san (next free index) and remove-san in an @section', () => {
      const retyped = edit(PROMPT_NO, { kind: 'set-san', id: 'IP.1', type: 'DNS', value: 'api.example.com' });
      assert.match(retyped, /\nDNS\.2 = api\.example\.com\n/, 'DNS.1 is taken, so the row becomes DNS.2');
      assert.deepStrictEqual(opensslReads(retyped).sans, [
        ['DNS', 'program-a.example.com'],
        ['DNS', 'api.example.com'],
      ]);

      const added = edit(PROMPT_NO, { kind: 'add-san', type: 'IP', value: '2001:db8::1' });
      assert.match(added, /\nIP\.1 = 203\.0\.113\.10\nIP\.2 = 2001:db8::1\n/);
      const read = opensslReads(added);
      assert.deepStrictEqual(read.sans, [
        ['DNS', 'program-a.example.com'],
        ['IP', '203.0.113.10'],
        ['IP', '2001:db8::1'],
      ]);
      assert.strictEqual(
        read.sanLine,
        'DNS:program-a.example.com, IP Address:203.0.113.10, IP Address:2001:DB8:0:0:0:0:0:1',
      );

      const email = edit(added, { kind: 'add-san', type: 'email', value: 'ops@example.com' });
      const uri = edit(email, { kind: 'add-san', type: 'URI', value: 'https://example.com/a?b=c#d' });
      assert.deepStrictEqual(opensslReads(uri).sans.slice(3), [
        ['email', 'ops@example.com'],
        ['URI', 'https://example.com/a?b=c#d'],
      ]);

      const removed = edit(uri, { kind: 'remove-san', id: 'IP.1' });
      assert.deepStrictEqual(
        opensslReads(removed).sans.map(([, v]) => v),
        ['program-a.example.com', '2001:db8::1', 'ops@example.com', 'https://example.com/a?b=c#d'],
      );
      const next = edit(removed, { kind: 'add-san', type: 'IP', value: '10.0.0.1' });
      assert.match(next, /\nIP\.3 = 10\.0\.0\.1\n/, 'indices are not reused or renumbered');
    });

    it('removing the last SAN removes the subjectAltName line (openssl rejects an empty section); adding one takes the section again', () => {
      const one = edit(PROMPT_NO, { kind: 'remove-san', id: 'IP.1' });
      const none = edit(one, { kind: 'remove-san', id: 'DNS.1' });
      assert.doesNotMatch(none, /subjectAltName/);
      assert.deepStrictEqual(opensslReads(none).sans, []);
      assert.strictEqual(form(none).san.mode, 'none');
      const again = edit(none, { kind: 'add-san', type: 'DNS', value: 'b.example' });
      assert.match(again, /\[ req_ext \]\nsubjectAltName = @alt_names\n/);
      assert.match(again, /\[ alt_names \]\nDNS\.1 = b\.example\n/);
      assert.strictEqual((again.match(/\[ alt_names \]/g) ?? []).length, 1);
      assert.deepStrictEqual(opensslReads(again).sans, [['DNS', 'b.example']]);
    });

    it('set-bits replaces default_bits, or adds it to [ req ]', () => {
      const bigger = edit(PROMPT_NO, { kind: 'set-bits', bits: 3072 });
      assert.match(bigger, /\ndefault_bits = 3072\n/);
      assert.strictEqual(check(bigger).request.defaultBits, 3072);
      assert.deepStrictEqual(
        form(bigger).bits.findings.map((x) => x.code),
        ['provider-key-size'],
      );
      const added = edit(NO_SAN, { kind: 'set-bits', bits: 4096 });
      assert.match(added, /^\[ req \]\nprompt = no\ndistinguished_name = dn\ndefault_bits = 4096\n\[ dn \]/);
      assert.strictEqual(check(added).request.defaultBits, 4096);
      opensslReads(added);
    });
  });

  describe('formEditToTextEdits on a prompted (_default) config', () => {
    it('set-field writes the _default value, or adds a _default line under a field that has none', () => {
      const changed = edit(PROMPTED, { kind: 'set-field', id: 'organizationalUnitName', value: 'Payments' });
      assert.match(changed, /\norganizationalUnitName_default = Payments\n/);
      assert.deepStrictEqual(opensslReads(changed).subject, [
        ['O', 'Axys Test'],
        ['OU', 'Payments'],
        ['CN', 'program-a.example.com'],
      ]);
      const email = edit(PROMPTED, { kind: 'set-field', id: 'emailAddress', value: 'ops@example.com' });
      assert.match(email, /\nemailAddress = Email Address\nemailAddress_default = ops@example\.com\n/);
      assert.deepStrictEqual(opensslReads(email).subject.at(-1), ['emailAddress', 'ops@example.com']);
      const valued = PROMPTED.replace(
        'commonName_default = program-a.example.com',
        'commonName_default = program-a.example.com\ncommonName_value = fixed.example',
      );
      const fixed = edit(valued, { kind: 'set-field', id: 'commonName', value: 'new.example' });
      assert.match(
        fixed,
        /\ncommonName_value = new\.example\n/,
        'the _value wins over the _default, so it is the one to change',
      );
      assert.deepStrictEqual(opensslReads(fixed).subject.at(-1), ['CN', 'new.example']);
    });

    it("add-field writes a prompt line and a _default line; remove-field removes all of a field's lines", () => {
      const added = edit(PROMPTED, { kind: 'add-field', type: 'OU', value: 'Second Unit' });
      assert.match(added, /\nemailAddress = Email Address\nOU = Organizational Unit Name\nOU_default = Second Unit\n/);
      assert.deepStrictEqual(opensslReads(added).subject.at(-1), ['OU', 'Second Unit']);
      const again = edit(added, { kind: 'add-field', type: 'OU', value: 'Third' });
      assert.match(again, /\n1\.OU = Organizational Unit Name\n1\.OU_default = Third\n/);
      assert.deepStrictEqual(opensslReads(again).subject.slice(-2), [
        ['OU', 'Second Unit'],
        ['OU', 'Third'],
      ]);

      const removed = edit(PROMPTED, { kind: 'remove-field', id: 'commonName' });
      assert.doesNotMatch(removed, /commonName/);
      assert.deepStrictEqual(opensslReads(removed).subject, [
        ['O', 'Axys Test'],
        ['OU', 'Program A'],
      ]);
    });

    it('edits an inline SAN list as list text, keeping `critical`', () => {
      const set = edit(PROMPTED, { kind: 'set-san', id: 'inline:1', type: 'DNS', value: 'api.example.com' });
      assert.match(set, /\nsubjectAltName = DNS:program-a\.example\.com, DNS:api\.example\.com\n/);
      assert.deepStrictEqual(opensslReads(set).sans, [
        ['DNS', 'program-a.example.com'],
        ['DNS', 'api.example.com'],
      ]);
      const added = edit(set, { kind: 'add-san', type: 'URI', value: 'https://example.com/#$x' });
      assert.match(added, /, URI:https:\/\/example\.com\/\\#\\\$x\n/);
      assert.deepStrictEqual(opensslReads(added).sans.at(-1), ['URI', 'https://example.com/#$x']);
      const removed = edit(added, { kind: 'remove-san', id: 'inline:0' });
      const read = opensslReads(removed);
      assert.deepStrictEqual(read.sans, [
        ['DNS', 'api.example.com'],
        ['URI', 'https://example.com/#$x'],
      ]);
      assert.strictEqual(read.sanLine, 'DNS:api.example.com, URI:https://example.com/#$x');
      const gone = edit(edit(removed, { kind: 'remove-san', id: 'inline:0' }), { kind: 'remove-san', id: 'inline:0' });
      assert.doesNotMatch(gone, /subjectAltName/);
      assert.match(gone, /\[ v3_req \]\nbasicConstraints = CA:FALSE\n/);
      assert.deepStrictEqual(opensslReads(gone).sans, []);

      const critical =
        '[req]\nprompt=no\ndistinguished_name=dn\nreq_extensions=e\n[dn]\nCN=x\n[e]\nsubjectAltName = critical, DNS:a.example\n';
      const more = edit(critical, { kind: 'add-san', type: 'IP', value: '10.0.0.1' });
      assert.match(more, /subjectAltName = critical, DNS:a\.example, IP:10\.0\.0\.1\n/);
      assert.deepStrictEqual(opensslReads(more).sans, [
        ['DNS', 'a.example'],
        ['IP', '10.0.0.1'],
      ]);
    });

    it('refuses inline values the list syntax cannot hold', () => {
      assertFormError(() => edit(PROMPTED, { kind: 'set-san', id: 'inline:0', value: 'a,b' }), 'unrepresentable-value');
      assertFormError(() => edit(PROMPTED, { kind: 'add-san', type: 'DNS', value: ' lead' }), 'unrepresentable-value');
      assertFormError(() => edit(PROMPTED, { kind: 'add-san', type: 'DNS', value: '' }), 'unrepresentable-value');
    });
  });

  describe('configs without a subjectAltName', () => {
    it('adds req_extensions, [ req_ext ] and [ alt_names ] when there is no extension section', () => {
      const text = edit(NO_SAN, { kind: 'add-san', type: 'DNS', value: 'program-a.example.com' });
      assert.strictEqual(
        text,
        [
          '[ req ]',
          'prompt = no',
          'distinguished_name = dn',
          'req_extensions = req_ext',
          '[ dn ]',
          'O = Axys Test',
          'OU = Program A',
          'CN = program-a.example.com',
          '',
          '[ req_ext ]',
          'subjectAltName = @alt_names',
          '',
          '[ alt_names ]',
          'DNS.1 = program-a.example.com',
          '',
        ].join('\n'),
      );
      const read = opensslReads(text);
      assert.deepStrictEqual(read.sans, [['DNS', 'program-a.example.com']]);
      assert.strictEqual(read.sanLine, 'DNS:program-a.example.com');
      const f = form(text);
      assert.strictEqual(f.san.mode, 'section');
      assert.deepStrictEqual(f.findings, []);
    });

    it('adds subjectAltName to an existing extension section', () => {
      const text = `${NO_SAN.replace('distinguished_name = dn', 'distinguished_name = dn\nreq_extensions = ext')}\n[ ext ]\nbasicConstraints = CA:FALSE\n`;
      const added = edit(text, { kind: 'add-san', type: 'IP', value: '203.0.113.10' });
      assert.match(
        added,
        /\[ ext \]\nbasicConstraints = CA:FALSE\nsubjectAltName = @alt_names\n\n\[ alt_names \]\nIP\.1 = 203\.0\.113\.10\n$/,
      );
      assert.deepStrictEqual(opensslReads(added).sans, [['IP', '203.0.113.10']]);
    });

    it('creates the extension section req_extensions names when it is missing, and picks free section names', () => {
      const text = `${NO_SAN.replace('distinguished_name = dn', 'distinguished_name = dn\nreq_extensions = ext')}\n[ alt_names ]\nfoo = bar\n`;
      assert.ok(check(text).findings.some((x) => x.code === 'extension-section-missing'));
      const added = edit(text, { kind: 'add-san', type: 'DNS', value: 'a.example' });
      assert.match(added, /\n\[ ext \]\nsubjectAltName = @alt_names_2\n\n\[ alt_names_2 \]\nDNS\.1 = a\.example\n$/);
      assert.deepStrictEqual(opensslReads(added).sans, [['DNS', 'a.example']]);
    });

    it('adds a field and a distinguished_name section to a config that has neither', () => {
      const text = '[ req ]\nprompt = no\n';
      const added = edit(text, { kind: 'add-field', type: 'CN', value: 'x.example' });
      assert.strictEqual(added, '[ req ]\nprompt = no\ndistinguished_name = dn\n\n[ dn ]\nCN = x.example\n');
      assert.deepStrictEqual(opensslReads(added).subject, [['CN', 'x.example']]);
    });
  });

  describe('values openssl must read back exactly', () => {
    const TRICKY = [
      'a#b # not a comment',
      'say "hi"',
      "it's `quoted`",
      'back\\slash',
      'ends with a backslash\\',
      '\\',
      '$HOME ${x} $(y) $ENV::PATH',
      '  two leading blanks',
      'two trailing blanks  ',
      '   ',
      'tab\tinside',
      '\ttab first',
      'x = y; [section] @alt_names',
      'line\nbreak',
      'Ünïcødé ✓',
    ];

    for (const [style, base, id] of [
      ['prompt = no', PROMPT_NO, 'OU'],
      ['prompted', PROMPTED, 'organizationalUnitName'],
    ] as const) {
      it(`set-field and add-field, ${style}`, () => {
        const utf8 = base.replace('[ req ]\n', '[ req ]\nutf8 = yes\n');
        for (const value of TRICKY) {
          const set = edit(utf8, { kind: 'set-field', id, value });
          assert.deepStrictEqual(
            opensslReads(set).subject[1],
            ['OU', value],
            `set ${JSON.stringify(value)} as ${encodeConfigValue(value)}`,
          );
          assert.strictEqual(form(set).fields[1].value, value);
          const added = edit(utf8, { kind: 'add-field', type: 'L', value });
          assert.deepStrictEqual(opensslReads(added).subject.at(-1), ['L', value], `add ${JSON.stringify(value)}`);
        }
      });
    }

    it('SAN values in a section', () => {
      for (const value of [
        'https://example.com/p?q=1#frag',
        'https://example.com/$HOME',
        'a\\b "c"',
        ' lead and trail ',
      ]) {
        const added = edit(PROMPT_NO, { kind: 'add-san', type: 'URI', value });
        assert.deepStrictEqual(opensslReads(added).sans.at(-1), ['URI', value], `add ${JSON.stringify(value)}`);
        const set = edit(PROMPT_NO, { kind: 'set-san', id: 'DNS.1', value });
        assert.deepStrictEqual(opensslReads(set).sans[0], ['DNS', value], `set ${JSON.stringify(value)}`);
      }
    });

    it('an empty value leaves `name =` with no trailing blank; a NUL cannot be written', () => {
      const empty = edit(PROMPT_NO, { kind: 'set-field', id: 'OU', value: '' });
      assert.match(empty, /\nOU =\nCN/);
      const refilled = edit(empty, { kind: 'set-field', id: 'OU', value: 'Back' });
      assert.match(refilled, /\nOU = Back\nCN/);
      assertFormError(() => edit(PROMPT_NO, { kind: 'set-field', id: 'OU', value: 'a\0b' }), 'unrepresentable-value');
    });

    it("keeps a comment after the value and the file's line ends", () => {
      const commented = PROMPT_NO.replace('OU = Program A', 'OU = Program A   # the unit');
      assert.match(edit(commented, { kind: 'set-field', id: 'OU', value: 'B' }), /\nOU = B {3}# the unit\n/);
      const crlf = PROMPT_NO.replace(/\n/g, '\r\n');
      const added = edit(crlf, { kind: 'add-san', type: 'DNS', value: 'b.example' });
      assert.match(added, /\r\nIP\.1 = 203\.0\.113\.10\r\nDNS\.2 = b\.example\r\n$/);
      assert.doesNotMatch(added.replace(/\r\n/g, ''), /\n/);
      assert.deepStrictEqual(opensslReads(added).sans.at(-1), ['DNS', 'b.example']);
      const noEol = edit(NO_SAN, { kind: 'add-field', type: 'C', value: 'DE' });
      assert.ok(noEol.endsWith('CN = program-a.example.com\nC = DE'));
    });

    it('follows the indentation of the section', () => {
      const indented = PROMPT_NO.replace('IP.1 = 203.0.113.10', '    IP.1 = 203.0.113.10');
      assert.match(
        edit(indented, { kind: 'add-san', type: 'DNS', value: 'b' }),
        /\n {4}IP\.1 = 203\.0\.113\.10\n {4}DNS\.2 = b\n/,
      );
    });
  });

  describe('errors and message checks', () => {
    it('refuses edits of fields and rows that no longer exist', () => {
      assertFormError(() => edit(PROMPT_NO, { kind: 'set-field', id: 'ST', value: 'x' }), 'unknown-field');
      assertFormError(() => edit(PROMPT_NO, { kind: 'remove-san', id: 'DNS.9' }), 'unknown-san');
    });

    it('isFormEdit accepts the seven edits and nothing else', () => {
      const good: FormEdit[] = [
        { kind: 'set-field', id: 'O', value: 'x' },
        { kind: 'add-field', type: 'emailAddress', value: '' },
        { kind: 'remove-field', id: 'O' },
        { kind: 'set-san', id: 'DNS.1', value: 'x' },
        { kind: 'set-san', id: 'DNS.1', type: 'IP', value: 'x' },
        { kind: 'add-san', type: 'URI', value: 'x' },
        { kind: 'remove-san', id: 'inline:0' },
        { kind: 'set-bits', bits: 4096 },
      ];
      for (const e of good) assert.ok(isFormEdit(e), JSON.stringify(e));
      const bad: unknown[] = [
        null,
        'set-bits',
        {},
        { kind: 'set-bits', bits: 1024 },
        { kind: 'add-field', type: 'XX', value: '' },
        { kind: 'set-field', id: 1, value: 'x' },
        { kind: 'add-san', type: 'RID', value: '1.2' },
        { kind: 'drop-table' },
      ];
      for (const e of bad) assert.ok(!isFormEdit(e), JSON.stringify(e));
    });
  });
});
