// Pure helpers for the editor features (completion, hover, definitions): what part a section plays in the
// request, and which variable or section reference sits under the cursor on a line.
import { findConfigEntry } from './lookupConfigValue';
import { ParsedConfig } from './parseOpensslConfig';
import { ConfigRequest } from './requestFromConfig';

export type SectionRole = 'req' | 'distinguished-name' | 'extensions' | 'subject-alt-names' | 'attributes' | 'other';

/** Keys whose value names another section. */
export const SECTION_POINTER_KEYS: ReadonlySet<string> = new Set([
  'distinguished_name',
  'req_extensions',
  'x509_extensions',
  'attributes',
  'oid_section',
  'openssl_conf',
]);

export function sectionRole(config: ParsedConfig, request: ConfigRequest, section: string): SectionRole {
  if (section === request.section) return 'req';
  if (section === request.distinguishedNameSection) return 'distinguished-name';
  if (section === request.attributesSection) return 'attributes';
  if (section === request.requestExtensionsSection || section === request.x509ExtensionsSection) return 'extensions';
  for (const extensionSection of [request.requestExtensionsSection, request.x509ExtensionsSection]) {
    if (!extensionSection) continue;
    const san = findConfigEntry(config, extensionSection, 'subjectAltName');
    if (san && san.value.trim() === `@${section}`) return 'subject-alt-names';
  }
  return 'other';
}

export interface LineReference {
  kind: 'variable' | 'section';
  /** For a variable: the section it names explicitly (`$sec::name`), if any. */
  section?: string;
  name: string;
  /** 0-based start and end (exclusive) on the line. */
  start: number;
  end: number;
}

const REFERENCE =
  /\$\{(?:([A-Za-z0-9_]+)::)?([A-Za-z0-9_]+)\}|\$(?:([A-Za-z0-9_]+)::)?([A-Za-z0-9_]+)|@([A-Za-z0-9_.]+)/g;

/** The `$var`, `${sec::var}` or `@section` that covers the 0-based `column` of `line`, if any. */
export function referenceAt(line: string, column: number): LineReference | undefined {
  for (const match of line.matchAll(REFERENCE)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (column < start || column > end) continue;
    if (match[5] !== undefined) return { kind: 'section', name: match[5], start, end };
    const section = match[1] ?? match[3];
    const name = match[2] ?? match[4];
    return { kind: 'variable', section: section || undefined, name, start, end };
  }
  return undefined;
}
