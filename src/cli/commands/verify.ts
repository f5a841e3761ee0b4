import { isCoreError } from '../../core/errors';
import { DerKind, looksLikePem, sniffDer, toPem } from '../../core/x509/pem';
import { readPrivateKey } from '../../core/x509/privateKey';
import { readUserFile } from '../../core/files/readUserFile';
import { loadCertificates } from '../../core/verify/loadCertificates';
import { verifyCertificate } from '../../core/verify/verifyCertificate';
import { escapeControlCharacters } from '../../core/text/escapeControlCharacters';
import { Command, EXIT } from '../command';
import { formatTable } from '../formatTable';
import { MAX_DAYS, parseAttime, parseNow, parseWholeNumber, stringOption, UsageError } from '../parseArgs';
import { certificateFrom, csrFrom } from './compare';

const DER_LABELS: Partial<Record<DerKind, string>> = {
  certificate: 'CERTIFICATE',
  pkcs8: 'PRIVATE KEY',
  'encrypted-pkcs8': 'ENCRYPTED PRIVATE KEY',
  pkcs1: 'RSA PRIVATE KEY',
  sec1: 'EC PRIVATE KEY',
  dsa: 'DSA PRIVATE KEY',
};

/** PEM text of a PEM or DER file, so that the core reads one form. */
function pemText(bytes: Buffer): string {
  if (looksLikePem(bytes)) return bytes.toString('latin1');
  const kind = sniffDer(bytes);
  const label = kind ? DER_LABELS[kind] : undefined;
  return label ? toPem(label, bytes) : bytes.toString('latin1');
}

function required(value: string | undefined, option: string, what: string): string {
  if (value === undefined) throw new UsageError(`--${option} ${what} is required`);
  return value;
}

/** Reading errors name the file: the core's own messages do not know it. */
function named<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Error(`${file}: ${isCoreError(error) || error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

export const verifyCommand: Command = {
  name: 'verify',
  summary:
    'check a returned certificate: its chain as openssl verify judges it, dates, key match, and the CSR and old certificate when given',
  synopsis:
    'verify --cert C --ca BUNDLE [--untrusted FILE] [--key K] [--csr CSR] [--old OLD.crt] [--now T | --attime T] [--json]',
  exitCodes:
    'Exit codes: 0 every check passed; 1 a check failed (a certificate OpenSSL loads but does not verify fails the chain check with its error); 2 bad usage, or a file with no certificate, key or CSR OpenSSL can load.',
  options: {
    cert: {
      type: 'string',
      value: 'C',
      description: 'the returned certificate (PEM or DER; the first certificate in the file); required',
    },
    key: {
      type: 'string',
      value: 'K',
      description: 'its private key (PEM or DER): adds the key-match check',
    },
    ca: {
      type: 'string',
      value: 'BUNDLE',
      description:
        "the provider's CA certificates (PEM); every certificate in it is a trust anchor, as with openssl verify -CAfile; required",
    },
    untrusted: {
      type: 'string',
      value: 'FILE',
      description:
        'intermediate certificates (PEM or DER) that may complete the path but are not trusted themselves, as with openssl verify -untrusted',
    },
    csr: { type: 'string', value: 'CSR', description: 'the CSR that was submitted: adds the csr-match check' },
    old: { type: 'string', value: 'OLD.crt', description: 'the certificate being renewed: adds the old-match check' },
    now: {
      type: 'string',
      value: 'T',
      description:
        'the time the validity check uses, ISO 8601 (default: the clock); the chain check leaves dates aside',
    },
    attime: {
      type: 'string',
      value: 'T',
      description:
        "openssl verify -attime: the chain check also checks every certificate's dates at T (seconds since the epoch, as openssl takes it, or ISO 8601), and the validity check uses T; with --now, both must name the same time",
    },
    'expected-days': {
      type: 'string',
      value: 'N',
      description: 'the validity the provider issues; shorter gets a note (default 90)',
    },
    'passphrase-env': {
      type: 'string',
      value: 'NAME',
      description: "environment variable holding the key's passphrase, for an encrypted key",
    },
    json: {
      type: 'boolean',
      description:
        'print {"certificate","ok","checks":[{"name","ok","severity","message","evidence","opensslCommand"}]} as one JSON document',
    },
  },
  async run(args, io) {
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.positionals[0])}`);
    const certPath = required(stringOption(args, 'cert'), 'cert', 'C');
    const keyPath = stringOption(args, 'key');
    const caPath = required(stringOption(args, 'ca'), 'ca', 'BUNDLE');
    const untrustedPath = stringOption(args, 'untrusted');
    const csrPath = stringOption(args, 'csr');
    const oldPath = stringOption(args, 'old');
    const nowText = stringOption(args, 'now');
    const attimeText = stringOption(args, 'attime');
    const at = attimeText === undefined ? undefined : parseAttime(attimeText);
    const now = at ?? parseNow(nowText);
    if (at !== undefined && nowText !== undefined && parseNow(nowText).getTime() !== at.getTime()) {
      throw new UsageError(
        `--now ${nowText} and --attime ${attimeText} name different times: give one (--attime also sets the validity check's time)`,
      );
    }
    const expectedDays = parseWholeNumber('--expected-days', stringOption(args, 'expected-days') ?? '90', {
      min: 1,
      max: MAX_DAYS,
    });
    const envName = stringOption(args, 'passphrase-env');
    let passphrase: string | undefined;
    if (envName !== undefined) {
      passphrase = io.env[envName];
      if (passphrase === undefined) throw new UsageError(`environment variable ${envName} is not set`);
    }

    const certificatePem = pemText(await readUserFile(certPath));
    const keyPem = keyPath === undefined ? undefined : pemText(await readUserFile(keyPath));
    const caBundlePem = pemText(await readUserFile(caPath));
    const untrustedPem = untrustedPath === undefined ? undefined : pemText(await readUserFile(untrustedPath));
    const csr = csrPath === undefined ? undefined : csrFrom(csrPath, await readUserFile(csrPath));
    const oldCertificate = oldPath === undefined ? undefined : certificateFrom(oldPath, await readUserFile(oldPath));
    // No certificate OpenSSL loads, or no key at all, is unreadable input (exit 2). A certificate OpenSSL loads
    // but does not verify, or a key that will not open, is a failed check.
    named(certPath, () => loadCertificates(certificatePem, 'certificate'));
    if (keyPath !== undefined && keyPem !== undefined)
      named(keyPath, () => {
        try {
          readPrivateKey(keyPem, { passphrase });
        } catch (error) {
          if (!isCoreError(error) || error.code !== 'key-wrong-passphrase') throw error;
        }
      });

    // The bundle's and the untrusted file's problems come back with their paths: the core is given them.
    const result = verifyCertificate({
      certificatePem,
      keyPem,
      keyPassphrase: passphrase,
      caBundlePem,
      untrustedPem,
      at,
      csr,
      oldCertificate,
      now,
      expectedValidityDays: expectedDays,
      paths: {
        certificate: certPath,
        key: keyPath,
        caBundle: caPath,
        untrusted: untrustedPath,
        csr: csrPath,
        oldCertificate: oldPath,
      },
    });

    if (args.options.json) {
      const { certificate } = result;
      io.stdout(
        JSON.stringify(
          {
            certificate: {
              path: certPath,
              subject: certificate.subject,
              issuer: certificate.issuer,
              subjectAltNames: certificate.subjectAltNames,
              notBefore: certificate.notBefore,
              notAfter: certificate.notAfter,
              serialNumber: certificate.serialNumber,
              fingerprintSha256: certificate.fingerprintSha256,
              publicKeySha256: certificate.publicKeySha256,
            },
            now: now.toISOString(),
            ...(at ? { attime: Math.floor(at.getTime() / 1000) } : {}),
            ok: result.ok,
            checks: result.checks,
          },
          null,
          2,
        ) + '\n',
      );
      return result.ok ? EXIT.ok : EXIT.problems;
    }

    const label = (ok: boolean, severity: string) => (!ok ? 'FAILED' : severity === 'warning' ? 'ok (note)' : 'ok');
    io.stdout(`Verifying ${escapeControlCharacters(certPath)} at ${now.toISOString()}:\n`);
    io.stdout(
      formatTable(
        ['CHECK', 'RESULT', 'MESSAGE'],
        result.checks.map((c) => [c.name, label(c.ok, c.severity), c.message]),
      ),
    );
    const failed = result.checks.filter((c) => !c.ok);
    io.stdout(
      failed.length === 0
        ? '\nAll checks passed: the certificate can be deployed alongside the old one.\n'
        : `\n${failed.length} check(s) failed: ${failed.map((c) => c.name).join(', ')}. Do not deploy this certificate as it is.\n`,
    );
    io.stdout('\nThe same checks with openssl:\n');
    for (const check of result.checks)
      io.stdout(
        `  # ${check.name}\n${check.opensslCommand
          .split('\n')
          .map((l) => `  ${l}`)
          .join('\n')}\n`,
      );
    return result.ok ? EXIT.ok : EXIT.problems;
  },
};
