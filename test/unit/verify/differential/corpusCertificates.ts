// Families about single certificates in the path: extensions, keys, CA markings, signatures, key identifiers,
// dates, and encodings openssl loads.
import * as fs from 'fs';
import { CA_EXT, KEY_IDS, LEAF_EXT } from './certificateForge';
import { CorpusContext } from './corpusContext';
import { flipSignatureByte, nonMinimalOuterLength, nonMinimalSubjectString } from './derSurgery';

const UNKNOWN = '1.3.6.1.4.1.55555.1.1';

export function criticalExtensionCases(ctx: CorpusContext): void {
  const family = 'critical extensions';
  const int = ctx.ca('ce-int', { subject: '/CN=CE Int' });
  const leafWith = (name: string, more: string[], ext?: string[]) => {
    const leaf = ctx.leaf(name, int, ext ? { ext } : { more });
    ctx.add(family, name, leaf, { untrusted: [int] });
  };
  leafWith('ce-unknown-critical-leaf', [`${UNKNOWN} = critical,ASN1:UTF8String:x`]);
  leafWith('ce-unknown-noncritical-leaf', [`${UNKNOWN} = ASN1:UTF8String:x`]);
  leafWith(
    'ce-critical-aki',
    [],
    [...LEAF_EXT, 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = critical,keyid'],
  );
  leafWith(
    'ce-critical-ski',
    [],
    [...LEAF_EXT, 'subjectKeyIdentifier = critical,hash', 'authorityKeyIdentifier = keyid'],
  );
  leafWith('ce-critical-san', ['subjectAltName = critical,DNS:a.example.com']);
  leafWith('ce-critical-eku', ['extendedKeyUsage = critical,clientAuth']);
  leafWith('ce-critical-policies', ['certificatePolicies = critical,1.2.3.4']);
  leafWith('ce-critical-freshest-crl', ['freshestCRL = critical,URI:http://crl.example/delta']);
  const intCritical = ctx.ca('ce-int-critical', {
    subject: '/CN=CE Int critical',
    more: [`${UNKNOWN} = critical,ASN1:NULL`],
  });
  ctx.add(family, 'ce-unknown-critical-intermediate', ctx.leaf('ce-int-critical-leaf', intCritical), {
    untrusted: [intCritical],
  });
  const rootCritical = ctx.forge.issue({
    name: 'ce-root-critical',
    subject: '/CN=CE Root critical',
    key: ctx.keys.root,
    ext: [...CA_EXT, ...KEY_IDS, `${UNKNOWN} = critical,ASN1:NULL`],
  });
  ctx.add(family, 'ce-unknown-critical-root', ctx.leaf('ce-root-critical-leaf', rootCritical), {
    trusted: ctx.forge.bundle('ce-root-critical-trusted', [rootCritical]),
  });
  const twice = ctx.leaf('ce-unknown-critical-leaf-and-int', intCritical, {
    more: [`${UNKNOWN} = critical,ASN1:NULL`],
  });
  ctx.add(family, 'ce-unknown-critical-leaf-and-intermediate', twice, { untrusted: [intCritical] });
}

export function explicitCurveCases(ctx: CorpusContext): void {
  const family = 'explicit curve';
  const explicitLeafKey = ctx.forge.key('k-explicit-leaf', { explicit: true });
  const explicitCaKey = ctx.forge.key('k-explicit-ca', { explicit: true });
  const int = ctx.ca('ec-int', { subject: '/CN=EC Int' });
  ctx.add(family, 'ec-named-curve-leaf', ctx.leaf('ec-named-leaf', int), { untrusted: [int] });
  ctx.add(family, 'ec-explicit-leaf-key', ctx.leaf('ec-explicit-leaf', int, { key: explicitLeafKey }), {
    untrusted: [int],
  });
  const explicitInt = ctx.ca('ec-explicit-int', { subject: '/CN=EC explicit Int', key: explicitCaKey });
  ctx.add(family, 'ec-explicit-intermediate-key', ctx.leaf('ec-explicit-int-leaf', explicitInt), {
    untrusted: [explicitInt],
  });
  const explicitRoot = ctx.forge.issue({
    name: 'ec-explicit-root',
    subject: '/CN=EC explicit Root',
    key: explicitCaKey,
    ext: [...CA_EXT, ...KEY_IDS],
  });
  ctx.add(family, 'ec-explicit-root-key', ctx.leaf('ec-explicit-root-leaf', explicitRoot), {
    trusted: ctx.forge.bundle('ec-explicit-root-trusted', [explicitRoot]),
  });
}

export function caMarkingCases(ctx: CorpusContext): void {
  const family = 'CA markings';
  const { forge, keys } = ctx;
  const anchorCase = (name: string, ext: string[] | undefined, v1 = false) => {
    const anchor = forge.issue({ name: `${name}-anchor`, subject: `/CN=${name}`, key: keys.root, ext, v1 });
    const leaf = forge.issue({
      name: `${name}-leaf`,
      subject: `/CN=${name} leaf`,
      key: keys.leaf,
      issuer: anchor,
      ext: [...LEAF_EXT, 'subjectKeyIdentifier = hash'],
    });
    ctx.add(family, name, leaf, { trusted: forge.bundle(`${name}-trusted`, [anchor]) });
    return anchor;
  };
  anchorCase('cam-root-ku-certsign-no-bc', ['keyUsage = critical,keyCertSign', ...KEY_IDS]);
  anchorCase('cam-root-ku-certsign-noncritical-no-bc', ['keyUsage = keyCertSign,cRLSign']);
  anchorCase('cam-root-neither-bc-nor-ku', ['subjectKeyIdentifier = hash']);
  anchorCase('cam-root-no-extensions-v3', []);
  anchorCase('cam-root-ku-without-certsign-no-bc', ['keyUsage = critical,digitalSignature', ...KEY_IDS]);
  anchorCase('cam-root-ku-without-certsign', [
    'basicConstraints = critical,CA:true',
    'keyUsage = critical,cRLSign',
    ...KEY_IDS,
  ]);
  anchorCase('cam-root-bc-ca-false', ['basicConstraints = critical,CA:false', ...KEY_IDS]);
  const v1 = anchorCase('cam-root-v1', undefined, true);
  const v1int = ctx.ca('cam-v1-root-int', {
    issuer: v1,
    subject: '/CN=under v1 root',
    ext: [...CA_EXT, 'subjectKeyIdentifier = hash'],
  });
  ctx.add(family, 'cam-root-v1-with-intermediate', ctx.leaf('cam-v1-root-int-leaf', v1int), {
    trusted: forge.bundle('cam-root-v1-trusted-2', [v1]),
    untrusted: [v1int],
  });

  const intCase = (name: string, ext: string[] | undefined, v1int = false) => {
    const int = forge.issue({
      name: `${name}-int`,
      subject: `/CN=${name}`,
      key: keys.ca,
      issuer: ctx.root,
      ext,
      v1: v1int,
    });
    ctx.add(family, name, ctx.leaf(`${name}-leaf`, int, { ext: [...LEAF_EXT, 'subjectKeyIdentifier = hash'] }), {
      untrusted: [int],
    });
  };
  intCase('cam-int-v1', undefined, true);
  intCase('cam-int-ku-certsign-no-bc', ['keyUsage = critical,keyCertSign', 'authorityKeyIdentifier = keyid']);
  intCase('cam-int-bc-ca-false', ['basicConstraints = critical,CA:false', 'authorityKeyIdentifier = keyid']);
  intCase('cam-int-no-extensions', ['authorityKeyIdentifier = keyid']);
  intCase('cam-int-ku-digital-signature', [
    'basicConstraints = critical,CA:true',
    'keyUsage = critical,digitalSignature',
  ]);
  intCase('cam-int-ku-crlsign-only', ['basicConstraints = critical,CA:true', 'keyUsage = critical,cRLSign']);
  intCase('cam-int-ku-certsign-only', ['basicConstraints = critical,CA:true', 'keyUsage = critical,keyCertSign']);
  intCase('cam-int-bc-no-ku', ['basicConstraints = critical,CA:true']);
  intCase('cam-int-bc-noncritical', ['basicConstraints = CA:true', 'keyUsage = keyCertSign']);

  // A keyUsage whose first two octets are zero makes OpenSSL mark the certificate invalid (RFC 5280 4.2.1.3):
  // it is then never an issuer, and never issued; decipherOnly alone (bit 8) is a keyUsage like any other.
  const CA_TRUE = 'basicConstraints = critical,CA:true';
  anchorCase('cam-root-ku-empty', [CA_TRUE, 'keyUsage = critical,DER:030100', ...KEY_IDS]);
  anchorCase('cam-root-ku-zero-octet', [CA_TRUE, 'keyUsage = critical,DER:03020000', ...KEY_IDS]);
  anchorCase('cam-root-ku-bit16-only', [CA_TRUE, 'keyUsage = critical,DER:030407000080', ...KEY_IDS]);
  anchorCase('cam-root-ku-decipher-only', [CA_TRUE, 'keyUsage = critical,DER:0303070080', ...KEY_IDS]);
  intCase('cam-int-ku-empty', [CA_TRUE, 'keyUsage = critical,DER:030100']);
  ctx.add(
    family,
    'cam-leaf-ku-empty',
    ctx.leaf('cam-leaf-ku-empty', ctx.root, { ext: ['keyUsage = critical,DER:030100', 'subjectKeyIdentifier = hash'] }),
    {},
  );
}

export function signatureCases(ctx: CorpusContext): void {
  const family = 'signatures';
  const { forge } = ctx;
  const int = ctx.ca('sig-int', { subject: '/CN=Sig Int' });
  const leaf = ctx.leaf('sig-leaf', int);
  ctx.add(family, 'sig-good', leaf, { untrusted: [int] });
  ctx.add(family, 'sig-leaf-flipped', forge.rewrite(leaf, 'sig-leaf-flipped', flipSignatureByte), { untrusted: [int] });
  const badInt = forge.rewrite(int, 'sig-int-flipped', flipSignatureByte);
  ctx.add(family, 'sig-intermediate-flipped', leaf, { untrusted: [badInt] });
  const badRoot = forge.rewrite(ctx.root, 'sig-root-flipped', flipSignatureByte);
  ctx.add(family, 'sig-trusted-root-flipped', leaf, {
    trusted: forge.bundle('sig-root-flipped-trusted', [badRoot]),
    untrusted: [int],
  });
  // Same issuer name, another key, no key identifiers to tell them apart.
  const impostor = forge.issue({
    name: 'sig-impostor',
    subject: '/CN=Sig Int',
    key: ctx.keys.other,
    issuer: ctx.root,
    ext: CA_EXT,
  });
  const impostorLeaf = forge.issue({ name: 'sig-impostor-leaf', key: ctx.keys.leaf, issuer: impostor, ext: LEAF_EXT });
  ctx.add(family, 'sig-signed-by-namesake', impostorLeaf, { untrusted: [int] });
  ctx.add(family, 'sig-signed-by-namesake-both-given', impostorLeaf, { untrusted: [int, impostor] });
}

export function keyIdentifierCases(ctx: CorpusContext): void {
  const family = 'key identifiers';
  const { forge } = ctx;
  const wrongAki = `authorityKeyIdentifier = DER:30168014${'11'.repeat(20)}`;
  const int = ctx.ca('kid-int', { subject: '/CN=KID Int' });
  ctx.add(family, 'kid-aki-matches-ski', ctx.leaf('kid-match-leaf', int), { untrusted: [int] });
  ctx.add(family, 'kid-aki-mismatch', ctx.leaf('kid-mismatch-leaf', int, { ext: [...LEAF_EXT, wrongAki] }), {
    untrusted: [int],
  });
  ctx.add(family, 'kid-leaf-without-aki', ctx.leaf('kid-no-aki-leaf', int, { ext: LEAF_EXT }), { untrusted: [int] });
  const noSki = ctx.ca('kid-int-no-ski', {
    subject: '/CN=KID Int no SKI',
    ext: [...CA_EXT, 'authorityKeyIdentifier = keyid'],
  });
  ctx.add(
    family,
    'kid-aki-but-issuer-without-ski',
    ctx.leaf('kid-no-ski-leaf', noSki, { ext: [...LEAF_EXT, wrongAki] }),
    { untrusted: [noSki] },
  );
  ctx.add(
    family,
    'kid-aki-keyid-and-issuer',
    ctx.leaf('kid-full-aki-leaf', int, { ext: [...LEAF_EXT, 'authorityKeyIdentifier = keyid,issuer:always'] }),
    {
      untrusted: [int],
    },
  );
  const intWrongAki = ctx.ca('kid-int-wrong-aki', {
    subject: '/CN=KID Int wrong AKI',
    ext: [...CA_EXT, 'subjectKeyIdentifier = hash', wrongAki],
  });
  ctx.add(family, 'kid-intermediate-aki-mismatch-root', ctx.leaf('kid-int-wrong-aki-leaf', intWrongAki), {
    untrusted: [intWrongAki],
  });
  // Two namesakes, the right one second: the key identifier picks it.
  const twin = forge.issue({
    name: 'kid-twin',
    subject: '/CN=KID Int',
    key: ctx.keys.other,
    issuer: ctx.root,
    ext: [...CA_EXT, ...KEY_IDS],
  });
  ctx.add(family, 'kid-namesake-first-in-untrusted', ctx.leaf('kid-twin-leaf', int), { untrusted: [twin, int] });
}

export function dateCases(ctx: CorpusContext): void {
  const family = 'dates';
  const { forge, keys } = ctx;
  const d = (iso: string) => new Date(iso);
  const at = d('2025-06-01T00:00:00Z');
  const root = forge.issue({
    name: 'dt-root',
    subject: '/CN=Dated Root',
    key: keys.root,
    ext: [...CA_EXT, ...KEY_IDS],
    dates: { notBefore: d('2020-01-01T00:00:00Z'), notAfter: d('2040-01-01T00:00:00Z') },
  });
  const expiredRoot = forge.issue({
    name: 'dt-root-expired',
    subject: '/CN=Dated Root',
    key: keys.root,
    ext: [...CA_EXT, ...KEY_IDS],
    dates: { notBefore: d('2015-01-01T00:00:00Z'), notAfter: d('2024-01-01T00:00:00Z') },
  });
  const ca = (name: string, notBefore: string, notAfter: string) =>
    forge.issue({
      name,
      subject: '/CN=Dated Int',
      key: keys.ca,
      issuer: root,
      ext: [...CA_EXT, ...KEY_IDS],
      dates: { notBefore: d(notBefore), notAfter: d(notAfter) },
    });
  const int = ca('dt-int', '2021-01-01T00:00:00Z', '2031-01-01T00:00:00Z');
  const expiredInt = ca('dt-int-expired', '2021-01-01T00:00:00Z', '2024-12-31T23:59:59Z');
  const leaf = (name: string, notBefore: string, notAfter: string) =>
    forge.issue({
      name,
      subject: `/CN=${name}`,
      key: keys.leaf,
      issuer: int,
      ext: [...LEAF_EXT, ...KEY_IDS],
      dates: { notBefore: d(notBefore), notAfter: d(notAfter) },
    });
  const good = leaf('dt-leaf', '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
  const future = leaf('dt-leaf-future', '2025-07-01T00:00:00Z', '2026-07-01T00:00:00Z');
  const expired = leaf('dt-leaf-expired', '2024-01-01T00:00:00Z', '2025-05-31T23:59:59Z');
  const trusted = forge.bundle('dt-root-trusted', [root]);
  ctx.add(family, 'dt-all-valid', good, { trusted, untrusted: [int], attime: at });
  ctx.add(family, 'dt-all-valid-no-check-time', good, { trusted, untrusted: [int] });
  ctx.add(family, 'dt-expired-intermediate', good, { trusted, untrusted: [expiredInt], attime: at });
  ctx.add(family, 'dt-not-yet-valid-leaf', future, { trusted, untrusted: [int], attime: at });
  ctx.add(family, 'dt-expired-leaf', expired, { trusted, untrusted: [int], attime: at });
  ctx.add(family, 'dt-expired-root', good, {
    trusted: forge.bundle('dt-root-expired-trusted', [expiredRoot]),
    untrusted: [int],
    attime: at,
  });
  ctx.add(family, 'dt-expired-leaf-and-intermediate', expired, { trusted, untrusted: [expiredInt], attime: at });
  ctx.add(family, 'dt-at-exact-not-after', expired, { trusted, untrusted: [int], attime: d('2025-05-31T23:59:59Z') });
  ctx.add(family, 'dt-at-exact-not-before', future, { trusted, untrusted: [int], attime: d('2025-07-01T00:00:00Z') });
  // Two namesake intermediates, the expired one first: openssl prefers the one valid at the time.
  ctx.add(family, 'dt-expired-namesake-first', good, { trusted, untrusted: [expiredInt, int], attime: at });
  ctx.add(family, 'dt-expired-namesake-first-no-check-time', good, { trusted, untrusted: [expiredInt, int] });
  // A time OpenSSL cannot write as an ASN1_TIME (past the year 9999) makes every comparison an error.
  ctx.add(family, 'dt-attime-past-year-9999', good, {
    trusted,
    untrusted: [int],
    attime: new Date(300_000_000_000_000),
  });
}

export function encodingCases(ctx: CorpusContext): void {
  const family = 'encodings openssl loads';
  const { forge } = ctx;
  const int = ctx.ca('enc-int', { subject: '/CN=Enc Int' });
  const leaf = ctx.leaf('enc-leaf', int);
  ctx.add(family, 'enc-leaf-outer-length-non-minimal', forge.rewrite(leaf, 'enc-leaf-long', nonMinimalOuterLength), {
    untrusted: [int],
  });
  const longRoot = forge.rewrite(ctx.root, 'enc-root-long', nonMinimalOuterLength);
  ctx.add(family, 'enc-root-outer-length-non-minimal', leaf, {
    trusted: forge.bundle('enc-root-long-trusted', [longRoot]),
    untrusted: [int],
  });
  const berNameRoot = forge.rewrite(ctx.root, 'enc-root-ber-name', nonMinimalSubjectString);
  ctx.add(family, 'enc-root-subject-ber-length', leaf, {
    trusted: forge.bundle('enc-root-ber-name-trusted', [berNameRoot]),
    untrusted: [int],
  });
  const berNameInt = forge.rewrite(int, 'enc-int-ber-name', nonMinimalSubjectString);
  ctx.add(family, 'enc-intermediate-subject-ber-length', leaf, { untrusted: [berNameInt] });
  const negative = ctx.forge.issue({
    name: 'enc-negative-serial',
    key: ctx.keys.leaf,
    issuer: int,
    ext: [...LEAF_EXT, ...KEY_IDS],
    serial: '-0x1234',
  });
  ctx.add(family, 'enc-negative-serial', negative, { untrusted: [int] });
  const zero = ctx.forge.issue({
    name: 'enc-zero-serial',
    key: ctx.keys.leaf,
    issuer: int,
    ext: [...LEAF_EXT, ...KEY_IDS],
    serial: '0',
  });
  ctx.add(family, 'enc-zero-serial', zero, { untrusted: [int] });
  const berExt = ctx.leaf('enc-ber-unknown-extension', int, { more: [`${UNKNOWN} = DER:30800401780000`] });
  ctx.add(family, 'enc-ber-inside-unknown-extension', berExt, { untrusted: [int] });
  const berSan = ctx.leaf('enc-ber-san', int, {
    more: [`subjectAltName = DER:30810d820b${Buffer.from('example.com').toString('hex')}`],
  });
  ctx.add(family, 'enc-ber-length-inside-san', berSan, { untrusted: [int] });

  // Bundles with more than certificates in them: openssl takes the certificates and passes over the rest.
  const rootPem = fs.readFileSync(ctx.root.certPath, 'utf8');
  const keyPem = fs.readFileSync(ctx.keys.other, 'utf8');
  const mixed = forge.file('enc-mixed-bundle.pem');
  fs.writeFileSync(mixed, `Subject: the corpus root\n${keyPem}\nsome words\n${rootPem}`);
  ctx.add(family, 'enc-bundle-with-key-and-text', leaf, { trusted: mixed, untrusted: [int] });
  const unrelatedBer = forge.rewrite(
    ctx.forge.issue({ name: 'enc-unrelated', key: ctx.keys.other, ext: [...CA_EXT, ...KEY_IDS] }),
    'enc-unrelated-long',
    nonMinimalOuterLength,
  );
  ctx.add(family, 'enc-bundle-of-an-unrelated-long-form-root', leaf, {
    trusted: forge.bundle('enc-unrelated-trusted', [unrelatedBer]),
    untrusted: [int],
  });
}
