import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readCertificate } from '../../../src/core/x509/certificate';
import { certificateText } from '../../../src/core/x509/certificateText';
import { scratchDir } from '../../support/cryptoFixtures';
import { openssl } from '../../support/openssl';
import { atv, Der, handBuiltCertificate, name, oid, printable, seq, tlv, utf8 } from './handBuiltCertificate';

const ascii = (s: string) => Array.from(Buffer.from(s, 'latin1'));
const subjectAltName = (...names: Der[]): Der => seq(oid('2.5.29.17'), tlv(0x04, seq(...names)));

// openssl x509 -req -extfile cannot write x400Address or ediPartyName names: the certificate is built by hand.
const sans: Record<string, Der[]> = {
  'x400Address and ediPartyName, which openssl lists as unsupported': [
    tlv(0x82, ascii('a.example')),
    tlv(0xa3, tlv(0x61, printable('DE'))), // an ORAddress of a country only
    tlv(0xa5, [...tlv(0xa0, utf8('assigner')), ...tlv(0xa1, utf8('party'))]),
    tlv(0xa5, tlv(0xa1, utf8('party only'))),
    tlv(0x81, ascii('ops@example.com')),
  ],
  'every other type beside them': [
    tlv(0x86, ascii('https://example.com/x')),
    tlv(0x87, [203, 0, 113, 10]),
    tlv(0x88, [0x2a, 0x03, 0x04]),
    tlv(0xa4, name([atv('2.5.4.6', printable('DE'))], [atv('2.5.4.3', utf8('dir'))])),
    tlv(0xa5, tlv(0xa1, utf8('edi'))),
    tlv(0xa3, []),
  ],
};

describe('subjectAltNames, against openssl x509', () => {
  const dir = scratchDir('sans-');
  for (const [label, names] of Object.entries(sans)) {
    it(label, () => {
      const file = path.join(dir, label.replace(/\W+/g, '-') + '.crt');
      fs.writeFileSync(file, handBuiltCertificate({ extensions: [subjectAltName(...names)] }));
      const printed = openssl(['x509', '-in', file, '-noout', '-ext', 'subjectAltName']).split('\n')[1].trim();
      const certificate = readCertificate(fs.readFileSync(file));
      assert.strictEqual(certificate.subjectAltNames.length, names.length);
      const text = openssl(['x509', '-in', file, '-noout', '-text']).split('\n');
      const ours = certificateText(certificate).split('\n');
      const sanLine = (lines: string[]) => lines[lines.findIndex((l) => l.includes('Subject Alternative Name')) + 1];
      assert.strictEqual(sanLine(ours), sanLine(text));
      assert.strictEqual(sanLine(ours).trim(), printed);
    });
  }
});
