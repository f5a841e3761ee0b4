import { promises as fs } from 'fs';
import * as path from 'path';
import { checkKeyBits } from '../../core/generate/generateKeyPair';
import { CertificateInfo } from '../../core/model';
import { newRequestConfig } from '../../core/generate/newRequestConfig';
import { readCryptoFile } from '../../core/x509/readCryptoFile';
import { readUserFile } from '../../core/files/readUserFile';
import { checkUnlinkedPath } from '../../core/files/checkUnlinkedPath';
import { escapeControlCharacters } from '../../core/text/escapeControlCharacters';
import { Command, EXIT } from '../command';
import { stringOption, UsageError } from '../parseArgs';

/** The leaf of a bundle: the first certificate that is not a CA, else the first one. */
function pickCertificate(file: string, bytes: Buffer): CertificateInfo {
  const { items, errors } = readCryptoFile(file, bytes);
  const certificates = items.filter((i): i is CertificateInfo => i.kind === 'certificate');
  const chosen = certificates.find((c) => !c.isCA) ?? certificates[0];
  if (!chosen)
    throw new Error(errors.length > 0 ? `${file}: ${errors[0].message}` : `${file}: no certificate in this file`);
  return chosen;
}

function parseBitsOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value))
    throw new UsageError(`--bits must be a whole number of bits, got ${JSON.stringify(value)}`);
  return checkKeyBits(Number(value), '--bits');
}

export const newConfigCommand: Command = {
  name: 'new-config',
  summary: "an OpenSSL request config with an old certificate's subject and SANs, for the CSR that renews it",
  synopsis: 'new-config --from-cert OLD.crt [--out FILE] [--bits N] [--force]',
  options: {
    'from-cert': {
      type: 'string',
      value: 'OLD.crt',
      description: 'the certificate being renewed (PEM or DER; in a bundle, the first non-CA certificate); required',
    },
    out: {
      type: 'string',
      value: 'FILE',
      description: 'write the config to FILE instead of stdout; an existing FILE is never replaced (exit 2)',
    },
    bits: { type: 'string', value: 'N', description: 'default_bits of the config (2048, 3072 or 4096; default 2048)' },
    force: {
      type: 'boolean',
      description:
        'write --out even where a folder on the way is a symbolic link (a link as FILE itself is always refused)',
    },
  },
  async run(args, io) {
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.positionals[0])}`);
    const from = stringOption(args, 'from-cert');
    if (from === undefined) throw new UsageError('--from-cert OLD.crt is required');
    const bits = parseBitsOption(stringOption(args, 'bits'));
    const out = stringOption(args, 'out');
    const certificate = pickCertificate(from, await readUserFile(from));
    const text = newRequestConfig(certificate, {
      bits,
      ...(out !== undefined ? { configFileName: path.basename(out) } : {}),
    });
    if (out === undefined) {
      io.stdout(text);
      return EXIT.ok;
    }
    await checkUnlinkedPath(out, '--out', args.options.force === true);
    try {
      // Exclusive create: a config someone edited by hand is never overwritten.
      await fs.writeFile(out, text, { flag: 'wx', mode: 0o644 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new Error(
        code === 'EEXIST'
          ? `${out} already exists; it is never replaced, choose another --out`
          : `cannot write ${out} (${code ?? 'error'})`,
        { cause: error },
      );
    }
    const subject = certificate.subject.map((a) => `${a.type}=${a.value}`).join(', ') || '(empty)';
    io.stdout(
      `${escapeControlCharacters(`Wrote ${out}: subject ${subject}`)}; ${certificate.subjectAltNames.length} SAN(s).\n`,
    );
    return EXIT.ok;
  },
};
