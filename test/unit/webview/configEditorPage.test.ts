// The request-config form page's decisions that need no DOM (src/webview/configEditor), against forms the core
// reads from real configs, and the messages it builds against the adapter's own check of what a page may send.
import * as assert from 'assert';
import { readRequestForm, RequestForm } from '../../../src/core/opensslConfig/requestConfigForm';
import {
  FORM_FIELD_NAMES,
  FORM_FIELD_TYPES,
  FORM_KEY_SIZES,
  FORM_SAN_TYPES,
} from '../../../src/core/opensslConfig/requestFormVocabulary';
import { checkOpensslConfig } from '../../../src/core/opensslConfig/validateOpensslConfig';
import { parseConfigEditorRequest } from '../../../src/vscode/opensslConfig/parseConfigEditorRequest';
import { addEdit } from '../../../src/webview/configEditor/addEdit';
import { formStructure } from '../../../src/webview/configEditor/formStructure';
import { keySizeOf, keySizeOptions, selectedKeySize } from '../../../src/webview/configEditor/keySizeOptions';
import { problemSummary, severityLabel } from '../../../src/webview/configEditor/problemSummary';
import { revealRange } from '../../../src/webview/configEditor/revealRange';
import { formProblems, problemRowKey } from '../../../src/webview/configEditor/formProblems';
import { FormProblem, placeFormProblem } from '../../../src/core/opensslConfig/formProblem';
import { severityCounts } from '../../../src/core/severityCounts';
import { rowEdit } from '../../../src/webview/configEditor/rowEdit';
import { addTypeOptions, fieldLongName, sanTypeOptions } from '../../../src/webview/configEditor/typeOptions';
import { GOOD_CONFIG } from '../../integration/prepareWorkspace';

function form(text: string): RequestForm {
  return readRequestForm(checkOpensslConfig(text, {}));
}

/** What the adapter makes of an edit the page sends (undefined: refused as not a message a page may send). */
function accepted(edit: unknown) {
  return parseConfigEditorRequest({ type: 'edit', key: 'k', edit });
}

describe('webview: the request-config form page', () => {
  describe('formStructure', () => {
    it('stays the same while only values change, so typing keeps its input', () => {
      const edited = GOOD_CONFIG.replace('OU = Program A', 'OU = Program B').replace(
        'IP.1 = 203.0.113.10',
        'IP.1 = 203.0.113.11',
      );
      assert.notDeepStrictEqual(form(edited).fields, form(GOOD_CONFIG).fields);
      assert.strictEqual(formStructure(form(edited)), formStructure(form(GOOD_CONFIG)));
    });

    it('changes when a row comes or goes, or the key size changes', () => {
      const base = formStructure(form(GOOD_CONFIG));
      assert.notStrictEqual(formStructure(form(GOOD_CONFIG.replace('OU = Program A\n', ''))), base);
      assert.notStrictEqual(
        formStructure(
          form(GOOD_CONFIG.replace('IP.1 = 203.0.113.10\n', 'IP.1 = 203.0.113.10\nDNS.2 = b.example.com\n')),
        ),
        base,
      );
      assert.notStrictEqual(
        formStructure(form(GOOD_CONFIG.replace('default_bits = 2048', 'default_bits = 4096'))),
        base,
      );
    });
  });

  describe('keySizeOptions', () => {
    it("offers the vocabulary's sizes, 2048 marked as the provider's, and selects the one written", () => {
      const bits = form(GOOD_CONFIG).bits;
      assert.deepStrictEqual(keySizeOptions(bits), [
        { value: '2048', text: '2048 bits (provider)' },
        { value: '3072', text: '3072 bits' },
        { value: '4096', text: '4096 bits' },
      ]);
      assert.strictEqual(selectedKeySize(bits), '2048');
    });

    it("shows a missing default_bits as OpenSSL's default, and a size it does not offer as written", () => {
      const missing = form(GOOD_CONFIG.replace('default_bits = 2048\n', '')).bits;
      assert.deepStrictEqual(keySizeOptions(missing)[0], { value: '', text: 'Not set (OpenSSL makes 2048 bits)' });
      assert.strictEqual(selectedKeySize(missing), '');
      const odd = form(GOOD_CONFIG.replace('default_bits = 2048', 'default_bits = 1024')).bits;
      assert.deepStrictEqual(keySizeOptions(odd)[0], { value: '', text: '1024 (as written)' });
      assert.strictEqual(selectedKeySize(odd), '');
      assert.strictEqual(keySizeOptions(odd).length, FORM_KEY_SIZES.length + 1);
    });

    it('turns a select value into a size the adapter takes, and the empty option into none', () => {
      assert.strictEqual(keySizeOf('3072'), 3072);
      assert.strictEqual(keySizeOf(''), undefined);
      assert.strictEqual(keySizeOf('1024'), undefined);
      for (const { value } of keySizeOptions(form(GOOD_CONFIG).bits)) {
        assert.ok(accepted({ kind: 'set-bits', bits: keySizeOf(value) }), value);
      }
    });
  });

  describe('type options', () => {
    it('offers the vocabulary the core accepts, with its labels', () => {
      assert.deepStrictEqual(
        addTypeOptions('field').map((o) => o.value),
        [...FORM_FIELD_TYPES],
      );
      assert.deepStrictEqual(
        addTypeOptions('san').map((o) => o.value),
        [...FORM_SAN_TYPES],
      );
      assert.strictEqual(addTypeOptions('field').find((o) => o.value === 'OU')?.text, 'OU (Organizational unit)');
      assert.strictEqual(fieldLongName('CN'), FORM_FIELD_NAMES.CN);
      assert.strictEqual(fieldLongName('serialNumber'), undefined);
      for (const { value } of addTypeOptions('field'))
        assert.ok(accepted({ kind: 'add-field', type: value, value: 'x' }), value);
      for (const { value } of addTypeOptions('san'))
        assert.ok(accepted({ kind: 'add-san', type: value, value: 'x' }), value);
    });

    it('keeps a SAN type the form does not offer, shown but not choosable', () => {
      assert.deepStrictEqual(
        sanTypeOptions('IP').map((o) => [o.value, o.disabled]),
        [
          ['DNS', false],
          ['IP', false],
          ['email', false],
          ['URI', false],
        ],
      );
      assert.deepStrictEqual(sanTypeOptions('RID')[0], { value: 'RID', text: 'RID (kept)', disabled: true });
    });
  });

  describe('rowEdit and addEdit', () => {
    it('builds the edits a row describes, which the adapter accepts', () => {
      assert.deepStrictEqual(rowEdit('field:1.OU', 'Payments'), { kind: 'set-field', id: '1.OU', value: 'Payments' });
      assert.deepStrictEqual(rowEdit('san:DNS.1', 'a.example.com', 'DNS'), {
        kind: 'set-san',
        id: 'DNS.1',
        value: 'a.example.com',
        type: 'DNS',
      });
      // A kept type (RID) is not sent, so the row keeps the one written.
      assert.deepStrictEqual(rowEdit('san:RID.1', '1.2.3', 'RID'), { kind: 'set-san', id: 'RID.1', value: '1.2.3' });
      assert.strictEqual(rowEdit('bits', '2048'), undefined);
      for (const edit of [
        rowEdit('field:CN', 'x'),
        rowEdit('san:IP.1', '203.0.113.1', 'IP'),
        rowEdit('san:inline:2', 'x', 'RID'),
      ]) {
        assert.deepStrictEqual(accepted(edit), { type: 'edit', key: 'k', edit });
      }
    });

    it('adds an empty subject field but refuses an empty name, as openssl req would', () => {
      assert.deepStrictEqual(addEdit('field', 'L', ''), { edit: { kind: 'add-field', type: 'L', value: '' } });
      assert.deepStrictEqual(addEdit('san', 'DNS', '  '), { refused: 'Type the name first.' });
      const added = addEdit('san', 'email', 'ops@example.com');
      assert.deepStrictEqual(added, { edit: { kind: 'add-san', type: 'email', value: 'ops@example.com' } });
      assert.ok('edit' in added && accepted(added.edit));
      assert.ok('refused' in addEdit('field', 'serialNumber', 'x'));
      assert.ok('refused' in addEdit('san', 'RID', '1.2.3'));
    });
  });

  describe('problems', () => {
    it('sums up what openssl req -new -batch makes of the config, with the counts of every problem shown', () => {
      const good = form(GOOD_CONFIG);
      assert.deepStrictEqual(problemSummary(good, '', false), {
        ok: true,
        text: 'openssl req -new -batch accepts this config.',
      });
      const broken = form(GOOD_CONFIG.replace('[ dn ]', '[ dn'));
      assert.strictEqual(broken.ok, false);
      assert.deepStrictEqual(problemSummary(broken, severityCounts(broken.findings), true), {
        ok: false,
        text: `openssl req -new -batch fails on this config: ${severityCounts(broken.findings)}.`,
      });
      // The comparison's problems count too: openssl accepts the config, yet it is not what the renewal needs.
      const problem = (severity: 'error' | 'warning', code: string): FormProblem => ({
        severity,
        code,
        message: code,
        range: { line: 18, column: 1, endLine: 18, endColumn: 5 },
        fixes: [],
      });
      const shown = [
        problem('error', 'san-bad-ip'),
        problem('error', 'subject-mismatch'),
        problem('warning', 'san-added'),
      ];
      assert.strictEqual(severityCounts(shown), '2 errors, 1 warning');
      assert.deepStrictEqual(problemSummary(good, severityCounts(shown), true), {
        ok: false,
        text: 'openssl req -new -batch accepts this config; 2 errors, 1 warning.',
      });
      assert.deepStrictEqual(problemSummary(good, '1 warning', false), {
        ok: true,
        text: 'openssl req -new -batch accepts this config; 1 warning.',
      });
    });

    it("shows the config's own findings on their rows until the editor sends the Problems panel's", () => {
      const bad = form(GOOD_CONFIG.replace('IP.1 = 203.0.113.10', 'IP.1 = 203.0.113.300'));
      const early = formProblems(bad, null);
      assert.deepStrictEqual(
        early.map((p) => [p.code, problemRowKey(p.target)]),
        bad.findings.map((f) => [f.code, problemRowKey(f.target)]),
      );
      assert.ok(early.some((p) => problemRowKey(p.target) === 'san:IP.1'));
      assert.deepStrictEqual(formProblems(bad, []), []);
    });

    it('places a problem on the row whose line it is on, or where the form places the config finding', () => {
      const added = form(
        GOOD_CONFIG.replace('IP.1 = 203.0.113.10\n', 'IP.1 = 203.0.113.10\nDNS.2 = extra.example.com\n'),
      );
      const line = GOOD_CONFIG.split('\n').indexOf('IP.1 = 203.0.113.10') + 2;
      const at = (l: number, code = 'san-added') => ({
        code,
        message: 'm',
        range: { line: l, column: 1, endLine: l, endColumn: 9 },
      });
      assert.deepStrictEqual(placeFormProblem(added, at(line)), { kind: 'san', id: 'DNS.2' });
      assert.deepStrictEqual(placeFormProblem(added, at(GOOD_CONFIG.split('\n').indexOf('OU = Program A') + 1)), {
        kind: 'field',
        id: 'OU',
      });
      assert.deepStrictEqual(placeFormProblem(added, at(4)), { kind: 'bits' });
      assert.strictEqual(placeFormProblem(added, at(2)), undefined, 'the [ req ] header: the general list');
      assert.strictEqual(problemRowKey({ kind: 'san', id: 'DNS.2' }), 'san:DNS.2');
      assert.strictEqual(problemRowKey(undefined), undefined);
    });

    it('accepts a fix message and a snapshot, and refuses malformed ones', () => {
      assert.deepStrictEqual(parseConfigEditorRequest({ type: 'fix', id: '3:0' }), { type: 'fix', id: '3:0' });
      assert.strictEqual(parseConfigEditorRequest({ type: 'fix', id: 3 }), undefined);
      const snapshot = {
        summary: 's',
        count: '(1)',
        rows: { 'san:DNS.2': ['x'] },
        general: [],
        fixes: [{ key: 'fix:1:0', text: 't' }],
      };
      assert.deepStrictEqual(parseConfigEditorRequest({ type: 'snapshot', snapshot }), { type: 'snapshot', snapshot });
      assert.strictEqual(
        parseConfigEditorRequest({ type: 'snapshot', snapshot: { ...snapshot, rows: { a: [1] } } }),
        undefined,
      );
    });

    it("names each severity, and reveals a finding's range, or nothing for the whole file", () => {
      assert.deepStrictEqual(
        ['error', 'warning', 'info'].map((s) => severityLabel(s as 'error').name),
        ['Error', 'Warning', 'Info'],
      );
      const range = revealRange({ severity: 'error', code: 'san-bad-ip', message: 'm', line: 3, column: 5 });
      assert.deepStrictEqual(range, { line: 3, column: 5, endLine: 3, endColumn: 5 });
      assert.deepStrictEqual(parseConfigEditorRequest({ type: 'reveal', range }), { type: 'reveal', range });
      assert.strictEqual(revealRange({ severity: 'warning', code: 'provider-missing-ou', message: 'm' }), undefined);
    });
  });
});
