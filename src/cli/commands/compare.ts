import { findingRange } from '../../core/opensslConfig/findingRange';
import { CompareFinding } from '../../core/compare/compareFinding';
import { compareRequest } from '../../core/compare/compareRequest';
import { hasErrors } from '../../core/compare/hasErrors';
import { RequestFacts } from '../../core/compare/requestFacts';
import { requestFactsFromConfig } from '../../core/compare/requestFactsFromConfig';
import { requestFactsFromCsr } from '../../core/compare/requestFactsFromCsr';
import { formatName, formatSubjectAltNames } from '../../core/x509/formatName';
import { CertificateInfo, CsrInfo } from '../../core/model';
import { MAX_CONFIG_BYTES, opensslConfigFileOptions } from '../../core/opensslConfig/loadOpensslConfigFile';
import { checkOpensslConfig } from '../../core/opensslConfig/validateOpensslConfig';
import { looksLikePem, sniffDer } from '../../core/x509/pem';
import { readCryptoFile } from '../../core/x509/readCryptoFile';
import { readUserFile } from '../../core/files/readUserFile';
import { escapeControlCharacters } from '../../core/text/escapeControlCharacters';
import { printedValue } from '../printedValue';
import { Command, EXIT } from '../command';
import { formatTable } from '../formatTable';
import { stringOption, UsageError } from '../parseArgs';

/** The certificate of a file that may hold a chain: the first one that is not a CA, else the first. */
export function certificateFrom(file: string, bytes: Buffer): CertificateInfo {
  const { items, errors } = readCryptoFile(file, bytes);
  const certificates = items.filter((i): i is CertificateInfo => i.kind === 'certificate');
  const chosen = certificates.find((c) => !c.isCA) ?? certificates[0];
  if (!chosen) throw new Error(`${file}: ${errors.length > 0 ? errors[0].message : 'no certificate in this file'}`);
  return chosen;
}

export function csrFrom(file: string, bytes: Buffer): CsrInfo {
  const { items, errors } = readCryptoFile(file, bytes);
  const csr = items.find((i): i is CsrInfo => i.kind === 'csr');
  if (!csr)
    throw new Error(`${file}: ${errors.length > 0 ? errors[0].message : 'no certificate request in this file'}`);
  return csr;
}

/** A config is text: no NUL byte and valid UTF-8. PEM and DER CSRs are recognised first. */
function isRequestConfig(file: string, bytes: Buffer): boolean {
  if (/\.(cnf|conf|cfg)$/i.test(file)) return true;
  if (looksLikePem(bytes) || sniffDer(bytes) !== undefined) return false;
  return !bytes.includes(0) && Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

interface ConfigErrorFinding {
  severity: 'error';
  code: 'config-error';
  message: string;
  range?: { line: number; column: number; endLine: number; endColumn: number };
  data: { configCode: string };
}

type CliFinding = CompareFinding | ConfigErrorFinding;

async function readRequest(
  file: string,
  section: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<{ facts: RequestFacts; configErrors: ConfigErrorFinding[]; publicKeySha256?: string }> {
  const bytes = await readUserFile(file);
  if (!isRequestConfig(file, bytes)) {
    const csr = csrFrom(file, bytes);
    return { facts: requestFactsFromCsr(csr), configErrors: [], publicKeySha256: csr.publicKeySha256 };
  }
  // Decoded from the bytes already read: a second read could find another file (or a FIFO) in its place.
  if (bytes.length > MAX_CONFIG_BYTES)
    throw new Error(
      `${file}: ${bytes.length} bytes, ${bytes.length - MAX_CONFIG_BYTES} over the limit of ${MAX_CONFIG_BYTES} bytes for a config`,
    );
  const text = bytes.toString('utf8');
  const cwd = process.cwd();
  const validation = checkOpensslConfig(text, { ...opensslConfigFileOptions(file, cwd, env), section });
  // The comparison still runs: what the config would request is worth knowing while it is being fixed.
  // A SAN openssl refuses is reported once, by the comparison's san-refused, which carries the same message.
  const refused = new Set<object>(validation.request.refusedSubjectAltNames?.findings ?? []);
  const configErrors: ConfigErrorFinding[] = validation.findings
    .filter((f) => f.severity === 'error' && !refused.has(f))
    .map((f) => ({
      severity: 'error',
      code: 'config-error',
      message: `openssl req would refuse the config: ${f.message}`,
      ...findingRange(f),
      data: { configCode: f.code },
    }));
  return { facts: requestFactsFromConfig(validation), configErrors };
}

function parseOldKeys(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const hashes = value
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  for (const hash of hashes) {
    if (!/^[0-9a-f]{64}$/i.test(hash.replace(/:/g, '')))
      throw new UsageError(`--old-keys takes SHA-256 public-key hashes (64 hex digits), got ${JSON.stringify(hash)}`);
  }
  return hashes;
}

function where(finding: CliFinding): string {
  return finding.range ? `${finding.range.line}:${finding.range.column}` : '';
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'hold a new CSR (or request config) against the certificate it renews: subject, SANs, key and signature',
  synopsis: 'compare OLD.crt NEW.csr|NEW.cnf [--json] [--old-keys HASH,...] [--section NAME]',
  options: {
    json: {
      type: 'boolean',
      description: 'print {"old","request","findings":[{"severity","code","message",...}]} as one JSON document',
    },
    'old-keys': {
      type: 'string',
      value: 'HASH,...',
      description: 'SHA-256 public-key hashes of earlier keys that must not come back (key-reused)',
    },
    section: { type: 'string', value: 'NAME', description: 'for a config: the req section to read (default: req)' },
  },
  async run(args, io) {
    if (args.positionals.length !== 2)
      throw new UsageError(`expected OLD.crt and NEW.csr (or NEW.cnf), got ${args.positionals.length} argument(s)`);
    const [oldPath, newPath] = args.positionals;
    const oldKeys = parseOldKeys(stringOption(args, 'old-keys'));
    const old = certificateFrom(oldPath, await readUserFile(oldPath));
    const request = await readRequest(newPath, stringOption(args, 'section'), io.env);
    const findings: CliFinding[] = [
      ...request.configErrors,
      ...compareRequest(old, request.facts, oldKeys ? { oldKeys } : {}),
    ];
    const failed = hasErrors(findings);

    if (args.options.json) {
      io.stdout(
        JSON.stringify(
          {
            old: {
              path: oldPath,
              subject: old.subject,
              subjectAltNames: old.subjectAltNames,
              publicKeySha256: old.publicKeySha256,
              notAfter: old.notAfter,
            },
            request: {
              path: newPath,
              kind: request.facts.kind,
              subject: request.facts.subject.map(printedValue),
              subjectAltNames: request.facts.subjectAltNames.map(printedValue),
              ...(request.publicKeySha256 ? { publicKeySha256: request.publicKeySha256 } : {}),
            },
            findings,
          },
          null,
          2,
        ) + '\n',
      );
      return failed ? EXIT.problems : EXIT.ok;
    }

    const lines = [
      `Old certificate: ${oldPath}`,
      `  subject  ${formatName(old.subject) || '(empty)'}`,
      `  SANs     ${formatSubjectAltNames(old.subjectAltNames) || '(none)'}`,
      `New ${request.facts.kind === 'config' ? 'request config' : 'CSR'}: ${newPath}`,
      `  subject  ${formatName(request.facts.subject.map(printedValue)) || '(empty)'}`,
      `  SANs     ${formatSubjectAltNames(request.facts.subjectAltNames.map(printedValue)) || '(none)'}`,
      '',
    ];
    io.stdout(lines.map(escapeControlCharacters).join('\n'));
    if (findings.length === 0) {
      io.stdout(`Same subject and SANs${request.facts.key ? ', a new key' : ''}: nothing to report.\n`);
      return EXIT.ok;
    }
    const withWhere = findings.some((f) => f.range);
    const headers = withWhere ? ['SEVERITY', 'CODE', 'LINE', 'MESSAGE'] : ['SEVERITY', 'CODE', 'MESSAGE'];
    io.stdout(
      formatTable(
        headers,
        findings.map((f) => (withWhere ? [f.severity, f.code, where(f), f.message] : [f.severity, f.code, f.message])),
      ),
    );
    const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
    io.stdout(
      `\n${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s)${failed ? ': fix the errors before submitting this request' : ''}.\n`,
    );
    return failed ? EXIT.problems : EXIT.ok;
  },
};
