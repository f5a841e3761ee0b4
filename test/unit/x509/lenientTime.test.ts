import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readCertificate } from '../../../src/core/x509/certificate';
import { certificateText } from '../../../src/core/x509/certificateText';
import { scratchDir } from '../../support/cryptoFixtures';
import { openssl } from '../../support/openssl';
import { Der, generalizedTime, handBuiltCertificate, utcTime } from './handBuiltCertificate';

// OpenSSL 3.0 reads a certificate's times without RFC 5280's strictness: what it reads, we read, and the
// same instant; what it calls a bad time, we refuse.
const accepted: Record<string, Der> = {
  'UTCTime without seconds': utcTime('2601021504Z'),
  'UTCTime with a positive offset': utcTime('260102150405+0130'),
  'UTCTime with a negative offset, across midnight': utcTime('261231220000-0500'),
  'UTCTime without seconds, with an offset': utcTime('2601021504+1200'),
  'GeneralizedTime without seconds': generalizedTime('202601021504Z'),
  'GeneralizedTime with a fraction': generalizedTime('20260102150405.25Z'),
  'GeneralizedTime with a fraction and an offset': generalizedTime('20260102150405.125-0030'),
};

const refused: Record<string, Der> = {
  'UTCTime without a zone': utcTime('260102150405'),
  'UTCTime with an offset past 12 hours': utcTime('260102150405+1300'),
  'UTCTime with an offset without minutes': utcTime('260102150405+01'),
  'GeneralizedTime with a fraction but no seconds': generalizedTime('202601021504.5Z'),
  'UTCTime on February 29 of a common year': utcTime('270229000000Z'),
};

/** `2026-01-02 15:04:05.25Z` (or without `Z` for an offset, already shifted to UTC) as ISO 8601. */
function isoFromOpenssl(line: string): string {
  const value = line.slice(line.indexOf('=') + 1).trim();
  return new Date(value.replace(' ', 'T').replace(/Z?$/, 'Z')).toISOString();
}

describe('certificate times, read as leniently as openssl 3.0 reads them', () => {
  const dir = scratchDir('times-');
  for (const [label, time] of Object.entries(accepted)) {
    it(`reads ${label}`, () => {
      const file = path.join(dir, label.replace(/\W+/g, '-') + '.crt');
      fs.writeFileSync(file, handBuiltCertificate({ notBefore: time }));
      const dates = openssl(['x509', '-in', file, '-noout', '-startdate', '-enddate', '-dateopt', 'iso_8601'])
        .trim()
        .split('\n');
      const certificate = readCertificate(fs.readFileSync(file));
      assert.strictEqual(certificate.notBefore, isoFromOpenssl(dates[0]));
      assert.strictEqual(certificate.notAfter, isoFromOpenssl(dates[1]));
      const text = openssl(['x509', '-in', file, '-noout', '-text']);
      const line = (t: string) => t.split('\n').find((l) => l.includes('Not Before:'));
      assert.strictEqual(line(certificateText(certificate)), line(text));
    });
  }
  for (const [label, time] of Object.entries(refused)) {
    it(`refuses ${label}, which openssl prints as a bad time`, () => {
      const file = path.join(dir, label.replace(/\W+/g, '-') + '.crt');
      fs.writeFileSync(file, handBuiltCertificate({ notBefore: time }));
      assert.match(openssl(['x509', '-in', file, '-noout', '-startdate']), /Bad time value/);
      assert.throws(() => readCertificate(fs.readFileSync(file)), /malformed/);
    });
  }
});
