import { findingRange } from '../opensslConfig/findingRange';
import { SourceRange } from '../opensslConfig/configFinding';
import { findConfigEntry, findConfigSection } from '../opensslConfig/lookupConfigValue';
import { ConfigEntry, ParsedConfig } from '../opensslConfig/parseOpensslConfig';
import { ConfigValidation } from '../opensslConfig/validateOpensslConfig';
import { RequestFacts } from './requestFacts';

/** An entry's place in the main text: for an included entry, the `.include` line that brought it in. */
function mainTextRange(entry: ConfigEntry | undefined): SourceRange | undefined {
  if (!entry) return undefined;
  return entry.file !== undefined ? entry.includedFrom : entry.range;
}

function sectionHeader(config: ParsedConfig, name: string | undefined): SourceRange | undefined {
  if (name === undefined) return undefined;
  const header = findConfigSection(config, name)?.headers.find((h) => h.file === undefined);
  return header?.range;
}

/**
 * The subject and SANs `openssl req -new -config FILE -batch` would request, with where each comes from.
 * A config names no key and signs nothing, so key and signature facts are absent.
 */
export function requestFactsFromConfig(validation: ConfigValidation): RequestFacts {
  const { config, request } = validation;
  const dnPointer = findConfigEntry(config, request.section, 'distinguished_name');
  const extPointer = findConfigEntry(config, request.section, 'req_extensions');
  const sanEntry =
    request.requestExtensionsSection !== undefined
      ? // The section's own entry only: OpenSSL builds extensions from the section, with no default-section fallback.
        findConfigSection(config, request.requestExtensionsSection)?.entries.find((e) => e.name === 'subjectAltName')
      : undefined;
  // openssl adds no SAN at all when it refuses one of them, but comparing nothing would report every old SAN as
  // removed: the readable names are compared, and the refused ones reported by their own diagnostic.
  const refused = request.refusedSubjectAltNames;
  const sans = refused?.readable ?? request.subjectAltNames;
  const facts: RequestFacts = {
    kind: 'config',
    subject: request.subject.map((a) => ({
      type: a.type,
      value: a.value,
      oid: a.oid,
      range: a.source,
      ...(a.shown !== undefined ? { shown: a.shown } : {}),
    })),
    subjectAltNames: sans.map((s) => ({
      type: s.type,
      value: s.value,
      range: s.source,
      ...(s.shown !== undefined ? { shown: s.shown } : {}),
    })),
  };
  if (refused) {
    facts.refusedSubjectAltNames = refused.findings.map((f) => ({
      message: f.message,
      configCode: f.code,
      ...findingRange(f),
    }));
  }
  const subjectRange =
    sectionHeader(config, request.distinguishedNameSection) ??
    mainTextRange(dnPointer) ??
    sectionHeader(config, request.section);
  if (subjectRange) facts.subjectRange = subjectRange;
  // A dropped SAN belongs where the list is; without one, where the list would be added.
  const sanRange =
    mainTextRange(sanEntry) ??
    sectionHeader(config, request.requestExtensionsSection) ??
    mainTextRange(extPointer) ??
    sectionHeader(config, request.section);
  if (sanRange) facts.subjectAltNamesRange = sanRange;
  return facts;
}
