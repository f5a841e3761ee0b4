// Name-constrained CAs (v3_ncons.c): every name type openssl matches, the types it refuses, names it cannot
// read, the common-name fallback, and the work limit on names times constraints.
import { CA_EXT, KEY_IDS, LEAF_EXT } from './certificateForge';
import { CorpusContext } from './corpusContext';

const FAMILY = 'name constraints';

/** DER in hex: tag, length, contents. */
function tlv(tag: number, hex: string): string {
  const length = hex.length / 2;
  const lengthHex = length < 0x80 ? length.toString(16).padStart(2, '0') : `81${length.toString(16).padStart(2, '0')}`;
  return `${tag.toString(16).padStart(2, '0')}${lengthHex}${hex}`;
}

const ascii = (s: string): string => Buffer.from(s, 'ascii').toString('hex');

export function nameConstraintCases(ctx: CorpusContext): void {
  const { root } = ctx;
  let n = 0;
  /** A CA under the root with `constraint` as its critical nameConstraints, and the CA as the untrusted file. */
  const constrained = (constraint: string, sections?: string) => {
    const ca = ctx.ca(`nc-ca-${n++}`, {
      subject: `/CN=NC CA ${n}`,
      more: [`nameConstraints = critical,${constraint}`],
      sections,
    });
    return { ca, untrusted: ctx.forge.bundle(`nc-ca-${n}-bundle`, [ca]) };
  };
  const leafCase = (
    name: string,
    ca: { ca: ReturnType<CorpusContext['ca']>; untrusted: string },
    options: { sans?: string; subject?: string; sections?: string },
  ) => {
    const more = options.sans ? [`subjectAltName = ${options.sans}`] : [];
    const leaf = ctx.leaf(name, ca.ca, { more, subject: options.subject, sections: options.sections });
    ctx.add(FAMILY, name, leaf, { untrusted: ca.untrusted });
  };

  const dns = constrained('permitted;DNS:example.com,excluded;DNS:bad.example.com');
  leafCase('nc-dns-permitted-inside', dns, { sans: 'DNS:api.example.com' });
  leafCase('nc-dns-permitted-exact', dns, { sans: 'DNS:EXAMPLE.com' });
  leafCase('nc-dns-permitted-outside', dns, { sans: 'DNS:api.example.org' });
  leafCase('nc-dns-permitted-suffix-not-label', dns, { sans: 'DNS:notexample.com' });
  leafCase('nc-dns-excluded-hit', dns, { sans: 'DNS:x.bad.example.com' });
  leafCase('nc-dns-second-san-outside', dns, { sans: 'DNS:a.example.com,DNS:b.example.net' });
  leafCase('nc-dns-no-dns-names', dns, { sans: 'IP:192.0.2.1' });

  const dotted = constrained('permitted;DNS:.example.com');
  leafCase('nc-dns-leading-dot-sub', dotted, { sans: 'DNS:a.example.com' });
  leafCase('nc-dns-leading-dot-apex', dotted, { sans: 'DNS:example.com' });

  const ip = constrained(
    'permitted;IP:10.0.0.0/255.0.0.0,permitted;IP:2001:db8::/ffff:ffff::,excluded;IP:10.9.0.0/255.255.0.0',
  );
  leafCase('nc-ipv4-permitted-inside', ip, { sans: 'IP:10.1.2.3' });
  leafCase('nc-ipv4-permitted-outside', ip, { sans: 'IP:192.168.1.1' });
  leafCase('nc-ipv4-excluded-hit', ip, { sans: 'IP:10.9.8.7' });
  leafCase('nc-ipv6-permitted-inside', ip, { sans: 'IP:2001:db8:1::5' });
  leafCase('nc-ipv6-permitted-outside', ip, { sans: 'IP:2001:db9::5' });
  const ip6only = constrained('permitted;IP:2001:db8::/ffff:ffff::,excluded;IP:2001:db8:bad::/ffff:ffff:ffff::');
  leafCase('nc-ipv6-excluded-hit', ip6only, { sans: 'IP:2001:db8:bad::1' });
  leafCase('nc-ipv4-against-ipv6-only', ip6only, { sans: 'IP:10.0.0.1' });

  const email = constrained(
    'permitted;email:example.com,permitted;email:.corp.example,excluded;email:boss@example.com',
  );
  leafCase('nc-email-permitted-host', email, { sans: 'email:alice@example.com' });
  leafCase('nc-email-host-not-subdomain', email, { sans: 'email:alice@sub.example.com' });
  leafCase('nc-email-leading-dot-sub', email, { sans: 'email:bob@eu.corp.example' });
  leafCase('nc-email-excluded-mailbox', email, { sans: 'email:boss@example.com' });
  leafCase('nc-email-outside', email, { sans: 'email:eve@evil.example' });
  leafCase('nc-email-subject-address-outside', email, { subject: '/CN=mailer/emailAddress=eve@evil.example' });
  leafCase('nc-email-subject-address-inside', email, { subject: '/CN=mailer/emailAddress=carol@example.com' });
  leafCase('nc-email-no-at', email, { sans: 'email:not-an-address' });
  leafCase('nc-email-smtputf8-inside', email, { sans: 'otherName:1.3.6.1.5.5.7.8.9;UTF8:dan@example.com' });
  leafCase('nc-email-smtputf8-outside', email, { sans: 'otherName:1.3.6.1.5.5.7.8.9;UTF8:dan@evil.example' });

  const uri = constrained('permitted;URI:.example.com,excluded;URI:admin.example.com');
  leafCase('nc-uri-permitted-inside', uri, { sans: 'URI:https://api.example.com/path' });
  leafCase('nc-uri-permitted-outside', uri, { sans: 'URI:https://api.example.org/' });
  leafCase('nc-uri-excluded-hit', uri, { sans: 'URI:https://admin.example.com:8443/x' });
  leafCase('nc-uri-no-host', uri, { sans: 'URI:urn:example:thing' });

  const dir = constrained('permitted;dirName:nc_dir', '[ nc_dir ]\nO = Good Org\n');
  leafCase('nc-dirname-inside', dir, { subject: '/O=Good Org/CN=inside' });
  leafCase('nc-dirname-outside', dir, { subject: '/O=Bad Org/CN=outside' });
  leafCase('nc-dirname-san-outside', dir, {
    subject: '/O=Good Org/CN=inside-dn',
    sans: 'dirName:leaf_dir',
    sections: '[ leaf_dir ]\nO = Other Org\nCN = x\n',
  });
  const dirExcluded = constrained('excluded;dirName:nc_dir', '[ nc_dir ]\nO = Bad Org\n');
  leafCase('nc-dirname-excluded-hit', dirExcluded, { subject: '/O=Bad Org/OU=Unit/CN=x' });
  leafCase('nc-dirname-excluded-miss', dirExcluded, { subject: '/O=Good Org/CN=x' });

  const upn = '1.3.6.1.4.1.311.20.2.3';
  const other = constrained(`permitted;otherName:${upn};UTF8:example.com`);
  leafCase('nc-othername-same-type', other, { sans: `otherName:${upn};UTF8:user@example.com` });
  leafCase('nc-othername-no-othername', other, { sans: 'DNS:anything.example.net' });
  leafCase('nc-othername-other-oid', other, { sans: 'otherName:1.2.3.4;UTF8:free' });
  const rid = constrained('permitted;RID:1.2.3.4');
  leafCase('nc-registeredid', rid, { sans: 'RID:1.2.3.4.5' });

  // Constraints openssl's config cannot write: given as DER.
  const ipFive = tlv(0x30, tlv(0xa0, tlv(0x30, tlv(0x87, '0a000000ff'))));
  const badIp = constrained(`DER:${ipFive}`);
  leafCase('nc-ip-constraint-five-bytes', badIp, { sans: 'IP:10.0.0.1' });
  leafCase('nc-ip-constraint-five-bytes-dns-only', badIp, { sans: 'DNS:a.example.com' });
  const minOne = tlv(0x30, tlv(0xa0, tlv(0x30, tlv(0x82, ascii('example.com')) + tlv(0x80, '01'))));
  const minimum = constrained(`DER:${minOne}`);
  leafCase('nc-subtree-minimum-one', minimum, { sans: 'DNS:a.example.com' });
  const maxOne = tlv(0x30, tlv(0xa1, tlv(0x30, tlv(0x82, ascii('bad.example')) + tlv(0x81, '05'))));
  const maximum = constrained(`DER:${maxOne}`);
  leafCase('nc-subtree-maximum-excluded', maximum, { sans: 'DNS:a.example.com' });
  leafCase('nc-subtree-maximum-other-type', maximum, { sans: 'IP:10.0.0.1' });

  const nulDns = constrained(`DER:${tlv(0x30, tlv(0xa0, tlv(0x30, tlv(0x82, '6578610000652e636f6d'))))}`);
  leafCase('nc-dns-constraint-embedded-nul', nulDns, { sans: 'DNS:a.example.com' });
  const emptyDir = constrained(`DER:${tlv(0x30, tlv(0xa0, tlv(0x30, tlv(0xa4, '3000'))))}`);
  leafCase('nc-dirname-empty-constraint', emptyDir, { subject: '/O=Any/CN=x' });
  const dotOnly = constrained(`DER:${tlv(0x30, tlv(0xa0, tlv(0x30, tlv(0x82, '2e'))))}`);
  leafCase('nc-dns-constraint-dot-only', dotOnly, { sans: 'DNS:a.example.com' });
  const emptyDns = constrained(`DER:${tlv(0x30, tlv(0xa0, tlv(0x30, tlv(0x82, ''))))}`);
  leafCase('nc-dns-constraint-empty', emptyDns, { sans: 'DNS:a.example.com' });
  leafCase('nc-email-smtputf8-ia5-value', email, { sans: 'otherName:1.3.6.1.5.5.7.8.9;IA5:dan@example.com' });

  // Without DNS names openssl checks a common name that looks like a host name as one.
  const cn = constrained('permitted;DNS:example.com');
  leafCase('nc-cn-only-inside', cn, { subject: '/CN=host.example.com' });
  leafCase('nc-cn-only-outside', cn, { subject: '/CN=host.evil.example' });
  leafCase('nc-cn-not-a-hostname', cn, { subject: '/CN=Payments Client' });
  leafCase('nc-cn-single-label', cn, { subject: '/CN=localhost' });
  leafCase('nc-cn-ignored-with-dns-san', cn, { subject: '/CN=host.evil.example', sans: 'DNS:ok.example.com' });
  leafCase('nc-cn-checked-with-ip-san', cn, { subject: '/CN=host.evil.example', sans: 'IP:10.0.0.1' });

  // Constraints on the trust anchor itself, and on a CA below a constrained one.
  const anchor = ctx.forge.issue({
    name: 'nc-anchor',
    subject: '/CN=NC Anchor',
    key: ctx.keys.root,
    ext: [...CA_EXT, ...KEY_IDS, 'nameConstraints = critical,permitted;DNS:example.com,permitted;dirName:anchor_dir'],
    sections: '[ anchor_dir ]\nO = NC\n',
  });
  const anchorTrusted = ctx.forge.bundle('nc-anchor-trusted', [anchor]);
  const anchorInside = ctx.leaf('nc-anchor-leaf-inside', anchor, {
    subject: '/O=NC/CN=leaf',
    more: ['subjectAltName = DNS:a.example.com'],
  });
  ctx.add(FAMILY, 'nc-anchor-inside', anchorInside, { trusted: anchorTrusted });
  const anchorOutside = ctx.leaf('nc-anchor-leaf-outside', anchor, {
    subject: '/O=NC/CN=leaf',
    more: ['subjectAltName = DNS:a.example.org'],
  });
  ctx.add(FAMILY, 'nc-anchor-outside', anchorOutside, { trusted: anchorTrusted });
  const anchorSub = ctx.ca('nc-anchor-sub', { issuer: anchor, subject: '/CN=Sub outside dir' });
  const anchorSubLeaf = ctx.leaf('nc-anchor-sub-leaf', anchorSub, {
    subject: '/O=NC/CN=leaf',
    more: ['subjectAltName = DNS:b.example.com'],
  });
  ctx.add(FAMILY, 'nc-anchor-intermediate-dn-outside', anchorSubLeaf, {
    trusted: anchorTrusted,
    untrusted: [anchorSub],
  });

  workLimitCases(ctx, root);
}

/** openssl refuses (error 1) once names times constraints exceed 2^20: the subject's entries count as names. */
function workLimitCases(ctx: CorpusContext, root: ReturnType<CorpusContext['ca']>): void {
  const constraints = 1024;
  const ncLines = Array.from({ length: constraints }, (_, i) => `permitted;DNS.${i} = z${i}.example.com`).join('\n');
  const ca = ctx.ca('nc-work-ca', {
    issuer: root,
    subject: '/CN=Work CA',
    more: ['nameConstraints = critical,@nc_many'],
    sections: `[ nc_many ]\n${ncLines}\n`,
  });
  const untrusted = ctx.forge.bundle('nc-work-ca-bundle', [ca]);
  for (const sans of [1023, 1024]) {
    const alt = Array.from({ length: sans }, (_, i) => `DNS.${i} = h${i}.z0.example.com`).join('\n');
    const leaf = ctx.forge.issue({
      name: `nc-work-leaf-${sans}`,
      subject: '/CN=work',
      key: ctx.keys.leaf,
      issuer: ca,
      ext: [...LEAF_EXT, ...KEY_IDS, 'subjectAltName = @alt_many'],
      sections: `[ alt_many ]\n${alt}\n`,
    });
    ctx.add(FAMILY, `nc-work-limit-${sans + 1}-names-x-${constraints}`, leaf, { untrusted });
  }
}
