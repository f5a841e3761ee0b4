// Differential: each case is a CA carrying a nameConstraints extension and a leaf it signs; openssl verify's
// first error for the leaf must be what our reading of the extension and our checks give.
import * as assert from 'assert';
import {
  checkNameConstraints,
  checkNameConstraintsCN,
  parseNameConstraints,
} from '../../../../src/core/verify/chain/nameConstraints';
import { X509_V_ERR } from '../../../../src/core/verify/chain/verifyErrors';
import { NcLab, Verdict, ascii, certParts, tlv } from './support/ncLab';

interface Case {
  title: string;
  ca: string;
  dn?: string[];
  ext?: string[];
  sections?: string;
  /** The leaf's string_mask: `default` makes PrintableString (or BMPString) subjects. */
  mask?: string;
}

/** A raw nameConstraints value for what openssl's config syntax cannot write. */
const raw = (hex: string): string[] => [`2.5.29.30 = critical,DER:${hex}`];
const dnsBase = (host: string): string => tlv(0x82, ascii(host));
const subtree = (...parts: string[]): string => tlv(0x30, ...parts);
const permitted = (...subtrees: string[]): string => tlv(0xa0, ...subtrees);
const excluded = (...subtrees: string[]): string => tlv(0xa1, ...subtrees);
const nc = (...parts: string[]): string => tlv(0x30, ...parts);
const cnName = (tag: number, value: string): string =>
  tlv(0x30, tlv(0x31, tlv(0x30, tlv(0x06, '550403'), tlv(tag, value))));

const MANY = 1024;
const manySection = ['[many]', ...Array.from({ length: MANY }, (_, i) => `permitted;DNS.${i} = .d${i}.example`)].join(
  '\n',
);
const sanSection = (count: number, last?: string): string =>
  [
    '[sans]',
    ...Array.from({ length: count }, (_, i) => `DNS.${i} = ${i === count - 1 && last ? last : `x.d${i}.example`}`),
  ].join('\n');

const CAS: Record<string, { ext: string[]; sections?: string }> = {
  dns: {
    ext: [
      'nameConstraints = critical,permitted;DNS:.example.com,permitted;DNS:example.org,excluded;DNS:bad.example.com',
    ],
  },
  ip: {
    ext: [
      'nameConstraints = critical,permitted;IP:10.0.0.0/255.0.0.0,permitted;IP:2001:db8::/ffff:ffff::,excluded;IP:10.1.0.0/255.255.0.0',
    ],
  },
  email: {
    ext: [
      'nameConstraints = critical,permitted;email:example.com,permitted;email:.mail.example.org,permitted;email:boss@corp.example,excluded;email:evil@example.com',
    ],
  },
  eai: { ext: ['nameConstraints = critical,permitted;email:xn--bcher-kva.example'] },
  uri: {
    ext: [
      'nameConstraints = critical,permitted;URI:.example.com,permitted;URI:host.example.org,excluded;URI:bad.example.com',
    ],
  },
  dir: {
    ext: ['nameConstraints = critical,permitted;dirName:dir_ok,excluded;dirName:dir_bad'],
    sections: ['[dir_ok]', 'O = Acme Corp', '[dir_bad]', 'O = Acme Corp', 'OU = Bad'].join('\n'),
  },
  other: { ext: ['nameConstraints = critical,permitted;otherName:1.2.3.4;UTF8:hello,excluded;RID:1.2.3.5'] },
  many: { ext: ['nameConstraints = critical,@many'], sections: manySection },
  min1: { ext: raw(nc(permitted(subtree(dnsBase('.example.com'), tlv(0x80, '01'))))) },
  min0: { ext: raw(nc(permitted(subtree(dnsBase('.example.com'), tlv(0x80, '00'))))) },
  max: { ext: raw(nc(permitted(subtree(dnsBase('.example.com'), tlv(0x81, '05'))))) },
  emptyDns: { ext: raw(nc(excluded(subtree(dnsBase(''))))) },
  ipLength: { ext: raw(nc(permitted(subtree(tlv(0x87, '0a000000ff'))))) },
  empty: { ext: raw(nc()) },
  emptyLongForm: { ext: raw('308100') },
  trailing: { ext: raw(nc(permitted(subtree(dnsBase('.example.com')))) + '0500') },
  indefinite: { ext: raw(`3080a0803080${dnsBase('.example.com')}000000000000`) },
  constructedDns: {
    ext: raw(nc(permitted(subtree(tlv(0xa2, tlv(0x04, ascii('.exam')), tlv(0x04, ascii('ple.com'))))))),
  },
  longLength: { ext: raw(nc(permitted(subtree('82810c' + ascii('.example.com'))))) },
  x400: { ext: raw(nc(excluded(subtree(tlv(0xa3, tlv(0x05, '')))))) },
  swapped: { ext: raw(nc(excluded(subtree(dnsBase('a.example'))), permitted(subtree(dnsBase('b.example'))))) },
  visibleDir: { ext: raw(nc(permitted(subtree(tlv(0xa4, cnName(0x1a, ascii('a'))))))) },
  badUtf8Dir: { ext: raw(nc(permitted(subtree(tlv(0xa4, cnName(0x0c, 'c328')))))) },
  oddBmpDir: { ext: raw(nc(permitted(subtree(tlv(0xa4, cnName(0x1e, '0061ff')))))) },
  bmpDir: { ext: raw(nc(permitted(subtree(tlv(0xa4, cnName(0x1e, '00410020002000420043')))))) },
  paddedMin: { ext: raw(nc(permitted(subtree(dnsBase('.example.com'), tlv(0x80, '0001'))))) },
  choice9: { ext: raw(nc(permitted(subtree(tlv(0x89, '00'))))) },
  enumeratedDir: { ext: raw(nc(permitted(subtree(tlv(0xa4, cnName(0x0a, '01')))))) },
  descriptorDir: { ext: raw(nc(permitted(subtree(tlv(0xa4, cnName(0x07, ascii('A'))))))) },
  generalStringDir: { ext: raw(nc(permitted(subtree(tlv(0xa4, cnName(0x1b, ascii('A'))))))) },
  octetDir: { ext: raw(nc(permitted(subtree(tlv(0xa4, cnName(0x04, ascii('A'))))))) },
  bitStringDir: { ext: raw(nc(permitted(subtree(tlv(0xa4, cnName(0x03, '0041')))))) },
  numericDir: { ext: raw(nc(permitted(subtree(tlv(0xa4, cnName(0x12, ascii('1  2'))))))) },
  surrogateDir: { ext: raw(nc(permitted(subtree(tlv(0xa4, cnName(0x1e, 'd800')))))) },
  bigUniversalDir: { ext: raw(nc(permitted(subtree(tlv(0xa4, cnName(0x1c, '00110000')))))) },
  emptyRdnDir: { ext: raw(nc(permitted(subtree(tlv(0xa4, tlv(0x30, '3100', cnName(0x0c, ascii('A')).slice(4))))))) },
  highTagDns: { ext: raw(nc(permitted(subtree('9f020c' + ascii('.example.com'))))) },
  indefiniteDns: { ext: raw(nc(permitted(subtree('a280' + tlv(0x04, ascii('.example.com')) + '0000')))) },
  primitiveName: { ext: raw(nc(permitted(subtree(tlv(0xa4, '10' + cnName(0x0c, ascii('a')).slice(2)))))) },
  primitiveTree: { ext: raw(nc(tlv(0x80, subtree(dnsBase('.example.com'))))) },
  otherNoValue: { ext: raw(nc(permitted(subtree(tlv(0xa0, tlv(0x06, '2a03')))))) },
  x400Primitive: { ext: raw(nc(excluded(subtree(tlv(0x83, '00'))))) },
  eocInside: { ext: raw(nc(permitted(subtree(dnsBase('.example.com'), '0000')))) },
};

const CASES: Case[] = [
  // DNS: leading dot, label boundary, case, excluded, every SAN, CN fallback.
  { title: 'DNS in a leading-dot subtree', ca: 'dns', ext: ['subjectAltName = DNS:www.example.com'] },
  { title: 'DNS compared without case', ca: 'dns', ext: ['subjectAltName = DNS:WWW.Example.COM'] },
  { title: 'DNS equal to a leading-dot subtree', ca: 'dns', ext: ['subjectAltName = DNS:example.com'] },
  { title: 'DNS under a subtree without dot', ca: 'dns', ext: ['subjectAltName = DNS:www.example.org'] },
  { title: 'DNS not at a label boundary', ca: 'dns', ext: ['subjectAltName = DNS:badexample.org'] },
  { title: 'DNS excluded exactly', ca: 'dns', ext: ['subjectAltName = DNS:bad.example.com'] },
  { title: 'DNS excluded below', ca: 'dns', ext: ['subjectAltName = DNS:x.bad.example.com'] },
  { title: 'DNS outside every subtree', ca: 'dns', ext: ['subjectAltName = DNS:www.other.com'] },
  { title: 'second SAN outside', ca: 'dns', ext: ['subjectAltName = DNS:a.example.com,DNS:evil.net'] },
  { title: 'CN host name, no SAN, inside', ca: 'dns', dn: ['CN = www.example.com'] },
  { title: 'CN host name, no SAN, outside', ca: 'dns', dn: ['CN = www.other.com'] },
  { title: 'CN host name excluded', ca: 'dns', dn: ['CN = bad.example.com'] },
  { title: 'CN of one label is no host name', ca: 'dns', dn: ['CN = localhost'] },
  { title: 'CN with a space is no host name', ca: 'dns', dn: ['CN = foo bar.other.com'] },
  { title: 'CN with a leading hyphen is no host name', ca: 'dns', dn: ['CN = -a.other.com'] },
  { title: 'CN with underscores is a host name', ca: 'dns', dn: ['CN = a_b.other.com'] },
  {
    title: 'CN outside but a DNS SAN inside',
    ca: 'dns',
    dn: ['CN = www.other.com'],
    ext: ['subjectAltName = DNS:www.example.com'],
  },
  {
    title: 'CN outside and only an IP SAN',
    ca: 'dns',
    dn: ['CN = www.other.com'],
    ext: ['subjectAltName = IP:10.0.0.1'],
  },
  { title: 'second CN outside', ca: 'dns', dn: ['1.CN = www.example.com', '2.CN = www.other.com'] },
  // IP: v4, v6, masks, families.
  { title: 'IPv4 inside', ca: 'ip', ext: ['subjectAltName = IP:10.2.3.4'] },
  { title: 'IPv4 outside', ca: 'ip', ext: ['subjectAltName = IP:11.0.0.1'] },
  { title: 'IPv4 excluded', ca: 'ip', ext: ['subjectAltName = IP:10.1.2.3'] },
  { title: 'IPv6 inside', ca: 'ip', ext: ['subjectAltName = IP:2001:db8::1'] },
  { title: 'IPv6 outside', ca: 'ip', ext: ['subjectAltName = IP:2001:db9::1'] },
  { title: 'IPv4-mapped IPv6 is not IPv4', ca: 'ip', ext: ['subjectAltName = IP:::ffff:10.0.0.1'] },
  { title: 'DNS under IP-only constraints', ca: 'ip', ext: ['subjectAltName = DNS:anything.test'] },
  { title: 'IP against a constraint of the wrong length', ca: 'ipLength', ext: ['subjectAltName = IP:10.0.0.1'] },
  // email: host, leading dot, local part, subject emailAddress, SmtpUTF8Mailbox.
  { title: 'email on a host', ca: 'email', ext: ['subjectAltName = email:alice@example.com'] },
  { title: 'email host without case', ca: 'email', ext: ['subjectAltName = email:alice@EXAMPLE.com'] },
  { title: 'email below a host', ca: 'email', ext: ['subjectAltName = email:alice@sub.example.com'] },
  { title: 'email below a leading-dot host', ca: 'email', ext: ['subjectAltName = email:a@x.mail.example.org'] },
  { title: 'email on a leading-dot host itself', ca: 'email', ext: ['subjectAltName = email:a@mail.example.org'] },
  { title: 'email mailbox exact', ca: 'email', ext: ['subjectAltName = email:boss@corp.example'] },
  { title: 'email local part with case', ca: 'email', ext: ['subjectAltName = email:Boss@corp.example'] },
  { title: 'email excluded', ca: 'email', ext: ['subjectAltName = email:evil@example.com'] },
  { title: 'email without @', ca: 'email', ext: ['subjectAltName = email:no-at-sign'] },
  { title: 'subject emailAddress inside', ca: 'email', dn: ['CN = leaf', 'emailAddress = alice@example.com'] },
  { title: 'subject emailAddress outside', ca: 'email', dn: ['CN = leaf', 'emailAddress = x@other.com'] },
  {
    title: 'subject emailAddress without email constraints',
    ca: 'dns',
    dn: ['CN = leaf', 'emailAddress = x@other.com'],
  },
  {
    title: 'SmtpUTF8Mailbox on a host',
    ca: 'email',
    ext: ['subjectAltName = otherName:1.3.6.1.5.5.7.8.9;UTF8:user@example.com'],
  },
  {
    title: 'SmtpUTF8Mailbox below a leading-dot host (3.0 compares against a doubled dot)',
    ca: 'email',
    ext: ['subjectAltName = otherName:1.3.6.1.5.5.7.8.9;UTF8:a@x.mail.example.org'],
  },
  {
    title: 'SmtpUTF8Mailbox against a mailbox constraint (3.0 compares the whole mailbox as host)',
    ca: 'email',
    ext: ['subjectAltName = otherName:1.3.6.1.5.5.7.8.9;UTF8:boss@corp.example'],
  },
  {
    title: 'SmtpUTF8Mailbox that is not a UTF8String',
    ca: 'email',
    ext: ['subjectAltName = otherName:1.3.6.1.5.5.7.8.9;IA5:user@example.com'],
  },
  {
    title: 'SmtpUTF8Mailbox in a U-label host',
    ca: 'eai',
    ext: ['subjectAltName = otherName:1.3.6.1.5.5.7.8.9;UTF8:user@bücher.example'],
  },
  {
    title: 'SmtpUTF8Mailbox with non-ASCII case',
    ca: 'eai',
    ext: ['subjectAltName = otherName:1.3.6.1.5.5.7.8.9;UTF8:user@BÜCHER.example'],
  },
  { title: 'rfc822Name under a U-label constraint', ca: 'eai', ext: ['subjectAltName = email:user@bücher.example'] },
  // URI: host extraction.
  { title: 'URI host below a leading dot', ca: 'uri', ext: ['subjectAltName = URI:https://www.example.com/path'] },
  { title: 'URI host with a port', ca: 'uri', ext: ['subjectAltName = URI:https://HOST.example.org:8443/'] },
  { title: 'URI host equal to a leading dot', ca: 'uri', ext: ['subjectAltName = URI:https://example.com/'] },
  { title: 'URI host excluded', ca: 'uri', ext: ['subjectAltName = URI:https://bad.example.com/x'] },
  { title: 'URI without //', ca: 'uri', ext: ['subjectAltName = URI:urn:isbn:123'] },
  { title: 'URI without a host', ca: 'uri', ext: ['subjectAltName = URI:file:///etc/passwd'] },
  { title: 'URI with user info', ca: 'uri', ext: ['subjectAltName = URI:https://user@host.example.org/'] },
  // directoryName: canonical prefix.
  { title: 'subject under a directoryName', ca: 'dir', dn: ['O = Acme Corp', 'CN = leaf'] },
  { title: 'subject differing in case and spaces', ca: 'dir', dn: ['O = "  ACME   corp "', 'CN = leaf'] },
  {
    title: 'PrintableString subject under a UTF8String directoryName',
    ca: 'dir',
    dn: ['O = ACME CORP', 'CN = leaf'],
    mask: 'default',
  },
  {
    title: 'BMPString subject outside a directoryName',
    ca: 'dir',
    dn: ['O = Acmé Corp', 'CN = leaf'],
    mask: 'default',
  },
  {
    title: 'T61String subject folded to UTF-8',
    ca: 'dir',
    dn: ['O = Acme Corp', 'OU = Équipe', 'CN = leaf'],
    mask: 'default',
  },
  { title: 'PrintableString CN host name outside', ca: 'dns', dn: ['CN = www.other.com'], mask: 'default' },
  {
    title: 'T61String CN with a Latin-1 letter is no host name',
    ca: 'dns',
    dn: ['CN = wwé.other.com'],
    mask: 'default',
  },
  { title: 'subject outside a directoryName', ca: 'dir', dn: ['O = Other', 'CN = leaf'] },
  { title: 'subject with an RDN before the subtree', ca: 'dir', dn: ['C = US', 'O = Acme Corp', 'CN = leaf'] },
  { title: 'subject excluded', ca: 'dir', dn: ['O = Acme Corp', 'OU = Bad', 'CN = leaf'] },
  {
    title: 'dirName SAN outside',
    ca: 'dir',
    dn: ['O = Acme Corp', 'CN = leaf'],
    ext: ['subjectAltName = dirName:dir_san'],
    sections: '[dir_san]\nO = Other\nCN = x',
  },
  { title: 'BMPString constraint folded like the subject', ca: 'bmpDir', dn: ['CN = a   bc'] },
  { title: 'BMPString constraint, other subject', ca: 'bmpDir', dn: ['CN = abc'] },
  // otherName and registeredID constraints OpenSSL does not support.
  { title: 'otherName of a constrained type', ca: 'other', ext: ['subjectAltName = otherName:1.2.3.4;UTF8:hello'] },
  { title: 'otherName of another type', ca: 'other', ext: ['subjectAltName = otherName:1.2.3.9;UTF8:hello'] },
  { title: 'registeredID under RID constraints', ca: 'other', ext: ['subjectAltName = RID:1.2.3.5'] },
  { title: 'DNS under otherName constraints', ca: 'other', ext: ['subjectAltName = DNS:x.test'] },
  // minimum and maximum.
  { title: 'minimum 1', ca: 'min1', ext: ['subjectAltName = DNS:www.example.com'] },
  { title: 'minimum 1, no name of its type', ca: 'min1', ext: ['subjectAltName = IP:10.0.0.1'] },
  { title: 'minimum 0', ca: 'min0', ext: ['subjectAltName = DNS:www.example.com'] },
  { title: 'maximum', ca: 'max', ext: ['subjectAltName = DNS:www.example.com'] },
  { title: 'empty excluded DNS excludes all', ca: 'emptyDns', ext: ['subjectAltName = DNS:x.test'] },
  // what OpenSSL's d2i accepts and refuses.
  { title: 'empty NameConstraints', ca: 'empty', ext: ['subjectAltName = DNS:x.test'] },
  { title: 'empty NameConstraints with a long-form length', ca: 'emptyLongForm', ext: ['subjectAltName = DNS:x.test'] },
  { title: 'bytes after the SEQUENCE', ca: 'trailing', ext: ['subjectAltName = DNS:x.test'] },
  { title: 'indefinite lengths', ca: 'indefinite', ext: ['subjectAltName = DNS:x.test'] },
  { title: 'constructed dNSName, inside', ca: 'constructedDns', ext: ['subjectAltName = DNS:www.example.com'] },
  { title: 'constructed dNSName, outside', ca: 'constructedDns', ext: ['subjectAltName = DNS:www.other.com'] },
  { title: 'non-minimal length', ca: 'longLength', ext: ['subjectAltName = DNS:www.other.com'] },
  { title: 'x400Address constraint', ca: 'x400', ext: ['subjectAltName = DNS:www.other.com'] },
  { title: 'excluded before permitted', ca: 'swapped', ext: ['subjectAltName = DNS:x.test'] },
  { title: 'VisibleString in a directoryName', ca: 'visibleDir' },
  { title: 'bad UTF-8 in a directoryName', ca: 'badUtf8Dir' },
  { title: 'odd BMPString in a directoryName', ca: 'oddBmpDir' },
  { title: 'padded minimum', ca: 'paddedMin', ext: ['subjectAltName = DNS:x.test'] },
  { title: 'GeneralName [9]', ca: 'choice9' },
  { title: 'primitive permittedSubtrees, inside', ca: 'primitiveTree', ext: ['subjectAltName = DNS:www.example.com'] },
  { title: 'primitive permittedSubtrees, outside', ca: 'primitiveTree', ext: ['subjectAltName = DNS:x.test'] },
  { title: 'ENUMERATED in a directoryName', ca: 'enumeratedDir' },
  { title: 'ObjectDescriptor in a directoryName', ca: 'descriptorDir', dn: ['CN = A'] },
  { title: 'GeneralString in a directoryName', ca: 'generalStringDir' },
  { title: 'OCTET STRING in a directoryName', ca: 'octetDir' },
  { title: 'BIT STRING in a directoryName', ca: 'bitStringDir', dn: ['CN = A'] },
  { title: 'NumericString in a directoryName is not folded', ca: 'numericDir', dn: ['CN = 1 2'] },
  { title: 'BMPString surrogate in a directoryName', ca: 'surrogateDir' },
  { title: 'UniversalString past U+10FFFF in a directoryName', ca: 'bigUniversalDir' },
  { title: 'empty RDN in a directoryName', ca: 'emptyRdnDir', dn: ['CN = a'] },
  { title: 'dNSName in high-tag-number form', ca: 'highTagDns', ext: ['subjectAltName = DNS:x.test'] },
  { title: 'dNSName of indefinite length', ca: 'indefiniteDns', ext: ['subjectAltName = DNS:x.test'] },
  { title: 'primitive Name SEQUENCE in a directoryName', ca: 'primitiveName', dn: ['CN = A'] },
  { title: 'primitive Name SEQUENCE in a directoryName, outside', ca: 'primitiveName', dn: ['CN = b'] },
  { title: 'otherName without a value', ca: 'otherNoValue' },
  { title: 'primitive x400Address', ca: 'x400Primitive' },
  { title: 'end-of-contents in definite contents', ca: 'eocInside' },
  // the work limit: names x constraints against 2^20.
  {
    title: `${MANY} SANs and a CN against ${MANY} constraints: over the limit`,
    ca: 'many',
    ext: ['subjectAltName = @sans'],
    sections: sanSection(MANY),
  },
  {
    title: `${MANY - 1} SANs and a CN against ${MANY} constraints: at the limit`,
    ca: 'many',
    ext: ['subjectAltName = @sans'],
    sections: sanSection(MANY - 1),
  },
  {
    title: `${MANY - 1} SANs, the last outside, at the limit`,
    ca: 'many',
    ext: ['subjectAltName = @sans'],
    sections: sanSection(MANY - 1, 'x.elsewhere.example'),
  },
];

/**
 * Our verdict for the leaf: an extension OpenSSL cannot decode makes the CA invalid, and openssl verify then
 * does not take it as the issuer (error 20 at depth 0); otherwise the name checks as check_name_constraints
 * runs them for the target.
 */
function ours(caPath: string, leafPath: string): Verdict {
  const ca = certParts(caPath);
  const leaf = certParts(leafPath);
  const constraints = parseNameConstraints(ca.extensions.get('2.5.29.30') ?? Buffer.alloc(0));
  if (constraints === undefined) return { code: X509_V_ERR.UNABLE_TO_GET_ISSUER_CERT_LOCALLY, depth: 0 };
  const san = leaf.extensions.get('2.5.29.17');
  let code = checkNameConstraints(constraints, leaf.subject, san);
  if (code === X509_V_ERR.OK) code = checkNameConstraintsCN(constraints, leaf.subject, san);
  return { code, depth: 0 };
}

describe('name constraints against openssl verify', function () {
  this.timeout(120_000);
  const lab = new NcLab();
  const verdicts = new Map<string, { openssl: Verdict; ours: Verdict }>();

  before(() => {
    const caPaths = new Map<string, string>();
    for (const [name, spec] of Object.entries(CAS)) caPaths.set(name, lab.makeCa(name, spec.ext, spec.sections));
    CASES.forEach((c, i) => {
      const caPath = caPaths.get(c.ca);
      assert.ok(caPath, c.ca);
      const leafPath = lab.makeLeaf(String(i), caPath, c.dn ?? ['CN = leaf'], c.ext ?? [], c.sections, c.mask);
      verdicts.set(c.title, { openssl: lab.verify(caPath, leafPath), ours: ours(caPath, leafPath) });
    });
  });

  after(() => lab.cleanup());

  for (const c of CASES) {
    it(c.title, () => {
      const v = verdicts.get(c.title);
      assert.ok(v);
      assert.deepStrictEqual(v.ours, v.openssl);
    });
  }

  it('the corpus reaches every verdict name constraints can give', () => {
    const codes = new Set([...verdicts.values()].map((v) => v.openssl.code));
    for (const code of [0, 1, 20, 47, 48, 49, 51, 53]) assert.ok(codes.has(code), `no case gives ${code}`);
  });
});
