import type { SourceRange } from '../../core/opensslConfig/configFinding';
import type { FormFinding } from '../../core/opensslConfig/requestForm';

/** Where the text editor goes for a finding the user picks: undefined for a finding about the whole file. */
export function revealRange(finding: FormFinding): SourceRange | undefined {
  if (finding.line === undefined) return undefined;
  const column = finding.column || 1;
  return {
    line: finding.line,
    column,
    endLine: finding.endLine || finding.line,
    endColumn: finding.endColumn || column,
  };
}
