// Shared by the AWS store tests: pairs made by the openssl command line (the oracle for fingerprints and key
// matching), and a raw SDK client that reads the store back independently of the adapter.
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
  ServiceInputTypes,
  ServiceOutputTypes,
} from '@aws-sdk/client-secrets-manager';
import * as fs from 'fs';
import * as path from 'path';
import { StoredPair } from '../../../../src/core/stores/secretsStore';
import { MotoServer, MOTO_REGION } from '../../../support/motoServer';
import { Ca, daysFromNow, makeCa, makeLeaf, openssl, signCsr, tempDir } from '../../../support/openssl';

export interface TestPair {
  pair: StoredPair;
  /** As `openssl x509 -fingerprint -sha256` prints it. */
  fingerprint: string;
  certPath: string;
  keyPath: string;
}

export interface Fixtures {
  dir: string;
  ca: Ca;
  /** Valid leaves expiring in 30, 31, 32 days (distinct generation names). */
  pairs: TestPair[];
  expired: TestPair;
  /** Two certificates with one generation name: one expiry, serials sharing their first 8 hex digits. */
  twins: TestPair[];
  /** pairs[0] renewed with the same key (what a renewal must not do). */
  sameKey: TestPair;
}

export function opensslFingerprint(certPath: string): string {
  return openssl(['x509', '-in', certPath, '-noout', '-fingerprint', '-sha256']).trim().replace(/^.*=/, '');
}

/** The public key a PEM private key belongs to, as openssl derives it. */
export function opensslPublicKeyOfKey(privateKeyPem: string): string {
  return openssl(['pkey', '-pubout'], { input: privateKeyPem });
}

export function opensslPublicKeyOfCertificate(certificatePem: string): string {
  return openssl(['x509', '-noout', '-pubkey'], { input: certificatePem });
}

function testPair(ca: Ca, dir: string, name: string, notAfter: Date, notBefore?: Date, serial?: string): TestPair {
  const leaf = makeLeaf(ca, dir, name, { notAfter, notBefore, key: { type: 'ec' }, serial });
  return {
    pair: {
      certificatePem: fs.readFileSync(leaf.certPath, 'utf8'),
      privateKeyPem: fs.readFileSync(leaf.keyPath, 'utf8'),
      caCertificatePem: fs.readFileSync(ca.certPath, 'utf8'),
    },
    fingerprint: opensslFingerprint(leaf.certPath),
    certPath: leaf.certPath,
    keyPath: leaf.keyPath,
  };
}

export function makeFixtures(): Fixtures {
  const dir = tempDir('mtls-aws-store-');
  const ca = makeCa(path.join(dir, 'ca'), 'Store Test CA', { key: { type: 'ec' } });
  const pairs = [30, 31, 32].map((days, i) => testPair(ca, path.join(dir, `leaf${i}`), `leaf${i}`, daysFromNow(days)));
  const expired = testPair(ca, path.join(dir, 'expired'), 'expired', daysFromNow(-1), daysFromNow(-60));
  const twinsExpire = daysFromNow(40);
  const twins = ['AB00000001', 'AB00000002'].map((serial, i) =>
    testPair(ca, path.join(dir, `twin${i}`), `twin${i}`, twinsExpire, undefined, serial),
  );
  const renewedPath = signCsr(ca, path.join(dir, 'leaf0', 'leaf0.csr'), path.join(dir, 'leaf0', 'renewed.crt'), {
    notBefore: daysFromNow(-1),
    notAfter: daysFromNow(50),
  });
  const sameKey: TestPair = {
    pair: { ...pairs[0].pair, certificatePem: fs.readFileSync(renewedPath, 'utf8') },
    fingerprint: opensslFingerprint(renewedPath),
    certPath: renewedPath,
    keyPath: pairs[0].keyPath,
  };
  return { dir, ca, pairs, expired, twins, sameKey };
}

export function rawClient(moto: MotoServer): SecretsManagerClient {
  return new SecretsManagerClient({
    region: MOTO_REGION,
    endpoint: moto.endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
}

/** Labels per version, as AWS reports them (moto keeps unlabelled versions here with []). */
export async function labelsOf(raw: SecretsManagerClient, secretId: string): Promise<Record<string, string[]>> {
  const described = await raw.send(new DescribeSecretCommand({ SecretId: secretId }));
  const out: Record<string, string[]> = {};
  for (const [id, labels] of Object.entries(described.VersionIdsToStages ?? {})) out[id] = [...labels].sort();
  return out;
}

export async function valueAt(
  raw: SecretsManagerClient,
  secretId: string,
  at: { VersionStage?: string; VersionId?: string },
): Promise<Record<string, unknown>> {
  const value = await raw.send(new GetSecretValueCommand({ SecretId: secretId, ...at }));
  return JSON.parse(value.SecretString ?? 'null') as Record<string, unknown>;
}

export async function tagsOf(raw: SecretsManagerClient, secretId: string): Promise<Record<string, string>> {
  const described = await raw.send(new DescribeSecretCommand({ SecretId: secretId }));
  return Object.fromEntries((described.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

type Hook = (commandName: string, input: Record<string, unknown>) => Promise<void> | void;

/**
 * A real client (to moto) that runs `hook` before each command is sent: how a test plays someone else changing
 * the store between the adapter's read and its write, or a failure at one exact step.
 */
export function hookedClient(moto: MotoServer, hook: Hook): SecretsManagerClient {
  const client = rawClient(moto);
  const send = client.send.bind(client) as (command: unknown, options?: unknown) => Promise<ServiceOutputTypes>;
  (client as unknown as { send: unknown }).send = async (
    command: { constructor: { name: string }; input: ServiceInputTypes },
    options?: unknown,
  ) => {
    await hook(command.constructor.name, command.input as Record<string, unknown>);
    return send(command, options);
  };
  return client;
}

export async function rejectsWithCode(promise: Promise<unknown>, code: string, message?: RegExp): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { code?: string };
    if (e.code !== code)
      throw new Error(`expected code ${code}, got ${e.code ?? 'none'}: ${e.message}`, {
        cause: error,
      });
    if (message && !message.test(e.message))
      throw new Error(`message ${JSON.stringify(e.message)} does not match ${message}`, { cause: error });
    return e;
  }
  throw new Error(`expected a rejection with code ${code}, but it resolved`);
}
