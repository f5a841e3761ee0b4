// verifyChain against `openssl verify` on chains openssl makes: the verdict and every `error N at D` line
// must be the same. Each case states what it exercises; openssl says what the answer is.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { verifyChain, VerifyChainInput } from '../../../../src/core/verify/chain/verifyChain';
import { tempDir } from '../../../support/openssl';
import { CA_EXT, ChainFixtures, FixtureCert, LEAF_EXT } from './support/chainFixtures';
import { opensslVerify } from './support/opensslVerify';

const DAY = 86400_000;

describe('verifyChain (as openssl verify)', function () {
  this.timeout(120_000);
  let dir: string;
  let f: ChainFixtures;
  let root: FixtureCert;
  let int: FixtureCert;
  let leaf: FixtureCert;

  before(() => {
    dir = tempDir('verify-chain-');
    f = new ChainFixtures(dir);
    root = f.cert('Root', 'self', { ext: [...CA_EXT, 'subjectKeyIdentifier = hash'] });
    int = f.cert('Int', root, { ext: [...CA_EXT, 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid'] });
    leaf = f.cert('leaf', int, { ext: [...LEAF_EXT, 'authorityKeyIdentifier = keyid'] });
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function same(input: VerifyChainInput): void {
    const run = path.join(dir, 'run');
    fs.mkdirSync(run, { recursive: true });
    const expected = opensslVerify({ dir: run, ...input });
    const actual = verifyChain(input);
    assert.deepStrictEqual(
      { ok: actual.ok, errors: actual.errors.map((e) => ({ error: e.error.code, depth: e.depth })) },
      expected,
    );
  }

  function corrupt(der: Buffer): Buffer {
    const copy = Buffer.from(der);
    copy[copy.length - 3] ^= 1;
    return copy;
  }

  it('a complete chain, and the same chain missing pieces (20, 2)', () => {
    same({ target: leaf.der, trusted: [root.der], untrusted: [int.der] });
    assert.strictEqual(verifyChain({ target: leaf.der, trusted: [root.der], untrusted: [int.der] }).chain.length, 3);
    same({ target: leaf.der, trusted: [root.der] });
    same({ target: leaf.der, trusted: [int.der] });
    same({ target: leaf.der, trusted: [leaf.der], untrusted: [int.der] });
  });

  it('dates with -attime: expired everywhere (10 at each depth), not yet valid (9 stops)', () => {
    same({ target: leaf.der, trusted: [root.der], untrusted: [int.der], at: new Date(Date.now() + 400 * DAY) });
    same({ target: leaf.der, trusted: [root.der], untrusted: [int.der], at: new Date(Date.now() - 400 * DAY) });
    same({ target: leaf.der, trusted: [root.der], untrusted: [int.der], at: new Date() });
  });

  it('self-signed targets: 18, and OK when the same certificate is trusted; a mimic is not taken', () => {
    const ss = f.cert('ss', 'self', { ext: LEAF_EXT });
    const mimic = f.cert('ss-mimic', 'self', { ext: LEAF_EXT, subject: '/CN=ss' });
    same({ target: ss.der, trusted: [root.der] });
    same({ target: ss.der, trusted: [ss.der] });
    same({ target: ss.der, trusted: [mimic.der] });
    same({ target: corrupt(ss.der), trusted: [root.der] });
  });

  it('signatures: a bad leaf signature is 7; a trusted root with a bad self-signature is not checked', () => {
    same({ target: corrupt(leaf.der), trusted: [root.der], untrusted: [int.der] });
    same({ target: leaf.der, trusted: [corrupt(root.der)], untrusted: [int.der] });
    same({
      target: corrupt(leaf.der),
      trusted: [root.der],
      untrusted: [int.der],
      at: new Date(Date.now() + 400 * DAY),
    });
  });

  it('several CAs sharing one subject without key identifiers: the first in the file is taken', () => {
    const cas = ['a', 'b', 'c', 'd'].map((n) => f.cert(`same-${n}`, 'self', { ext: CA_EXT, subject: '/CN=Same' }));
    const target = f.cert('same-leaf', cas[2], { ext: LEAF_EXT });
    same({ target: target.der, trusted: cas.map((c) => c.der) });
    same({ target: target.der, trusted: [cas[2].der, cas[0].der] });
    same({ target: target.der, trusted: [root.der], untrusted: [cas[0].der, cas[2].der] });
  });

  it('issuer lookup by key identifier among CAs sharing one subject', () => {
    const cas = ['a', 'b', 'c'].map((n) =>
      f.cert(`kid-${n}`, 'self', { ext: [...CA_EXT, 'subjectKeyIdentifier = hash'], subject: '/CN=Kid' }),
    );
    const target = f.cert('kid-leaf', cas[1], { ext: [...LEAF_EXT, 'authorityKeyIdentifier = keyid'] });
    same({ target: target.der, trusted: cas.map((c) => c.der) });
    const bySerial = f.cert('kid-leaf-serial', cas[1], {
      ext: [...LEAF_EXT, 'authorityKeyIdentifier = issuer:always'],
    });
    same({ target: bySerial.der, trusted: cas.map((c) => c.der) });
  });

  it('CA checks: keyUsage without keyCertSign (79 then 32), roots without basicConstraints, pathLen (25)', () => {
    const ku = f.cert('Ku', root, { ext: ['basicConstraints = critical,CA:true', 'keyUsage = digitalSignature'] });
    same({ target: f.cert('ku-leaf', ku, { ext: LEAF_EXT }).der, trusted: [root.der], untrusted: [ku.der] });
    const kuRoot = f.cert('KuRoot', 'self', { ext: ['keyUsage = keyCertSign'] });
    same({ target: f.cert('kuroot-leaf', kuRoot, { ext: LEAF_EXT }).der, trusted: [kuRoot.der] });
    const bare = f.cert('Bare', 'self');
    same({ target: f.cert('bare-leaf', bare, { ext: LEAF_EXT }).der, trusted: [bare.der] });
    const p0 = f.cert('P0', root, { ext: ['basicConstraints = critical,CA:true,pathlen:0', 'keyUsage = keyCertSign'] });
    const p1 = f.cert('P1', p0, { ext: CA_EXT });
    same({ target: f.cert('p-leaf', p1, { ext: LEAF_EXT }).der, trusted: [root.der], untrusted: [p0.der, p1.der] });
    const notCa = f.cert('NotCa', root, { ext: LEAF_EXT });
    same({ target: f.cert('notca-leaf', notCa, { ext: LEAF_EXT }).der, trusted: [root.der], untrusted: [notCa.der] });
  });

  it('unhandled critical extensions (34), a critical AKI among them', () => {
    same({
      target: f.cert('cak', int, { ext: ['authorityKeyIdentifier = critical,keyid'] }).der,
      trusted: [root.der],
      untrusted: [int.der],
    });
    const unk = f.cert('Unk', root, { ext: [...CA_EXT, '1.2.3.4 = critical,DER:05:00'] });
    same({ target: f.cert('unk-leaf', unk, { ext: LEAF_EXT }).der, trusted: [root.der], untrusted: [unk.der] });
  });

  it('explicit EC curve parameters (94) once the chain has two certificates', () => {
    const explicitKey = ['ecparam', '-name', 'prime256v1', '-param_enc', 'explicit', '-genkey', '-noout'];
    const ex = f.cert('Ex', root, { ext: CA_EXT, keyArgs: explicitKey });
    same({ target: f.cert('ex-leaf', ex, { ext: LEAF_EXT }).der, trusted: [root.der], untrusted: [ex.der] });
    const exSelf = f.cert('ExSelf', 'self', { ext: CA_EXT, keyArgs: explicitKey });
    same({ target: exSelf.der, trusted: [exSelf.der] });
  });

  it('a 20-deep chain verifies; past the depth limit is 22', () => {
    const chain: FixtureCert[] = [root];
    // One key for the whole ladder: the names tell the issuers apart, and a fixture is then one openssl call.
    const key = f.cert('DeepKey', 'self', { ext: CA_EXT });
    for (let i = 0; i < 102; i++) chain.push(f.cert(`Deep${i}`, chain[chain.length - 1], { ext: CA_EXT, key }));
    const twenty = chain.slice(1, 20);
    same({ target: chain[20].der, trusted: [root.der], untrusted: twenty.map((c) => c.der) });
    same({ target: chain[102].der, trusted: [root.der], untrusted: chain.slice(1, 102).map((c) => c.der) });
  });

  it('name constraints: SANs and subjects of every certificate below, the CN of the target, self-issued skipped', () => {
    const nc = f.cert('NcRoot', 'self', {
      ext: [
        ...CA_EXT,
        'subjectKeyIdentifier = hash',
        'nameConstraints = critical,permitted;DNS:good.example,excluded;DNS:bad.good.example',
      ],
    });
    const inside = f.cert('nc-in', nc, { ext: [...LEAF_EXT, 'subjectAltName = DNS:a.good.example'] });
    const outside = f.cert('nc-out', nc, { ext: [...LEAF_EXT, 'subjectAltName = DNS:a.other.example'] });
    const excluded = f.cert('nc-ex', nc, { ext: [...LEAF_EXT, 'subjectAltName = DNS:x.bad.good.example'] });
    const cnOnly = f.cert('nc-cn', nc, { ext: LEAF_EXT, subject: '/CN=host.other.example' });
    const cnWithSan = f.cert('nc-cn-san', nc, {
      ext: [...LEAF_EXT, 'subjectAltName = DNS:b.good.example'],
      subject: '/CN=host.other.example',
    });
    for (const target of [inside, outside, excluded, cnOnly, cnWithSan])
      same({ target: target.der, trusted: [nc.der] });
    const mid = f.cert('NcMid', nc, { ext: CA_EXT, subject: '/CN=mid.other.example' });
    const below = f.cert('nc-below', mid, { ext: [...LEAF_EXT, 'subjectAltName = DNS:c.good.example'] });
    same({ target: below.der, trusted: [nc.der], untrusted: [mid.der] });
    const rollover = f.cert('NcRoll', nc, {
      ext: [...CA_EXT, 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid'],
      subject: '/CN=NcRoot',
    });
    const underRoll = f.cert('nc-roll', rollover, {
      ext: [...LEAF_EXT, 'authorityKeyIdentifier = keyid', 'subjectAltName = DNS:d.other.example'],
    });
    same({ target: underRoll.der, trusted: [nc.der], untrusted: [rollover.der] });
  });

  it('a self-issued CA with a new key below the old one (key rollover), and -attime choosing among candidates', () => {
    const oldRoot = f.cert('Roll', 'self', { ext: [...CA_EXT, 'subjectKeyIdentifier = hash'] });
    const newRoot = f.cert('Roll-new', oldRoot, {
      ext: [...CA_EXT, 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid'],
      subject: '/CN=Roll',
    });
    const target = f.cert('roll-leaf', newRoot, { ext: [...LEAF_EXT, 'authorityKeyIdentifier = keyid'] });
    same({ target: target.der, trusted: [oldRoot.der], untrusted: [newRoot.der] });
    same({ target: target.der, trusted: [oldRoot.der, newRoot.der] });
    const shortLived = f.cert('Twin-a', 'self', { ext: CA_EXT, subject: '/CN=Twin', days: 1 });
    const longLived = f.cert('Twin-b', 'self', { ext: CA_EXT, subject: '/CN=Twin', days: 60 });
    const twinLeaf = f.cert('twin-leaf', longLived, { ext: LEAF_EXT });
    const later = new Date(Date.now() + 10 * DAY);
    same({ target: twinLeaf.der, trusted: [shortLived.der, longLived.der], at: later });
    same({ target: twinLeaf.der, trusted: [root.der], untrusted: [shortLived.der, longLived.der], at: later });
    same({ target: twinLeaf.der, trusted: [shortLived.der, longLived.der], at: new Date(Date.now() + 90 * DAY) });
  });

  it('RSA and RSA-PSS issuers, and an EC leaf under an RSA CA', () => {
    const rsa = f.cert('RsaRoot', 'self', {
      ext: CA_EXT,
      keyArgs: ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
    });
    same({ target: f.cert('rsa-leaf', rsa, { ext: LEAF_EXT }).der, trusted: [rsa.der] });
    const pss = f.cert('PssRoot', 'self', {
      ext: CA_EXT,
      keyArgs: ['genpkey', '-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048'],
    });
    same({ target: f.cert('pss-leaf', pss, { ext: LEAF_EXT }).der, trusted: [pss.der] });
  });

  it('a hundred CAs sharing one subject: the first is taken (7 when it is the wrong one)', () => {
    const key = f.cert('HundredKey', 'self', { ext: CA_EXT });
    const cas = [f.cert('Hundred-0', 'self', { ext: CA_EXT, subject: '/CN=Hundred' })];
    for (let i = 1; i < 100; i++)
      cas.push(f.cert(`Hundred-${i}`, 'self', { ext: CA_EXT, subject: '/CN=Hundred', key }));
    const target = f.cert('hundred-leaf', cas[0], { ext: LEAF_EXT });
    same({
      target: target.der,
      trusted: cas
        .slice(1)
        .map((c) => c.der)
        .concat(cas[0].der),
    });
    same({ target: target.der, trusted: cas.map((c) => c.der) });
  });

  it('never throws on a certificate Node accepts, and skips unreadable trusted entries', () => {
    const result = verifyChain({ target: leaf.der, trusted: [Buffer.from('junk'), root.der], untrusted: [int.der] });
    assert.strictEqual(result.ok, true);
    assert.strictEqual(verifyChain({ target: Buffer.from('junk'), trusted: [root.der] }).ok, false);
  });
});
