import { curlCommand } from '../../core/testCall/curlCommand';
import { isCoreError } from '../../core/errors';
import { readUserFile } from '../../core/files/readUserFile';
import { MAX_TIMEOUT_MS, runTestCall } from '../../core/testCall/runTestCall';
import { TestCallResult } from '../../core/testCall/testCallResult';
import { escapeControlCharacters } from '../../core/text/escapeControlCharacters';
import { Command, EXIT } from '../command';
import { parseNow, parseWholeNumber, stringOption, UsageError } from '../parseArgs';

const DEFAULT_API_KEY_ENV = 'MTLS_API_KEY';

/** The option goes in front of the reader's message (which names the file), so the user knows which one to fix. */
async function readInput(path: string, option: string): Promise<Buffer> {
  try {
    return await readUserFile(path);
  } catch (error) {
    throw new Error(`--${option}: ${isCoreError(error) ? error.message : String(error)}`, { cause: error });
  }
}

function envVariable(io: { env: NodeJS.ProcessEnv }, name: string, option: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new UsageError(`--${option} must be an environment variable name, got ${JSON.stringify(name)}`);
  const value = io.env[name];
  if (value === undefined || value === '')
    throw new UsageError(`environment variable ${name} (--${option}) is not set`);
  return value;
}

export const testCallCommand: Command = {
  name: 'test-call',
  summary:
    'one GET with exactly this certificate and key and the API key in X-API-Key; exit 1 unless the answer is a 2xx',
  synopsis:
    'test-call --url U (--cert C --key K | --pkcs12 P) [--ca BUNDLE] [--api-key-env NAME] [--timeout-ms N] [--json]',
  options: {
    url: {
      type: 'string',
      value: 'U',
      description: 'the https URL to call, e.g. https://production.api.axyscards.com/v2/cardholders; required',
    },
    cert: { type: 'string', value: 'C', description: 'the client certificate (PEM; intermediates may follow it)' },
    key: { type: 'string', value: 'K', description: 'its private key (PEM)' },
    pkcs12: { type: 'string', value: 'P', description: 'instead of --cert and --key: a PKCS#12 file' },
    'passphrase-env': {
      type: 'string',
      value: 'NAME',
      description: 'environment variable holding the passphrase of an encrypted key or PKCS#12 file',
    },
    ca: {
      type: 'string',
      value: 'BUNDLE',
      description: "CA certificates (PEM) to verify the server with (default: Node's root certificates)",
    },
    'api-key-env': {
      type: 'string',
      value: 'NAME',
      description: `environment variable holding the program's API key (default ${DEFAULT_API_KEY_ENV}); never on the command line`,
    },
    'timeout-ms': { type: 'string', value: 'N', description: 'give up after N milliseconds (default 15000)' },
    now: {
      type: 'string',
      value: 'T',
      description: "the current time for the certificate's expiry check, ISO 8601 (default: the clock)",
    },
    json: {
      type: 'boolean',
      description: 'print the result as one JSON document: {"outcome","status","durationMs","hint","url","tls",...}',
    },
  },
  async run(args, io) {
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.positionals[0])}`);
    const url = stringOption(args, 'url');
    if (url === undefined) throw new UsageError('--url is required');
    const certPath = stringOption(args, 'cert');
    const keyPath = stringOption(args, 'key');
    const pkcs12Path = stringOption(args, 'pkcs12');
    if (pkcs12Path !== undefined && (certPath !== undefined || keyPath !== undefined))
      throw new UsageError('give --pkcs12 or --cert and --key, not both');
    if ((certPath === undefined) !== (keyPath === undefined)) throw new UsageError('--cert and --key go together');
    const timeoutText = stringOption(args, 'timeout-ms');
    const timeoutMs =
      timeoutText === undefined
        ? undefined
        : parseWholeNumber('--timeout-ms', timeoutText, { min: 1, max: MAX_TIMEOUT_MS });
    const now = parseNow(stringOption(args, 'now'));

    // Read before the API-key note goes to stderr: an unreadable file must be the only line there.
    const caPath = stringOption(args, 'ca');
    const certificatePem = certPath !== undefined ? (await readInput(certPath, 'cert')).toString('latin1') : undefined;
    const keyPem = keyPath !== undefined ? (await readInput(keyPath, 'key')).toString('latin1') : undefined;
    const pkcs12 = pkcs12Path !== undefined ? await readInput(pkcs12Path, 'pkcs12') : undefined;
    const caBundlePem = caPath !== undefined ? (await readInput(caPath, 'ca')).toString('latin1') : undefined;

    const apiKeyEnvOption = stringOption(args, 'api-key-env');
    let apiKey: string | undefined;
    if (apiKeyEnvOption !== undefined) {
      apiKey = envVariable(io, apiKeyEnvOption, 'api-key-env');
    } else {
      apiKey = io.env[DEFAULT_API_KEY_ENV] || undefined;
      if (apiKey === undefined)
        io.stderr(`note: ${DEFAULT_API_KEY_ENV} is not set; the call goes without an X-API-Key header\n`);
    }
    const passphraseEnv = stringOption(args, 'passphrase-env');
    const passphrase = passphraseEnv !== undefined ? envVariable(io, passphraseEnv, 'passphrase-env') : undefined;

    const result = await runTestCall({
      url,
      certificatePem,
      keyPem,
      pkcs12,
      passphrase,
      caBundlePem,
      apiKey,
      timeoutMs,
      now: () => now.getTime(),
    });

    if (args.options.json) {
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      const curl = curlCommand({
        url,
        certificatePath: certPath,
        keyPath,
        pkcs12Path,
        passphraseEnv,
        caBundlePath: caPath,
        apiKeyEnv: apiKeyEnvOption ?? DEFAULT_API_KEY_ENV,
        timeoutMs,
      });
      io.stdout(formatResult(result, curl));
    }
    return result.outcome === 'ok' ? EXIT.ok : EXIT.problems;
  },
};

function formatResult(result: TestCallResult, curl: string): string {
  const lines = [
    `${result.outcome}${result.status !== undefined ? ` (HTTP ${result.status})` : ''} in ${result.durationMs} ms: ${result.url}`,
  ];
  const tls = result.tls;
  if (tls?.protocol) lines.push(`TLS: ${tls.protocol}${tls.cipher ? `, ${tls.cipher}` : ''}`);
  if (tls?.serverCertificate) {
    const s = tls.serverCertificate;
    lines.push(`Server certificate: ${s.subject}; issuer ${s.issuer}; expires ${s.notAfter}`);
  }
  if (tls?.clientCertificateRequested !== undefined) {
    const sent = tls.clientCertificateSent
      ? `; sent ${tls.clientCertificateSent.subject} (SHA-256 ${tls.clientCertificateSent.fingerprintSha256})`
      : '';
    lines.push(`Client certificate requested: ${tls.clientCertificateRequested ? 'yes' : 'no'}${sent}`);
  }
  if (tls?.alert) lines.push(`TLS alert from the server: ${tls.alert}${tls.reason ? ` (${tls.reason})` : ''}`);
  else if (tls?.reason) lines.push(`Reason: ${tls.reason}`);
  if (result.error) lines.push(`Error: ${result.error.code}: ${result.error.message}`);
  if (result.json) lines.push(`Response: ${JSON.stringify(result.json)}`);
  else if (result.bodyPreview !== undefined && result.outcome !== 'ok') {
    const [first, ...more] = result.bodyPreview.split('\n').slice(0, 5);
    lines.push(`Response body: ${first}`, ...more.map((line) => `  ${line}`));
  }
  lines.push(`Hint: ${result.hint}`);
  // The server's certificate names, its alerts and its body are the server's words, not ours: escaped, line
  // by line. The curl line is left to its own quoting, which is what makes it paste into a shell.
  return `${[...lines.map(escapeControlCharacters), `Same call with curl: ${curl}`].join('\n')}\n`;
}
