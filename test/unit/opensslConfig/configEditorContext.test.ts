import * as assert from 'assert';
import { referenceAt, sectionRole } from '../../../src/core/opensslConfig/configEditorContext';
import { checkOpensslConfig } from '../../../src/core/opensslConfig/validateOpensslConfig';

describe('configEditorContext', () => {
  it('names the role of each section of a request config', () => {
    const text = [
      '[ req ]',
      'prompt = no',
      'distinguished_name = dn',
      'req_extensions = ext',
      '[ dn ]',
      'CN = a',
      '[ ext ]',
      'subjectAltName = @alts',
      '[ alts ]',
      'DNS.1 = a',
      '[ misc ]',
      'x = 1',
    ].join('\n');
    const { config, request } = checkOpensslConfig(text);
    assert.deepStrictEqual(
      ['req', 'dn', 'ext', 'alts', 'misc'].map((s) => sectionRole(config, request, s)),
      ['req', 'distinguished-name', 'extensions', 'subject-alt-names', 'other'],
    );
  });

  it('finds the variable or section reference under the cursor', () => {
    const line = 'CN = $base.${dn::host} @alt_names';
    assert.deepStrictEqual(referenceAt(line, 6), {
      kind: 'variable',
      section: undefined,
      name: 'base',
      start: 5,
      end: 10,
    });
    assert.deepStrictEqual(referenceAt(line, 14), {
      kind: 'variable',
      section: 'dn',
      name: 'host',
      start: 11,
      end: 22,
    });
    assert.deepStrictEqual(referenceAt(line, 25), { kind: 'section', name: 'alt_names', start: 23, end: 33 });
    assert.strictEqual(referenceAt(line, 1), undefined);
  });
});
