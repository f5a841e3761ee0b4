// Certificates for the chain tests, each made by the openssl command line: a key (EC P-256 unless told), then
// `req -x509` for a self-signed one or `x509 -req -extfile` for one signed by another fixture.
import * as fs from 'fs';
import * as path from 'path';
import { openssl } from '../../../../support/openssl';

export interface FixtureCert {
  name: string;
  der: Buffer;
  pemPath: string;
  keyPath: string;
}

export interface CertOptions {
  /** Extension lines, as in an openssl config section. Key identifiers are left out unless listed. */
  ext?: string[];
  subject?: string;
  /** Reuse another fixture's key. */
  key?: FixtureCert;
  /** `openssl genpkey`/`ecparam` arguments making the key, when not the default P-256. */
  keyArgs?: string[];
  days?: number;
  serial?: number;
}

let serial = 1000;

export class ChainFixtures {
  constructor(readonly dir: string) {}

  private makeKey(name: string, options: CertOptions): string {
    if (options.key !== undefined) return options.key.keyPath;
    const keyPath = path.join(this.dir, `${name}.key`);
    openssl([
      ...(options.keyArgs ?? ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1']),
      '-out',
      keyPath,
    ]);
    return keyPath;
  }

  cert(name: string, issuer: FixtureCert | 'self', options: CertOptions = {}): FixtureCert {
    const keyPath = this.makeKey(name, options);
    const subject = options.subject ?? `/CN=${name}`;
    const ext = ['subjectKeyIdentifier = none', 'authorityKeyIdentifier = none', ...(options.ext ?? [])];
    // Later lines win in openssl's config reader, so listed identifiers replace the `none` defaults.
    const pemPath = path.join(this.dir, `${name}.pem`);
    const days = String(options.days ?? 30);
    const set = String(options.serial ?? serial++);
    const config = path.join(this.dir, `${name}.cnf`);
    fs.writeFileSync(config, `[req]\ndistinguished_name = dn\n[dn]\n[v3]\n${ext.join('\n')}\n`);
    // One `req -x509` call: self-signed, or signed by the issuer with -CA (OpenSSL 3.0 has it).
    const signer = issuer === 'self' ? [] : ['-CA', issuer.pemPath, '-CAkey', issuer.keyPath];
    openssl([
      'req',
      '-x509',
      '-new',
      '-key',
      keyPath,
      '-subj',
      subject,
      '-days',
      days,
      '-set_serial',
      set,
      '-config',
      config,
      '-extensions',
      'v3',
      ...signer,
      '-out',
      pemPath,
    ]);
    return { name, der: this.derOf(pemPath), pemPath, keyPath };
  }

  private derOf(pemPath: string): Buffer {
    const text = fs.readFileSync(pemPath, 'utf8');
    const body = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text);
    return Buffer.from(body ? body[1] : '', 'base64');
  }
}

export const CA_EXT = ['basicConstraints = critical,CA:true', 'keyUsage = critical,keyCertSign,cRLSign'];
export const LEAF_EXT = ['basicConstraints = CA:false'];
