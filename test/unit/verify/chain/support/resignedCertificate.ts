// Certificates openssl's config cannot ask for (a key it cannot decode, a duplicated extension, a malformed
// date, a v1 root): the TBS is edited byte-wise here and signed again by `openssl dgst -sign` with the issuer's
// key, so OpenSSL still makes every signature.
import * as fs from 'fs';
import * as path from 'path';
import { openssl } from '../../../../support/openssl';

interface Node {
  start: number;
  contentStart: number;
  end: number;
}

function read(buf: Buffer, offset: number): Node {
  let p = offset + 1;
  let length = buf[p++];
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[p++];
  }
  return { start: offset, contentStart: p, end: p + length };
}

function kids(buf: Buffer, node: Node): Node[] {
  const out: Node[] = [];
  for (let p = node.contentStart; p < node.end;) {
    const child = read(buf, p);
    out.push(child);
    p = child.end;
  }
  return out;
}

export function tlv(tag: number, body: Buffer): Buffer {
  const length: number[] = [];
  if (body.length < 0x80) length.push(body.length);
  else {
    for (let n = body.length; n > 0; n = Math.floor(n / 256)) length.unshift(n & 0xff);
    length.unshift(0x80 | length.length);
  }
  return Buffer.concat([Buffer.from([tag, ...length]), body]);
}

/** The TBS fields of a certificate, as whole TLVs, with the version field first when present. */
export interface TbsEdit {
  fields: Buffer[];
  /** Index of the SubjectPublicKeyInfo field. */
  spki: number;
  /** Index of the Validity field. */
  validity: number;
}

/**
 * Re-signs `der` (an ECDSA-with-SHA256 or sha256WithRSA certificate) after `edit` changed its TBS fields,
 * with the PEM private key at `keyPath`.
 */
export function resign(dir: string, der: Buffer, keyPath: string, edit: (tbs: TbsEdit) => void): Buffer {
  const cert = read(der, 0);
  const [tbs, algorithm] = kids(der, cert);
  const fields = kids(der, tbs).map((n) => der.subarray(n.start, n.end));
  const offset = fields[0][0] === 0xa0 ? 1 : 0;
  const change: TbsEdit = { fields, spki: 5 + offset, validity: 3 + offset };
  edit(change);
  const newTbs = tlv(0x30, Buffer.concat(change.fields));
  const tbsPath = path.join(dir, 'tbs.der');
  const sigPath = path.join(dir, 'tbs.sig');
  fs.writeFileSync(tbsPath, newTbs);
  openssl(['dgst', '-sha256', '-sign', keyPath, '-out', sigPath, tbsPath]);
  const signature = fs.readFileSync(sigPath);
  return tlv(
    0x30,
    Buffer.concat([
      newTbs,
      der.subarray(algorithm.start, algorithm.end),
      tlv(0x03, Buffer.concat([Buffer.from([0]), signature])),
    ]),
  );
}

/** Appends one Extension (its whole DER) to the certificate's extensions. */
export function appendExtension(tbs: TbsEdit, extension: Buffer): void {
  const last = tbs.fields.length - 1;
  const wrapper = tbs.fields[last];
  const list = read(wrapper, read(wrapper, 0).contentStart);
  tbs.fields[last] = tlv(0xa3, tlv(0x30, Buffer.concat([wrapper.subarray(list.contentStart, list.end), extension])));
}

/** An id-ecPublicKey on a curve OID no one knows (1.2.3.4): the certificate loads, its key never decodes. */
export function undecodableKey(tbs: TbsEdit): void {
  const algorithm = tlv(0x30, Buffer.from('06072a8648ce3d020106032a0304', 'hex'));
  const point = Buffer.concat([Buffer.from([0, 4]), Buffer.alloc(64, 7)]);
  tbs.fields[tbs.spki] = tlv(0x30, Buffer.concat([algorithm, tlv(0x03, point)]));
}

/** Replaces notBefore with a UTCTime of the given text (e.g. one without seconds). */
export function notBeforeText(tbs: TbsEdit, text: string): void {
  const validity = tbs.fields[tbs.validity];
  const [, notAfter] = kids(validity, read(validity, 0));
  tbs.fields[tbs.validity] = tlv(
    0x30,
    Buffer.concat([tlv(0x17, Buffer.from(text, 'latin1')), validity.subarray(notAfter.start, notAfter.end)]),
  );
}

/** Drops the version (v1) and the extensions. */
export function versionOne(tbs: TbsEdit): void {
  if (tbs.fields[0][0] === 0xa0) {
    tbs.fields.shift();
    tbs.spki--;
    tbs.validity--;
  }
  while (tbs.fields.length > tbs.spki + 1) tbs.fields.pop();
}
