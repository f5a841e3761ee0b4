// Step 1 of the rotation guide in one call: a new RSA key and the CSR `openssl req -new -key K -config FILE`
// would make from the config. A config openssl would refuse is refused here too, before any key is generated.
import { createHash } from 'crypto';
import * as path from 'path';
import { CoreError } from '../errors';
import { ConfigFinding } from '../opensslConfig/configFinding';
import { opensslConfigFileOptions } from '../opensslConfig/loadOpensslConfigFile';
import { ParseOpensslConfigOptions } from '../opensslConfig/parseOpensslConfig';
import { ConfigRequest } from '../opensslConfig/requestFromConfig';
import { checkOpensslConfig } from '../opensslConfig/validateOpensslConfig';
import { buildCsr } from './buildCsr';
import { checkKeyBits, DEFAULT_KEY_BITS, generateKeyPair } from './generateKeyPair';
import { KeySource } from './keyPregenerator';

export interface GenerateKeyAndCsrOptions {
  /** Where the config lives: names it in messages, and (with `cwd`) lets `.include` lines be followed. */
  configPath?: string;
  /**
   * The directory openssl would run in: relative `.include` paths resolve against it, as openssl resolves them.
   * Defaults to the config's directory; without `configPath` includes are not followed.
   */
  cwd?: string;
  /** The environment for `$ENV::NAME` (openssl's own environment). */
  env?: Record<string, string | undefined>;
  /** Key size; else the config's default_bits; else 2048. Never below 2048. */
  bits?: number;
  signal?: AbortSignal;
  /** The request section (`openssl req -section`); `req` by default. */
  section?: string;
  /**
   * Where the new key comes from (a `KeyPregenerator` that started the search ahead); asked only once the config
   * has passed, so a refused config costs no key. Without it, the key is generated now.
   */
  keySource?: KeySource;
}

export interface GeneratedKeyAndCsr {
  /** PKCS#8 PEM. Key material: never log it. */
  keyPem: string;
  csrPem: string;
  request: ConfigRequest;
  /** SHA-256 of the new key's DER SubjectPublicKeyInfo, lowercase hex (pairs key, CSR and certificate). */
  publicKeySha256: string;
  bits: number;
  /** The key came from a search started ahead (see `keySource`). */
  keyPreparedAhead: boolean;
}

/** A finding inside an included file names that file and line in its message (and quotes nothing of it). */
function describe(finding: ConfigFinding, configPath: string | undefined): string {
  return `${configPath ?? 'config'}:${finding.line ?? 1}: ${finding.message} [${finding.code}]`;
}

export async function generateKeyAndCsr(
  configText: string,
  options: GenerateKeyAndCsrOptions = {},
): Promise<GeneratedKeyAndCsr> {
  if (options.signal?.aborted) throw new CoreError('aborted', 'key generation was cancelled');
  let parseOptions: ParseOpensslConfigOptions = { env: options.env };
  if (options.configPath !== undefined) {
    parseOptions = opensslConfigFileOptions(
      options.configPath,
      options.cwd ?? path.dirname(path.resolve(options.configPath)),
      options.env,
    );
  }
  const { config, request, findings } = checkOpensslConfig(configText, {
    ...parseOptions,
    section: options.section,
    providerRules: false,
  });
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0 || !request.ok) {
    const first = errors[0] ?? config.loadError;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
    throw new CoreError(
      'config-has-errors',
      first
        ? `openssl req would refuse the config: ${describe(first, options.configPath)}${more}`
        : 'openssl req would refuse the config',
      first?.line !== undefined ? { line: first.line } : {},
    );
  }
  let bits: number;
  if (options.bits !== undefined) bits = checkKeyBits(options.bits, 'the requested key size');
  else if (request.defaultBits !== undefined) bits = checkKeyBits(request.defaultBits, "the config's default_bits =");
  else bits = DEFAULT_KEY_BITS;

  const { key, preparedAhead } = options.keySource
    ? await options.keySource.take(bits, options.signal)
    : { key: await generateKeyPair({ bits, signal: options.signal }), preparedAhead: false };
  if (key.bits !== bits)
    throw new CoreError('key-generation-failed', `the key source gave ${key.bits} bits, not ${bits}`);
  const csr = buildCsr({ config, request, privateKey: key.privateKey, publicKeyDer: key.publicKeyDer });
  if (options.signal?.aborted) throw new CoreError('aborted', 'key generation was cancelled');
  return {
    keyPem: key.privateKeyPem,
    csrPem: csr.pem,
    request,
    publicKeySha256: createHash('sha256').update(key.publicKeyDer).digest('hex'),
    bits,
    keyPreparedAhead: preparedAhead,
  };
}
