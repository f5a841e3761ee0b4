import { createPrivateKey, KeyObject } from 'crypto';
import * as fs from 'fs/promises';
import { constants as fsConstants } from 'fs';
import * as path from 'path';
import { CoreError } from '../../errors';
import { CertificateInfo } from '../../model';
import { readCertificate } from '../../x509/certificate';
import { StoredPair } from '../secretsStore';
import { FILES, GENERATION_NAME } from './directoryLayout';
import { keyMatchesCertificate } from '../keyMatchesCertificate';

/** Far above any PEM pair; a bigger file is not one of ours. */
const MAX_FILE_BYTES = 1024 * 1024;

export interface Generation {
  name: string;
  pair: StoredPair;
  /** `path` is the generation's cert.pem. */
  certificate: CertificateInfo;
}

function invalid(name: string, reason: string, cause?: unknown): CoreError {
  return new CoreError('store-entry-invalid', `generation ${name}: ${reason}`, { cause });
}

/** Reads a file of the generation without following a link in its place; `null` when it is absent. */
async function readOwnFile(file: string, generation: string): Promise<string | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw invalid(generation, `${path.basename(file)} is a symbolic link`);
    throw invalid(generation, `${path.basename(file)} cannot be read (${code ?? 'error'})`, error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw invalid(generation, `${path.basename(file)} is not a file`);
    if (stat.size > MAX_FILE_BYTES) throw invalid(generation, `${path.basename(file)} is too large to be PEM`);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** The certificate alone: enough to name a generation (for retire and the compare-and-set). */
export async function readGenerationCertificate(archive: string, name: string): Promise<CertificateInfo> {
  return (await readCertificateFile(archive, name)).certificate;
}

async function readCertificateFile(
  archive: string,
  name: string,
): Promise<{ certificate: CertificateInfo; pem: string }> {
  if (!GENERATION_NAME.test(name)) throw invalid(name, 'not a generation folder name');
  const dir = path.join(archive, name);
  const stat = await fs.lstat(dir).catch(() => null);
  if (stat === null) throw invalid(name, `${dir} does not exist`);
  if (stat.isSymbolicLink() || !stat.isDirectory()) throw invalid(name, `${dir} is not a folder`);
  const certPath = path.join(dir, FILES.certificate);
  const pem = await readOwnFile(certPath, name);
  if (pem === null) throw invalid(name, `${FILES.certificate} is missing`);
  try {
    return { certificate: readCertificate(pem, { path: certPath }), pem };
  } catch (error) {
    throw invalid(name, `${FILES.certificate} is not a readable certificate`, error);
  }
}

/**
 * A generation as services would read it, checked: the certificate, a key that belongs to it (a mismatched pair
 * must never be made live), and the optional chain and CA. Messages never quote key material.
 */
export async function readGeneration(archive: string, name: string): Promise<Generation> {
  const { certificate, pem } = await readCertificateFile(archive, name);
  const dir = path.join(archive, name);
  const keyPem = await readOwnFile(path.join(dir, FILES.key), name);
  if (keyPem === null) throw invalid(name, `${FILES.key} is missing`);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: keyPem, format: 'pem' });
  } catch (error) {
    throw invalid(name, `${FILES.key} is not a readable unencrypted private key`, error);
  }
  if (!keyMatchesCertificate(key, certificate))
    throw invalid(name, `${FILES.key} does not belong to ${FILES.certificate} (their public keys differ)`);
  const pair: StoredPair = { certificatePem: pem, privateKeyPem: keyPem };
  const chain = await readOwnFile(path.join(dir, FILES.chain), name);
  if (chain?.trim()) pair.chainPem = chain;
  const ca = await readOwnFile(path.join(dir, FILES.ca), name);
  if (ca?.trim()) pair.caCertificatePem = ca;
  return { name, pair, certificate };
}
