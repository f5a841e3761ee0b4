import { Finding, Severity } from '../model';

/**
 * Stable codes of config findings. Editors key quick fixes on them and tests assert them, so a code is never
 * renamed; a finding whose severity is `error` means `openssl req -new -batch -config FILE` fails.
 */
export type ConfigFindingCode =
  // The reader (crypto/conf/conf_def.c): OpenSSL refuses to load the file.
  | 'missing-close-bracket'
  | 'missing-equal-sign'
  | 'undefined-variable'
  | 'missing-close-brace'
  | 'variable-expansion-too-long'
  | 'invalid-pragma'
  | 'relative-include-path'
  // The reader: accepted, but probably not what the author meant.
  | 'unclosed-quote'
  | 'escaped-whitespace-lost'
  | 'duplicate-key'
  | 'unknown-pragma'
  | 'include-not-found'
  | 'include-not-followed'
  | 'recursive-directory-include'
  | 'include-cycle'
  | 'environment-not-provided'
  // `openssl req` itself (apps/req.c).
  | 'missing-req-section'
  | 'missing-distinguished-name'
  | 'distinguished-name-section-missing'
  | 'empty-distinguished-name'
  | 'unknown-dn-field'
  | 'dn-field-name-too-long'
  | 'dn-value-too-long'
  | 'dn-value-too-short'
  | 'dn-illegal-characters'
  | 'dn-invalid-utf8'
  | 'dn-object-without-oid'
  | 'dn-length-limit'
  | 'dn-field-dropped'
  | 'default-without-field'
  | 'non-ascii-without-utf8'
  | 'empty-cn'
  | 'prompt-not-no'
  | 'utf8-not-yes'
  | 'attributes-section-missing'
  | 'unknown-attribute'
  | 'oid-section-missing'
  | 'invalid-oid'
  | 'openssl-conf-section-missing'
  | 'openssl-conf-modules'
  | 'string-mask-invalid'
  | 'default-md-unknown'
  | 'default-bits-too-small'
  | 'default-bits-invalid'
  // Extensions (crypto/x509/v3_*.c).
  | 'extension-section-missing'
  | 'unknown-extension'
  | 'extension-not-supported'
  | 'extension-value-invalid'
  | 'authority-key-identifier-in-request'
  | 'san-section-missing'
  | 'san-section-empty'
  | 'san-mixed-inline-and-section'
  | 'san-unknown-type'
  | 'san-missing-value'
  | 'san-empty-name'
  | 'san-bad-ip'
  | 'san-bad-dns'
  | 'san-bad-email'
  | 'san-bad-uri'
  | 'san-empty-value'
  | 'san-copy-without-email'
  | 'san-bad-other'
  // The provider's rules (brief/rotate-mtls-certificates.txt): RSA-2048 keys, O, OU and CN in the subject.
  | 'provider-key-size'
  | 'provider-missing-o'
  | 'provider-missing-ou'
  | 'provider-missing-cn';

export interface ConfigFindingData {
  /** The closest known name when the offending one is unknown (a quick fix replaces the range with it). */
  suggestion?: string;
  /** The line OpenSSL names in its own error message: it counts the lines of included files too. */
  opensslLine?: number;
  /**
   * Set when the finding is inside an included file; line/column then point at the `.include` line. The file as
   * it is shown (ConfigEntry.fileLabel): its path, unless the path came from the environment or another included
   * file, which `filePathHidden` then says.
   */
  file?: string;
  filePathHidden?: boolean;
  fileLine?: number;
  fileColumn?: number;
  /** Config section and name of the entry the finding is about. */
  section?: string;
  name?: string;
}

export interface ConfigFinding extends Finding {
  code: ConfigFindingCode;
  data?: ConfigFindingData;
}

/** 1-based, end exclusive (`endColumn` is one past the last character), as editors count UTF-16 code units. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function makeFinding(
  severity: Severity,
  code: ConfigFindingCode,
  message: string,
  range: SourceRange | undefined,
  data?: ConfigFindingData,
): ConfigFinding {
  const finding: ConfigFinding = { severity, code, message };
  if (range) {
    finding.line = range.line;
    finding.column = range.column;
    finding.endLine = range.endLine;
    finding.endColumn = range.endColumn;
  }
  if (data && Object.keys(data).length > 0) finding.data = data;
  return finding;
}

/** Marks a finding as one about an included file, named by `label` (which stands for `file` on screen). */
export function setFileData(data: ConfigFindingData, file: string, label: string, range: SourceRange): void {
  data.file = label;
  if (label !== file) data.filePathHidden = true;
  data.fileLine = range.line;
  data.fileColumn = range.column;
}
