// An intermediate CA signed by `issuer` with exact dates: the shared signCsr makes leaves (CA:false) only.
import * as fs from 'fs';
import * as path from 'path';
import { Ca, makeCsr, makeKey, KeySpec, openssl } from '../../../support/openssl';

function opensslTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export function signIntermediate(
  issuer: Ca,
  dir: string,
  name: string,
  options: { notBefore: Date; notAfter: Date; key?: KeySpec },
): Ca {
  fs.mkdirSync(dir, { recursive: true });
  const keyPath = makeKey(path.join(dir, `${name}.key`), options.key ?? { type: 'ec' });
  const csrPath = makeCsr(keyPath, path.join(dir, `${name}.csr`), `/O=Test/CN=${name}`);
  const certPath = path.join(dir, `${name}.crt`);
  const work = fs.mkdtempSync(path.join(dir, '.ca-'));
  fs.writeFileSync(path.join(work, 'index.txt'), '');
  fs.writeFileSync(path.join(work, 'serial'), '1001');
  fs.writeFileSync(
    path.join(work, 'ca.cnf'),
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
      'x509_extensions = ext',
      '[ p ]',
      'commonName = supplied',
      'organizationName = optional',
      '[ ext ]',
      'basicConstraints = critical,CA:true',
      'keyUsage = critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
      '',
    ].join('\n'),
  );
  openssl([
    'ca',
    '-batch',
    '-notext',
    '-config',
    path.join(work, 'ca.cnf'),
    '-in',
    csrPath,
    '-out',
    certPath,
    '-startdate',
    opensslTime(options.notBefore),
    '-enddate',
    opensslTime(options.notAfter),
    '-cert',
    issuer.certPath,
    '-keyfile',
    issuer.keyPath,
    '-preserveDN',
  ]);
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(csrPath);
  return { dir, certPath, keyPath };
}
