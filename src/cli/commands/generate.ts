import { existsSync } from 'fs';
import * as path from 'path';
import { readCsr } from '../../core/x509/csr';
import { isCoreError } from '../../core/errors';
import { formatName, formatSubjectAltNames } from '../../core/x509/formatName';
import { generateKeyAndCsr } from '../../core/generate/generateKeyAndCsr';
import { checkKeyBits } from '../../core/generate/generateKeyPair';
import { checkUnlinkedPath } from '../../core/files/checkUnlinkedPath';
import { checkNewPaths, freshName, writeKeyAndCsr } from '../../core/generate/writeNewFiles';
import { readOpensslConfigFile } from '../../core/opensslConfig/loadOpensslConfigFile';
import { escapeControlCharacters } from '../../core/text/escapeControlCharacters';
import { shellQuote } from '../../core/text/shellQuote';
import { Command, EXIT } from '../command';
import { stringOption, UsageError } from '../parseArgs';

function required(value: string | undefined, option: string): string {
  if (value === undefined) throw new UsageError(`--${option} is required`);
  return value;
}

/** A taken path gets a suggestion: the next free numbered names, the key's and the CSR's advancing together. */
function withSuggestion(error: unknown, keyOut: string, csrOut: string): unknown {
  if (!isCoreError(error) || error.code !== 'file-exists') return error;
  let key = keyOut;
  let csr = csrOut;
  for (let tries = 0; tries < 1000 && (existsSync(key) || existsSync(csr)); tries++) {
    const [takenKey, takenCsr] = [key, csr];
    key = freshName(takenKey, (p) => p === takenKey);
    csr = freshName(takenCsr, (p) => p === takenCsr);
  }
  return new Error(
    `${error.message}; nothing was written (try --key-out ${shellQuote(key, { path: true })} --csr-out ${shellQuote(csr, { path: true })})`,
    { cause: error },
  );
}

export const generateCommand: Command = {
  name: 'generate',
  summary: 'a new RSA key (mode 0600) and the CSR `openssl req -new -config FILE` would make with it; never overwrites',
  synopsis: 'generate --config FILE.cnf --key-out K --csr-out C [--bits 2048] [--json] [--section NAME] [--force]',
  options: {
    config: { type: 'string', value: 'FILE.cnf', description: 'the OpenSSL request config (see new-config); required' },
    'key-out': {
      type: 'string',
      value: 'K',
      description: 'the new private key (PKCS#8 PEM, mode 0600); must not exist; required',
    },
    'csr-out': { type: 'string', value: 'C', description: 'the new CSR (PEM); must not exist; required' },
    bits: {
      type: 'string',
      value: 'N',
      description: "RSA key size: 2048 (default, unless the config's default_bits says otherwise), 3072 or 4096",
    },
    section: { type: 'string', value: 'NAME', description: 'the request section of the config (default: req)' },
    json: {
      type: 'boolean',
      description: 'print {"key","csr","subject","subjectAltNames","publicKeySha256"} as one JSON document',
    },
    force: {
      type: 'boolean',
      description:
        'write even where a folder on the way is a symbolic link (a link as K or C itself is always refused)',
    },
  },
  async run(args, io) {
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.positionals[0])}`);
    const configPath = required(stringOption(args, 'config'), 'config');
    const keyOut = required(stringOption(args, 'key-out'), 'key-out');
    const csrOut = required(stringOption(args, 'csr-out'), 'csr-out');
    const bitsText = stringOption(args, 'bits');
    let bits: number | undefined;
    if (bitsText !== undefined) {
      if (!/^\d{1,9}$/.test(bitsText))
        throw new UsageError(`--bits must be a whole number of bits, got ${JSON.stringify(bitsText)}`);
      bits = checkKeyBits(Number(bitsText), '--bits');
    }
    const cwd = process.cwd();
    try {
      // Before the key is generated, so that a taken path costs nothing; writeKeyAndCsr checks again.
      await checkNewPaths(keyOut, csrOut);
      for (const [option, target] of [
        ['--key-out', keyOut],
        ['--csr-out', csrOut],
      ])
        await checkUnlinkedPath(target, option, args.options.force === true);
      const text = readOpensslConfigFile(path.resolve(cwd, configPath));
      const generated = await generateKeyAndCsr(text, {
        configPath,
        cwd,
        env: io.env,
        bits,
        section: stringOption(args, 'section'),
      });
      await writeKeyAndCsr(keyOut, csrOut, generated.keyPem, generated.csrPem);
      const csr = readCsr(generated.csrPem, { path: csrOut });
      if (args.options.json) {
        io.stdout(
          `${JSON.stringify(
            {
              key: keyOut,
              csr: csrOut,
              subject: csr.subject,
              subjectAltNames: csr.subjectAltNames,
              publicKeySha256: generated.publicKeySha256,
            },
            null,
            2,
          )}\n`,
        );
      } else {
        io.stdout(
          [
            `Wrote a new ${generated.bits}-bit RSA key to ${keyOut} (mode 0600) and its CSR to ${csrOut}.`,
            `Subject: ${csr.subject.length > 0 ? formatName(csr.subject) : '(empty)'}`,
            `Subject alternative names: ${csr.subjectAltNames.length > 0 ? formatSubjectAltNames(csr.subjectAltNames) : '(none)'}`,
            `Public key SHA-256: ${generated.publicKeySha256}`,
          ]
            .map(escapeControlCharacters)
            .concat(checkLine(csrOut), '')
            .join('\n'),
        );
      }
      return EXIT.ok;
    } catch (error) {
      throw withSuggestion(error, keyOut, csrOut);
    }
  },
};

/**
 * The line to paste. A name with control characters cannot be both shown safely (escaped) and pasted as is (raw):
 * then no command is offered, rather than one that names another file or writes raw escapes to the terminal.
 */
function checkLine(csrOut: string): string {
  if (escapeControlCharacters(csrOut) !== csrOut) {
    return 'Check it before submitting with openssl req -noout -text -verify -in <the CSR>: its name holds control characters, so no command is printed to paste.';
  }
  return `Check it before submitting: openssl req -in ${shellQuote(csrOut, { path: true })} -noout -text -verify`;
}
