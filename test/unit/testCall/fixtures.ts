// One PKI for every test-call test file: RSA key generation is the slow part, so it runs once per mocha run.
import * as fs from 'fs';
import { CertAndKey, makeMtlsPki, MtlsPki } from '../../support/mtlsServers';

let pki: MtlsPki | undefined;

export function sharedPki(): MtlsPki {
  pki ??= makeMtlsPki();
  return pki;
}

export const API_KEY = 'sk_test_4f9c2e7a1b8d6e3f0a5c9b2d7e4f1a8c';

export function pem(pair: CertAndKey): { certificatePem: string; keyPem: string } {
  return { certificatePem: fs.readFileSync(pair.certPath, 'utf8'), keyPem: fs.readFileSync(pair.keyPath, 'utf8') };
}

export function caBundle(): string {
  return fs.readFileSync(sharedPki().ca.certPath, 'utf8');
}
