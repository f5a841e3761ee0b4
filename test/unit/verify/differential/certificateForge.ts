// Keys and certificates for the differential corpus, each made by one or two openssl calls with exactly the
// extensions a case asks for (openssl 3 adds key identifiers by default, so they are switched off unless given).
import * as fs from 'fs';
import * as path from 'path';
import { openssl } from '../../../support/openssl';

export interface Issued {
  name: string;
  certPath: string;
  keyPath: string;
}

export interface CertSpec {
  name: string;
  /** openssl's `/O=x/CN=y` form; `/CN=<name>` when absent. */
  subject?: string;
  /** The subject's key (a path from `key`). */
  key: string;
  /** Write a fresh P-256 key to `key` in the same openssl call (one process instead of two). */
  newKey?: boolean;
  /** Absent: self-signed. */
  issuer?: Issued;
  /** Lines of the extension section, e.g. `basicConstraints = critical,CA:true`. */
  ext?: string[];
  /** Further config sections the extension lines refer to (`@alt`). */
  sections?: string;
  /** Pinned dates through `openssl ca`; without them the certificate is valid for ten years from now. */
  dates?: { notBefore: Date; notAfter: Date };
  /** A version 1 certificate: no extensions at all. */
  v1?: boolean;
  /** `-set_serial` as openssl reads it (decimal, or 0x hex); a fresh one when absent. */
  serial?: string;
}

export const CA_EXT = ['basicConstraints = critical,CA:true', 'keyUsage = critical,keyCertSign,cRLSign'];
export const KEY_IDS = ['subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid'];
export const LEAF_EXT = ['basicConstraints = CA:false', 'keyUsage = critical,digitalSignature'];

function opensslTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export class CertificateForge {
  private serial = 0x1000;

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  file(name: string): string {
    return path.join(this.dir, name);
  }

  /** A P-256 key; `explicit` writes its curve as explicit parameters instead of the named curve. */
  key(name: string, options: { explicit?: boolean } = {}): string {
    const keyPath = this.file(`${name}.key`);
    if (options.explicit) {
      openssl(['ecparam', '-name', 'prime256v1', '-param_enc', 'explicit', '-genkey', '-noout', '-out', keyPath]);
    } else {
      openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', keyPath]);
    }
    return keyPath;
  }

  issue(spec: CertSpec): Issued {
    const subject = spec.subject ?? `/CN=${spec.name}`;
    const certPath = this.file(`${spec.name}.crt`);
    const serial = spec.serial ?? String(this.serial++);
    const ext = spec.ext ?? [];
    const lines = [...ext];
    if (!ext.some((l) => l.startsWith('subjectKeyIdentifier'))) lines.push('subjectKeyIdentifier = none');
    if (!ext.some((l) => l.startsWith('authorityKeyIdentifier'))) lines.push('authorityKeyIdentifier = none');
    const signer = spec.issuer ?? { certPath: '', keyPath: spec.key, name: spec.name };
    if (spec.v1) {
      const csr = this.file(`${spec.name}.csr`);
      openssl(['req', '-new', '-key', spec.key, '-subj', subject, '-out', csr]);
      const args = ['x509', '-req', '-in', csr, '-days', '3650', '-set_serial', serial, '-out', certPath];
      if (spec.issuer) args.push('-CA', spec.issuer.certPath, '-CAkey', spec.issuer.keyPath);
      else args.push('-key', spec.key);
      openssl(args);
      return { name: spec.name, certPath, keyPath: spec.key };
    }
    if (spec.dates) {
      this.issueDated(spec, subject, serial, lines, certPath);
      return { name: spec.name, certPath, keyPath: spec.key };
    }
    const config = this.file(`${spec.name}.cnf`);
    fs.writeFileSync(
      config,
      ['[ req ]', 'distinguished_name = dn', '[ dn ]', '[ ext ]', ...lines, spec.sections ?? '', ''].join('\n'),
    );
    const keyArgs = spec.newKey
      ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', spec.key]
      : ['-key', spec.key];
    const args = ['req', '-new', '-x509', ...keyArgs, '-subj', subject, '-days', '3650', '-set_serial', serial];
    args.push('-config', config, '-extensions', 'ext', '-out', certPath);
    if (spec.issuer) args.push('-CA', signer.certPath, '-CAkey', signer.keyPath);
    openssl(args);
    return { name: spec.name, certPath, keyPath: spec.key };
  }

  /** `openssl ca` is the 3.0 tool that takes exact start and end dates. */
  private issueDated(spec: CertSpec, subject: string, serial: string, lines: string[], certPath: string): void {
    const dates = spec.dates!;
    const csr = this.file(`${spec.name}.csr`);
    openssl(['req', '-new', '-key', spec.key, '-subj', subject, '-out', csr]);
    const work = fs.mkdtempSync(this.file('.ca-'));
    fs.writeFileSync(path.join(work, 'index.txt'), '');
    const hex = BigInt(serial).toString(16);
    fs.writeFileSync(path.join(work, 'serial'), hex.length % 2 === 0 ? hex : `0${hex}`);
    const config = path.join(work, 'ca.cnf');
    fs.writeFileSync(
      config,
      [
        '[ ca ]',
        'default_ca = c',
        '[ c ]',
        `dir = ${work}`,
        'database = $dir/index.txt',
        'serial = $dir/serial',
        'new_certs_dir = $dir',
        'default_md = sha256',
        'policy = p',
        'unique_subject = no',
        'email_in_dn = yes',
        'x509_extensions = ext',
        '[ p ]',
        'commonName = optional',
        'organizationName = optional',
        '[ ext ]',
        ...lines,
        spec.sections ?? '',
        '',
      ].join('\n'),
    );
    const args = ['ca', '-batch', '-notext', '-config', config, '-in', csr, '-out', certPath, '-preserveDN'];
    args.push('-startdate', opensslTime(dates.notBefore), '-enddate', opensslTime(dates.notAfter));
    if (spec.issuer) args.push('-cert', spec.issuer.certPath, '-keyfile', spec.issuer.keyPath);
    else args.push('-selfsign', '-keyfile', spec.key);
    openssl(args);
    fs.rmSync(work, { recursive: true, force: true });
  }

  /** A PEM file of the given certificates, in order (openssl reads a bundle in file order). */
  bundle(name: string, certs: readonly (Issued | string)[]): string {
    const out = this.file(`${name}.pem`);
    fs.writeFileSync(out, certs.map((c) => fs.readFileSync(typeof c === 'string' ? c : c.certPath, 'utf8')).join(''));
    return out;
  }

  /** The certificate's DER with `edit` applied, written back as PEM under a new name. */
  rewrite(source: Issued, name: string, edit: (der: Buffer) => Buffer): Issued {
    const pem = fs.readFileSync(source.certPath, 'utf8');
    const body = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
    const der = edit(Buffer.from(body, 'base64'));
    const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
    const certPath = this.file(`${name}.crt`);
    fs.writeFileSync(certPath, ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n'));
    return { name, certPath, keyPath: source.keyPath };
  }
}
