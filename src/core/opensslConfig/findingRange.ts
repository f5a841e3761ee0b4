import { ConfigFinding, SourceRange } from './configFinding';

/**
 * A config finding's place as a full range, for findings that outlive the config (comparisons, CLI output): a
 * finding without an end spans its first character. Spread it: `{ ...findingRange(f) }` adds nothing without a line.
 */
export function findingRange(finding: ConfigFinding): { range?: SourceRange } {
  if (finding.line === undefined) return {};
  return {
    range: {
      line: finding.line,
      column: finding.column ?? 1,
      endLine: finding.endLine ?? finding.line,
      endColumn: finding.endColumn ?? finding.column ?? 1,
    },
  };
}
