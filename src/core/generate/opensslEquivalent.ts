// The rotation guide's own commands for what generateKeyAndCsr does, for people who want to reproduce or audit
// it with nothing but openssl (the last line is the guide's "verify the output before submitting").
import { shellQuote } from '../text/shellQuote';

export interface OpensslEquivalentOptions {
  keyPath: string;
  csrPath: string;
  configPath: string;
  bits?: number;
  /** The request section when it is not `req`. */
  section?: string;
}

export function opensslEquivalent(options: OpensslEquivalentOptions): string {
  const key = shellQuote(options.keyPath, { path: true });
  const csr = shellQuote(options.csrPath, { path: true });
  const section =
    options.section !== undefined && options.section !== 'req' ? ` -section ${shellQuote(options.section)}` : '';
  return [
    `openssl genrsa -out ${key} ${options.bits ?? 2048}`,
    `openssl req -new -key ${key} -out ${csr} -config ${shellQuote(options.configPath, { path: true })}${section}`,
    `openssl req -in ${csr} -noout -text -verify`,
    '',
  ].join('\n');
}
