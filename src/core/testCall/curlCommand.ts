import { CoreError } from '../errors';
import { shellQuote } from '../text/shellQuote';
import { parseTestCallUrl } from './parseTestCallUrl';

export interface CurlCommandInput {
  url: string;
  certificatePath?: string;
  keyPath?: string;
  /** Instead of certificatePath and keyPath. */
  pkcs12Path?: string;
  /** The environment variable holding the PKCS#12 passphrase, when it has one. */
  passphraseEnv?: string;
  caBundlePath?: string;
  /** The environment variable holding the API key; default `API_KEY`, as in the rotation guide. */
  apiKeyEnv?: string;
  timeoutMs?: number;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function envName(name: string, what: string): string {
  if (!ENV_NAME.test(name))
    throw new CoreError(
      'invalid-test-call-input',
      `${what} must be an environment variable name, got ${JSON.stringify(name)}`,
    );
  return name;
}

/**
 * The same call as a curl command line (POSIX shell), for people to run or paste into a ticket. Secrets stay
 * in environment variables: the command holds `$API_KEY`, never the key.
 */
export function curlCommand(input: CurlCommandInput): string {
  const url = parseTestCallUrl(input.url).displayUrl;
  const words = ['curl'];
  // curl reads `file:password` in --cert, so a colon in the file name needs its backslash.
  const certArgument = (path: string): string => path.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
  if (input.pkcs12Path !== undefined) {
    const pass =
      input.passphraseEnv !== undefined ? `:"$${envName(input.passphraseEnv, 'the passphrase variable')}"` : '';
    words.push('--cert-type', 'P12', '--cert', `${shellQuote(certArgument(input.pkcs12Path), { path: true })}${pass}`);
  } else {
    if (input.certificatePath !== undefined)
      words.push('--cert', shellQuote(certArgument(input.certificatePath), { path: true }));
    if (input.keyPath !== undefined) words.push('--key', shellQuote(input.keyPath, { path: true }));
  }
  if (input.caBundlePath !== undefined) words.push('--cacert', shellQuote(input.caBundlePath, { path: true }));
  words.push('-H', `"X-API-Key: $${envName(input.apiKeyEnv ?? 'API_KEY', 'the API key variable')}"`);
  if (input.timeoutMs !== undefined) words.push('--max-time', String(input.timeoutMs / 1000));
  words.push(shellQuote(url));
  return words.join(' ');
}
