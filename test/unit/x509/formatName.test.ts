import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readCertificate } from '../../../src/core/x509/certificate';
import { certificateText } from '../../../src/core/x509/certificateText';
import { formatName } from '../../../src/core/x509/formatName';
import { scratchDir } from '../../support/cryptoFixtures';
import { openssl } from '../../support/openssl';
import { atv, Der, handBuiltCertificate, name, printable, str, tlv, utf8 } from './handBuiltCertificate';

const CN = '2.5.4.3';
const O = '2.5.4.10';
const OU = '2.5.4.11';

/** Names openssl's tools refuse to write or write only one way: each becomes a certificate's subject. */
const awkward: Record<string, Der> = {
  'RFC 2253 specials, quoted or escaped': name(
    [atv(CN, utf8('a,b'))],
    [atv(O, utf8('semi;"q"<>#h\\ '))],
    [atv(OU, utf8('x+y'))],
    [atv(OU, utf8('back\\slash "quoted"'))],
  ),
  'spaces and # first or last': name(
    [atv(CN, utf8(' lead'))],
    [atv(O, utf8('trail '))],
    [atv(OU, utf8('#start'))],
    [atv(OU, utf8('mid#dle mid space'))],
    [atv(OU, utf8(' '))],
    [atv(OU, utf8('#'))],
  ),
  'multi-valued RDNs': name(
    [atv(CN, utf8('a')), atv(OU, utf8('b')), atv(O, utf8('c'))],
    [atv('2.5.4.6', printable('DE'))],
  ),
  'non-ASCII in every string type': name(
    [atv(CN, utf8('Grüße 日本 😀'))],
    [atv(O, str(0x1e, Buffer.from('00dc20ac', 'hex')))], // BMPString
    [atv(OU, str(0x1c, Buffer.from('000000dc0001f600', 'hex')))], // UniversalString, beyond the BMP
    [atv(OU, str(0x14, Buffer.from('e9fc', 'hex')))], // T61String, byte per character
    [atv(OU, str(0x16, 'ia5'))],
    [atv(OU, str(0x12, '0123'))],
  ),
  'control characters': name([atv(CN, utf8('a\x01b\x7fc\nd\te'))], [atv(O, utf8('\x00'))]),
  'unknown OIDs, and values that are no strings': name(
    [atv('1.2.3.4', utf8('hello'))],
    [atv('1.2.3.6', tlv(0x30, tlv(0x05, [])))],
    [atv(OU, tlv(0x03, [0x00, 0xab]))],
  ),
  'empty values': name([atv(CN, utf8(''))], [atv(O, printable(''))], [atv('1.2.3.4', utf8(''))]),
  'attributes only OpenSSL object table names': name(
    [atv('1.2.643.100.1', str(0x12, '1027700132195'))],
    [atv('1.2.643.3.131.1.1', str(0x12, '007702070139'))],
    [atv('1.2.643.100.3', str(0x12, '12345678901'))],
    [atv('2.5.4.97', utf8('VATDE-123'))],
  ),
};

/** Values OpenSSL's name decoder refuses (x_name.c), and the certificate with them. */
const refused: Record<string, Der> = {
  'a UTF8String that is not UTF-8': str(0x0c, Buffer.from('41fffe42', 'hex')),
  'a BMPString with a surrogate pair': str(0x1e, Buffer.from('d83dde00', 'hex')),
  'a VideotexString': str(0x15, 'videotex'),
  'an INTEGER': tlv(0x02, [0x01, 0x00]),
};

describe('formatName, against openssl x509 -subject with its default name option', () => {
  const dir = scratchDir('names-');
  for (const [label, subject] of Object.entries(awkward)) {
    it(label, () => {
      const file = path.join(dir, label.replace(/\W+/g, '-') + '.crt');
      fs.writeFileSync(file, handBuiltCertificate({ subject }));
      const expected = openssl(['x509', '-in', file, '-noout', '-subject'])
        .replace(/^subject=/, '')
        .replace(/\n$/, '');
      const certificate = readCertificate(fs.readFileSync(file));
      assert.strictEqual(formatName(certificate.subject), expected);
      // The decoded view prints the same names where `openssl x509 -text` does.
      const text = openssl(['x509', '-in', file, '-noout', '-text']);
      const line = (t: string, label: string) => t.split('\n').find((l) => l.trim().startsWith(label));
      assert.strictEqual(line(certificateText(certificate), 'Subject:'), line(text, 'Subject:'));
      assert.strictEqual(line(certificateText(certificate), 'Issuer:'), line(text, 'Issuer:'));
    });
  }

  for (const [label, value] of Object.entries(refused)) {
    it(`refuses a certificate as openssl does: ${label}`, () => {
      const file = path.join(dir, label.replace(/\W+/g, '-') + '.crt');
      fs.writeFileSync(file, handBuiltCertificate({ subject: name([atv(OU, value)]) }));
      assert.throws(() => openssl(['x509', '-in', file, '-noout', '-subject']));
      assert.throws(() => readCertificate(fs.readFileSync(file)));
    });
  }

  it('prints names that were not read from DER (a config, a copy) as UTF-8 strings, escaped the same way', () => {
    const file = path.join(dir, 'copied.crt');
    fs.writeFileSync(file, handBuiltCertificate({ subject: awkward['RFC 2253 specials, quoted or escaped'] }));
    const expected = openssl(['x509', '-in', file, '-noout', '-subject'])
      .replace(/^subject=/, '')
      .trim();
    const copied = readCertificate(fs.readFileSync(file)).subject.map((a) => ({ ...a }));
    assert.strictEqual(formatName(copied), expected);
  });

  it('leaves a redacted value as written: it is our placeholder naming an origin, not a value openssl prints', () => {
    const placeholder = '‹from the environment: ENV::SECRET›';
    assert.strictEqual(
      formatName([
        { type: 'L', value: `pre-${placeholder}-post`, redacted: true },
        { type: 'O', value: 'Zürich' },
      ]),
      `L = pre-${placeholder}-post, O = Z\\C3\\BCrich`,
    );
  });
});
