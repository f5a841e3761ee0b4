// Families about the path: its length and depth, CAs that share a subject, what is trusted and what is not.
import { CA_EXT, Issued, KEY_IDS, LEAF_EXT } from './certificateForge';
import { CorpusContext } from './corpusContext';

export function pathLengthCases(ctx: CorpusContext): void {
  const family = 'path length';
  const { forge, keys } = ctx;
  const anchor = (name: string, pathlen: number): { ca: Issued; trusted: string } => {
    const ca = forge.issue({
      name,
      subject: `/CN=${name}`,
      key: keys.root,
      ext: [`basicConstraints = critical,CA:true,pathlen:${pathlen}`, 'keyUsage = critical,keyCertSign', ...KEY_IDS],
    });
    return { ca, trusted: forge.bundle(`${name}-trusted`, [ca]) };
  };
  const r0 = anchor('pl0-root', 0);
  ctx.add(family, 'pl0-root-signs-leaf', ctx.leaf('pl0-root-leaf', r0.ca), { trusted: r0.trusted });
  const r0int = ctx.ca('pl0-root-int', { issuer: r0.ca, subject: '/CN=pl0 int' });
  ctx.add(family, 'pl0-root-one-intermediate', ctx.leaf('pl0-root-int-leaf', r0int), {
    trusted: r0.trusted,
    untrusted: [r0int],
  });
  // A self-issued intermediate (same subject as its issuer, another key) is not counted by pathLen.
  const r0self = ctx.ca('pl0-root-self-issued', { issuer: r0.ca, subject: '/CN=pl0-root', key: keys.ca });
  ctx.add(family, 'pl0-root-self-issued-intermediate', ctx.leaf('pl0-root-self-leaf', r0self), {
    trusted: r0.trusted,
    untrusted: [r0self],
  });
  const r0selfThenInt = ctx.ca('pl0-root-self-then-int', {
    issuer: r0self,
    subject: '/CN=pl0 below self',
    key: keys.ca2,
  });
  ctx.add(family, 'pl0-root-self-issued-then-intermediate', ctx.leaf('pl0-root-self-int-leaf', r0selfThenInt), {
    trusted: r0.trusted,
    untrusted: [r0self, r0selfThenInt],
  });

  const int0 = ctx.ca('pl0-int', {
    subject: '/CN=pl0 int under root',
    ext: ['basicConstraints = critical,CA:true,pathlen:0', 'keyUsage = critical,keyCertSign', ...KEY_IDS],
  });
  ctx.add(family, 'pl0-intermediate-signs-leaf', ctx.leaf('pl0-int-leaf', int0), { untrusted: [int0] });
  const int0sub = ctx.ca('pl0-int-sub', { issuer: int0, subject: '/CN=pl0 sub', key: keys.ca2 });
  ctx.add(family, 'pl0-intermediate-signs-ca', ctx.leaf('pl0-int-sub-leaf', int0sub), { untrusted: [int0, int0sub] });
  ctx.add(family, 'pl0-intermediate-signs-ca-as-target', int0sub, { untrusted: [int0] });

  const r1 = anchor('pl1-root', 1);
  const r1a = ctx.ca('pl1-int-a', { issuer: r1.ca, subject: '/CN=pl1 a' });
  ctx.add(family, 'pl1-root-one-intermediate', ctx.leaf('pl1-a-leaf', r1a), { trusted: r1.trusted, untrusted: [r1a] });
  const r1b = ctx.ca('pl1-int-b', { issuer: r1a, subject: '/CN=pl1 b', key: keys.ca2 });
  ctx.add(family, 'pl1-root-two-intermediates', ctx.leaf('pl1-b-leaf', r1b), {
    trusted: r1.trusted,
    untrusted: [r1a, r1b],
  });
  const r1aSelf = ctx.ca('pl1-int-a-self', { issuer: r1a, subject: '/CN=pl1 a', key: keys.other });
  ctx.add(family, 'pl1-root-intermediate-and-self-issued', ctx.leaf('pl1-a-self-leaf', r1aSelf), {
    trusted: r1.trusted,
    untrusted: [r1a, r1aSelf],
  });
  const r1c = ctx.ca('pl1-int-c', { issuer: r1b, subject: '/CN=pl1 c', key: keys.other });
  ctx.add(family, 'pl1-root-three-intermediates', ctx.leaf('pl1-c-leaf', r1c), {
    trusted: r1.trusted,
    untrusted: [r1a, r1b, r1c],
  });
}

export function depthCases(ctx: CorpusContext): void {
  const family = 'chain depth';
  const pool = [ctx.keys.ca, ctx.keys.ca2, ctx.keys.other];
  const chain: Issued[] = [];
  let issuer = ctx.root;
  for (let i = 1; i <= 102; i++) {
    issuer = ctx.forge.issue({
      name: `deep-${i}`,
      subject: `/CN=Deep CA ${i}`,
      key: pool[i % pool.length],
      issuer,
      ext: [...CA_EXT, ...KEY_IDS],
    });
    chain.push(issuer);
  }
  const all = ctx.forge.bundle('deep-all', chain);
  // The trust anchor sits at depth k when the target is the k-th CA down the chain.
  for (const k of [20, 98, 99, 100, 101, 102]) {
    ctx.add(family, `deep-target-root-at-depth-${k}`, chain[k - 1], { untrusted: all });
  }
  const leaf20 = ctx.leaf('deep-leaf-20', chain[18]);
  ctx.add(family, 'deep-leaf-root-at-depth-20', leaf20, { untrusted: all });
  const leaf101 = ctx.leaf('deep-leaf-101', chain[99]);
  ctx.add(family, 'deep-leaf-root-at-depth-101', leaf101, { untrusted: all });
  const leaf100 = ctx.leaf('deep-leaf-100', chain[98]);
  ctx.add(family, 'deep-leaf-root-at-depth-100', leaf100, { untrusted: all });
  ctx.add(family, 'deep-leaf-20-missing-one', leaf20, { untrusted: chain.slice(0, 18).filter((_, i) => i !== 9) });
}

export function sharedSubjectCases(ctx: CorpusContext): void {
  const family = 'shared subject';
  const { forge } = ctx;
  const count = 100;
  const signer = 56;
  const subject = '/O=Corpus/CN=Shared CA';
  // The trusted set carries subject key identifiers and makes the hundred keys in the same openssl calls;
  // the untrusted set, under the root, reuses the keys and has no key identifiers at all.
  const anchors = Array.from({ length: count }, (_, i) =>
    forge.issue({
      name: `shared-anchor-${i}`,
      subject,
      key: forge.file(`k-shared-${i}.key`),
      newKey: true,
      ext: [...CA_EXT, 'subjectKeyIdentifier = hash'],
    }),
  );
  const trusted = forge.bundle('shared-anchors', anchors);
  const leaf = (name: string, issuer: Issued, ext: string[]) =>
    forge.issue({ name, subject: `/CN=${name}`, key: ctx.keys.leaf, issuer, ext });
  ctx.add(
    family,
    'shared-aki-keyid-signer-57th',
    leaf('shared-leaf-keyid', anchors[signer], [...LEAF_EXT, 'authorityKeyIdentifier = keyid']),
    { trusted },
  );
  ctx.add(family, 'shared-no-aki-signer-57th', leaf('shared-leaf-no-aki', anchors[signer], LEAF_EXT), { trusted });
  ctx.add(family, 'shared-no-aki-signer-first', leaf('shared-leaf-no-aki-first', anchors[0], LEAF_EXT), { trusted });
  ctx.add(family, 'shared-no-aki-signer-last', leaf('shared-leaf-no-aki-last', anchors[count - 1], LEAF_EXT), {
    trusted,
  });
  // The leaf names its issuer by name and serial only: openssl passes over the CAs whose serial differs.
  ctx.add(
    family,
    'shared-aki-issuer-serial-signer-57th',
    leaf('shared-leaf-serial', anchors[signer], [...LEAF_EXT, 'authorityKeyIdentifier = issuer:always']),
    { trusted },
  );

  const under = anchors.map((ca, i) =>
    forge.issue({ name: `shared-under-${i}`, subject, key: ca.keyPath, issuer: ctx.root, ext: CA_EXT }),
  );
  const untrusted = forge.bundle('shared-under', under);
  ctx.add(family, 'shared-untrusted-no-key-ids-signer-57th', leaf('shared-under-leaf', under[signer], LEAF_EXT), {
    untrusted,
  });
  ctx.add(family, 'shared-untrusted-no-key-ids-signer-first', leaf('shared-under-leaf-first', under[0], LEAF_EXT), {
    untrusted,
  });
  ctx.add(
    family,
    'shared-untrusted-aki-issuer-serial-signer-57th',
    leaf('shared-under-leaf-serial', under[signer], [...LEAF_EXT, 'authorityKeyIdentifier = issuer:always']),
    { untrusted },
  );
}

export function trustCases(ctx: CorpusContext): void {
  const family = 'trusted and untrusted';
  const { forge, keys } = ctx;
  const int = ctx.ca('tu-int', { subject: '/CN=TU Int' });
  const leaf = ctx.leaf('tu-leaf', int);
  const unrelated = forge.issue({
    name: 'tu-unrelated',
    subject: '/CN=Unrelated Root',
    key: keys.other,
    ext: [...CA_EXT, ...KEY_IDS],
  });
  const unrelatedTrusted = forge.bundle('tu-unrelated-trusted', [unrelated]);
  ctx.add(family, 'tu-intermediate-untrusted-root-trusted', leaf, { untrusted: [int] });
  ctx.add(family, 'tu-intermediate-and-root-untrusted-nothing-trusted', leaf, {
    trusted: unrelatedTrusted,
    untrusted: [int, ctx.root],
  });
  ctx.add(family, 'tu-intermediate-untrusted-nothing-trusted', leaf, { trusted: unrelatedTrusted, untrusted: [int] });
  ctx.add(family, 'tu-intermediate-missing', leaf, {});
  ctx.add(family, 'tu-intermediate-in-cafile-without-root', leaf, { trusted: forge.bundle('tu-int-only', [int]) });
  ctx.add(family, 'tu-intermediate-and-root-in-cafile', leaf, {
    trusted: forge.bundle('tu-int-root', [int, ctx.root]),
  });
  ctx.add(family, 'tu-root-in-untrusted-too', leaf, { untrusted: [int, ctx.root] });
  ctx.add(family, 'tu-target-is-trusted-root', ctx.root, {});
  ctx.add(family, 'tu-target-is-intermediate', int, {});

  const selfFamily = 'self-signed';
  const selfLeaf = forge.issue({
    name: 'ss-leaf',
    subject: '/CN=self signed leaf',
    key: keys.leaf,
    ext: [...LEAF_EXT, 'subjectKeyIdentifier = hash'],
  });
  ctx.add(selfFamily, 'ss-leaf-not-trusted', selfLeaf, {});
  ctx.add(selfFamily, 'ss-leaf-trusted', selfLeaf, { trusted: forge.bundle('ss-leaf-trusted', [ctx.root, selfLeaf]) });
  const selfCa = forge.issue({
    name: 'ss-ca',
    subject: '/CN=self signed ca',
    key: keys.other,
    ext: [...CA_EXT, ...KEY_IDS],
  });
  ctx.add(selfFamily, 'ss-ca-not-trusted', selfCa, {});
  ctx.add(selfFamily, 'ss-ca-trusted', selfCa, { trusted: forge.bundle('ss-ca-trusted', [selfCa]) });
  const selfBare = forge.issue({ name: 'ss-bare', subject: '/CN=self signed bare', key: keys.leaf });
  ctx.add(selfFamily, 'ss-no-extensions-trusted', selfBare, { trusted: forge.bundle('ss-bare-trusted', [selfBare]) });
}
