// Name-constraint fixtures made by openssl: self-signed CAs carrying a nameConstraints extension (from config
// lines, or raw DER for what openssl's config cannot say), leaves signed by them, and openssl verify's verdict.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { children, contents, decodeOid, readNode } from '../../../../../src/core/x509/der';
import { makeKey, openssl, tempDir } from '../../../../support/openssl';

/** A DER TLV in hex from a tag byte and hex contents. */
export function tlv(tag: number, ...parts: string[]): string {
  const body = parts.join('');
  const length = body.length / 2;
  let header: string;
  if (length < 0x80) header = length.toString(16).padStart(2, '0');
  else {
    const bytes = length.toString(16).padStart(length > 0xff ? 4 : 2, '0');
    header = (0x80 + bytes.length / 2).toString(16) + bytes;
  }
  return tag.toString(16).padStart(2, '0') + header + body;
}

export const ascii = (text: string): string => Buffer.from(text, 'latin1').toString('hex');

export interface CertParts {
  subject: Buffer;
  extensions: Map<string, Buffer>;
}

/** The subject and each extension's value of a certificate, by OID. */
export function certParts(certPath: string): CertParts {
  const der = readDer(certPath);
  const tbs = children(children(readNode(der))[0]);
  // version [0] is present in every v3 certificate openssl makes here.
  const subject = tbs[5];
  const extensions = new Map<string, Buffer>();
  const extBlock = tbs.find((n) => n.tagClass === 2 && n.tag === 3);
  if (extBlock) {
    for (const ext of children(children(extBlock)[0])) {
      const fields = children(ext);
      extensions.set(decodeOid(fields[0]), Buffer.from(contents(fields[fields.length - 1])));
    }
  }
  return { subject: Buffer.from(der.subarray(subject.start, subject.end)), extensions };
}

function readDer(certPath: string): Buffer {
  const pem = fs.readFileSync(certPath, 'latin1');
  const body = /-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/.exec(pem);
  if (!body) throw new Error(`no certificate in ${certPath}`);
  return Buffer.from(body[1].replace(/\s+/g, ''), 'base64');
}

export interface Verdict {
  code: number;
  depth: number;
}

export class NcLab {
  readonly dir = tempDir('mtls-nc-');
  private readonly caKey = makeKey(path.join(this.dir, 'ca.key'), { type: 'ec' });
  private readonly leafKey = makeKey(path.join(this.dir, 'leaf.key'), { type: 'ec' });

  /** A self-signed CA named `name` whose [ext] section gets `extLines`; `sections` are appended as is. */
  makeCa(name: string, extLines: string[], sections = ''): string {
    const config = [
      '[req]',
      'distinguished_name = dn',
      'x509_extensions = ext',
      'prompt = no',
      '[dn]',
      `CN = NC test CA ${name}`,
      '[ext]',
      'basicConstraints = critical,CA:true',
      'keyUsage = critical,keyCertSign',
      'subjectKeyIdentifier = hash',
      ...extLines,
      sections,
      '',
    ].join('\n');
    const configPath = path.join(this.dir, `ca-${name}.cnf`);
    fs.writeFileSync(configPath, config);
    const out = path.join(this.dir, `ca-${name}.pem`);
    openssl(['req', '-x509', '-new', '-key', this.caKey, '-config', configPath, '-out', out, '-days', '3650']);
    return out;
  }

  /** A leaf signed by `caPath` with the subject `dnLines` (config form, strings as `mask` says) and [ext] `extLines`. */
  makeLeaf(
    name: string,
    caPath: string,
    dnLines: string[],
    extLines: string[],
    sections = '',
    mask = 'utf8only',
  ): string {
    const config = [
      '[req]',
      'distinguished_name = dn',
      'prompt = no',
      'utf8 = yes',
      `string_mask = ${mask}`,
      '[dn]',
      ...dnLines,
      '[ext]',
      'basicConstraints = CA:false',
      ...extLines,
      sections,
      '',
    ].join('\n');
    const configPath = path.join(this.dir, `leaf-${name}.cnf`);
    fs.writeFileSync(configPath, config);
    const out = path.join(this.dir, `leaf-${name}.pem`);
    openssl([
      'req',
      '-x509',
      '-new',
      '-key',
      this.leafKey,
      '-CA',
      caPath,
      '-CAkey',
      this.caKey,
      '-config',
      configPath,
      '-extensions',
      'ext',
      '-out',
      out,
      '-days',
      '3650',
    ]);
    return out;
  }

  /** openssl verify's first error (code 0 when it says OK). */
  verify(caPath: string, leafPath: string): Verdict {
    const result = spawnSync('openssl', ['verify', '-no_check_time', '-CAfile', caPath, leafPath], {
      encoding: 'utf8',
    });
    const text = result.stdout + result.stderr;
    const m = /error (\d+) at (\d+) depth lookup/.exec(text);
    if (m) return { code: Number(m[1]), depth: Number(m[2]) };
    if (result.status === 0 && /: OK\s*$/m.test(result.stdout)) return { code: 0, depth: 0 };
    throw new Error(`openssl verify said neither OK nor an error: ${text}`);
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
