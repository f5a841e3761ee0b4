// Extension values as X509V3_EXT_d2i reads them: trailing bytes after the value ignored, GeneralNames and
// DistributionPoints decoded field by field, an extnValue in constructed (BER) form gathered piece by piece.
// A value OpenSSL cannot decode makes the certificate invalid (never an issuer, never issued).
import * as crypto from 'crypto';
import * as fs from 'fs';
import { Issued, KEY_IDS } from './certificateForge';
import { CorpusContext } from './corpusContext';
import { childrenOf, readTlv, Tlv } from './derSurgery';

const DNS = `820d${Buffer.from('a.example.com').toString('hex')}`;
const LEAF_KU = 'keyUsage = critical,digitalSignature';
const LEAF_BC = 'basicConstraints = CA:false';
const EKU_SERVER = '300a06082b06010505070301';

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), content]);
}

/** The node at the end of `path` replaced by `replacement`, every enclosing length re-encoded. */
function replaceAt(der: Buffer, path: Tlv[], replacement: Buffer): Buffer {
  let inner = replacement;
  for (let i = path.length - 2; i >= 0; i--) {
    const parent = path[i];
    const child = path[i + 1];
    inner = tlv(
      parent.tag,
      Buffer.concat([der.subarray(parent.body, child.start), inner, der.subarray(child.end, parent.end)]),
    );
  }
  return inner;
}

/**
 * The certificate with the extnValue OCTET STRING of extension `oidHex` replaced by `extnValue` (a whole TLV),
 * re-signed by `signerKey` (ECDSA with SHA-256, as the corpus signs) unless none is given (a trust anchor's
 * signature is never checked).
 */
function withExtnValue(oidHex: string, extnValue: Buffer, signerKey?: string): (der: Buffer) => Buffer {
  return (der) => {
    const cert = readTlv(der, 0);
    const [tbs, alg] = childrenOf(der, cert);
    const fields = childrenOf(der, tbs);
    const explicit = fields.find((f) => f.tag === 0xa3);
    if (explicit === undefined) throw new Error('no extensions');
    const list = childrenOf(der, explicit)[0];
    const ext = childrenOf(der, list).find((e) => {
      const oid = childrenOf(der, e)[0];
      return der.subarray(oid.body, oid.end).toString('hex') === oidHex;
    });
    if (ext === undefined) throw new Error(`no extension ${oidHex}`);
    const parts = childrenOf(der, ext);
    const newTbs = replaceAt(der, [tbs, explicit, list, ext, parts[parts.length - 1]], extnValue);
    if (signerKey === undefined) {
      return tlv(0x30, Buffer.concat([newTbs, der.subarray(tbs.end, cert.end)]));
    }
    const signature = crypto.sign('sha256', newTbs, fs.readFileSync(signerKey));
    const bits = tlv(0x03, Buffer.concat([Buffer.from([0]), signature]));
    return tlv(0x30, Buffer.concat([newTbs, der.subarray(alg.start, alg.end), bits]));
  };
}

const hex = (s: string): Buffer => Buffer.from(s, 'hex');

export function extensionValueCases(ctx: CorpusContext): void {
  const family = 'extension values as X509V3_EXT_d2i reads them';
  const int = ctx.ca('ev-int', { subject: '/CN=Ext Value Int' });
  const leafWith = (name: string, ext: string[]): void => {
    const leaf = ctx.leaf(`ev-${name}`, int, { ext: [...ext, ...KEY_IDS] });
    ctx.add(family, `ev-${name}`, leaf, { untrusted: [int] });
  };

  // 1. Bytes after the value: ASN1_item_d2i stops after the first value.
  leafWith('bc-trailing', ['basicConstraints = DER:30000500', LEAF_KU]);
  leafWith('ku-trailing', [LEAF_BC, 'keyUsage = critical,DER:030207800500']);
  leafWith('eku-trailing', [LEAF_BC, LEAF_KU, `extendedKeyUsage = DER:${EKU_SERVER}0500`]);
  leafWith('san-trailing', [LEAF_BC, LEAF_KU, `subjectAltName = DER:300f${DNS}0500`]);
  leafWith('crldp-trailing', [LEAF_BC, LEAF_KU, 'crlDistributionPoints = DER:300a3008a006a0048602782f0500']);
  leafWith('nscerttype-trailing', [LEAF_BC, LEAF_KU, 'nsCertType = DER:030206400500']);
  const skidTrailing = ctx.leaf('ev-skid-trailing', int, {
    ext: [LEAF_BC, LEAF_KU, 'subjectKeyIdentifier = DER:0401aa0500', 'authorityKeyIdentifier = keyid'],
  });
  ctx.add(family, 'ev-skid-trailing', skidTrailing, { untrusted: [int] });
  const bcTrailingInt = ctx.ca('ev-int-bc-trailing', {
    subject: '/CN=Ext Value Int BC Trailing',
    ext: ['basicConstraints = critical,DER:30030101ff0500', 'keyUsage = critical,keyCertSign', ...KEY_IDS],
  });
  ctx.add(family, 'ev-int-bc-trailing', ctx.leaf('ev-leaf-under-bc-trailing', bcTrailingInt), {
    untrusted: [bcTrailingInt],
  });

  // 2. GeneralNames whose contents GENERAL_NAME's template refuses.
  leafWith('san-dirname-bad', [LEAF_BC, LEAF_KU, `subjectAltName = DER:3011${DNS}a400`]);
  leafWith('san-othername-bad', [LEAF_BC, LEAF_KU, `subjectAltName = DER:3013${DNS}a0020500`]);
  leafWith('san-edi-bad', [LEAF_BC, LEAF_KU, `subjectAltName = DER:3013${DNS}a5020500`]);
  leafWith('san-edi-good', [LEAF_BC, LEAF_KU, `subjectAltName = DER:3017${DNS}a506a1040c026162`]);
  leafWith('san-rid-empty', [LEAF_BC, LEAF_KU, `subjectAltName = DER:3011${DNS}8800`]);
  leafWith('san-dns-constructed-garbage', [LEAF_BC, LEAF_KU, `subjectAltName = DER:300fa20d${DNS.slice(4)}`]);
  leafWith('san-dns-constructed-pieces', [LEAF_BC, LEAF_KU, `subjectAltName = DER:3011a20f${'04' + DNS.slice(2)}`]);
  leafWith('ian-dirname-bad', [LEAF_BC, LEAF_KU, `issuerAltName = DER:3011${DNS}a400`]);
  leafWith('akid-issuer-dirname-bad', [LEAF_BC, LEAF_KU, 'authorityKeyIdentifier = DER:3004a102a400']);

  // 3. DistributionPoints field by field.
  leafWith('crldp-bad-inner-tag', [LEAF_BC, LEAF_KU, 'crlDistributionPoints = DER:300a30080006a0048602782f']);
  leafWith('crldp-unknown-field', [LEAF_BC, LEAF_KU, 'crlDistributionPoints = DER:30043002a300']);
  leafWith('crldp-bad-fullname', [LEAF_BC, LEAF_KU, 'crlDistributionPoints = DER:30083006a004a0020500']);
  leafWith('crldp-relative-name', [
    LEAF_BC,
    LEAF_KU,
    'crlDistributionPoints = DER:300f300da00ba1093007060355040a0c0178',
  ]);
  leafWith('crldp-relative-name-bad', [
    LEAF_BC,
    LEAF_KU,
    'crlDistributionPoints = DER:300f300da00ba1093007060355040a0500',
  ]);
  leafWith('crldp-reasons-issuer', [
    LEAF_BC,
    LEAF_KU,
    'crlDistributionPoints = DER:3013301181020560a20b8609687474703a2f2f782f',
  ]);
  leafWith('crldp-reasons-bad', [LEAF_BC, LEAF_KU, 'crlDistributionPoints = DER:300630048102ff00']);

  // Values in BER forms inside the extnValue: constructed strings gathered, indefinite lengths closed.
  leafWith('ku-constructed-pieces', [LEAF_BC, 'keyUsage = critical,DER:2308030207800302000f']);
  leafWith('skid-constructed-pieces', [LEAF_BC, LEAF_KU, 'subjectKeyIdentifier = DER:2406040201020400']);
  leafWith('san-indefinite-trailing', [LEAF_BC, LEAF_KU, 'subjectAltName = DER:3080820161000005000000']);

  // RFC 3779 and proxy extensions, also decoded while caching.
  leafWith('ipaddr-inherit-trailing', [LEAF_BC, LEAF_KU, 'sbgp-ipAddrBlock = DER:3008300604020001050005000500']);
  leafWith('ipaddr-bad-choice', [LEAF_BC, LEAF_KU, 'sbgp-ipAddrBlock = DER:300830060402000102020000']);
  leafWith('ipaddr-bad-range', [LEAF_BC, LEAF_KU, 'sbgp-ipAddrBlock = DER:300d300b040200013005300303020000']);
  leafWith('asid-inherit-trailing', [LEAF_BC, LEAF_KU, 'sbgp-autonomousSysNum = DER:3004a00205000500']);
  leafWith('asid-unknown-field', [LEAF_BC, LEAF_KU, 'sbgp-autonomousSysNum = DER:3004a2020500']);
  leafWith('asid-bad-range', [LEAF_BC, LEAF_KU, 'sbgp-autonomousSysNum = DER:3009a0073005300302010a']);
  leafWith('proxy-trailing', [LEAF_BC, LEAF_KU, 'proxyCertInfo = critical,DER:300c300a06082b060105050715010500']);
  leafWith('proxy-no-policy', [LEAF_BC, LEAF_KU, 'proxyCertInfo = critical,DER:3003020101']);

  // 4. An extnValue in constructed form: asn1_collect gathers the primitive pieces whatever their tag.
  const ekuLeaf = (name: string, extnValue: string): void => {
    const base = ctx.leaf(`ev-${name}-base`, int, {
      ext: [LEAF_BC, LEAF_KU, `extendedKeyUsage = DER:${EKU_SERVER}`, ...KEY_IDS],
    });
    const leaf: Issued = ctx.forge.rewrite(base, `ev-${name}`, withExtnValue('551d25', hex(extnValue), int.keyPath));
    ctx.add(family, `ev-${name}`, leaf, { untrusted: [int] });
  };
  ekuLeaf('eku-octet-resigned', `040c${EKU_SERVER}`);
  ekuLeaf('eku-constructed-sequence-inside', `240c${EKU_SERVER}`);
  ekuLeaf('eku-constructed-pieces', `2410${'0405' + EKU_SERVER.slice(0, 10)}0407${EKU_SERVER.slice(10)}`);
  ekuLeaf('eku-constructed-indefinite', `2480040c${EKU_SERVER}0000`);
  const int2 = ctx.ca('ev-int2', { subject: '/CN=Ext Value Int 2' });
  const leaf2 = ctx.leaf('ev-leaf2', int2);
  const rootWithBc = (name: string, extnValue: string): void => {
    const root = ctx.forge.rewrite(ctx.root, `ev-${name}`, withExtnValue('551d13', hex(extnValue)));
    ctx.add(family, `ev-${name}`, leaf2, {
      trusted: ctx.forge.bundle(`ev-${name}-trusted`, [root]),
      untrusted: [int2],
    });
  };
  rootWithBc('root-bc-constructed-sequence-inside', '240530030101ff');
  rootWithBc('root-bc-constructed-one-piece', '2407040530030101ff');
  rootWithBc('root-bc-constructed-two-pieces', '24090403300301040201ff');
}
