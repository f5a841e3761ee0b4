// Collects findings about config entries, placing those about included files on the `.include` line of the main
// text (the only document an editor shows them in) while keeping the real place in `data`. Messages quote values
// through shownValue, so that text from the environment or an included file is named, never shown.
import {
  ConfigFinding,
  ConfigFindingCode,
  ConfigFindingData,
  makeFinding,
  setFileData,
  SourceRange,
} from './configFinding';
import { configFindingSummary } from './configFindingSummary';
import { ConfigEntry, ParsedConfig } from './parseOpensslConfig';
import { Severity } from '../model';

export class FindingSink {
  readonly findings: ConfigFinding[] = [];

  constructor(private readonly config: ParsedConfig) {}

  /** An error was not recorded because it concerned an entry the reader had already failed on. */
  suppressedErrors = false;

  get hasErrors(): boolean {
    return this.suppressedErrors || this.findings.some((f) => f.severity === 'error');
  }

  /** Range of the first line, for findings about something the config lacks altogether. */
  fileStart(): SourceRange {
    return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  }

  /** A section's first header in the main text, else the start of the file. */
  sectionAnchor(name: string): SourceRange {
    const section = this.config.sections.find((s) => s.name === name);
    const header = section?.headers[0];
    if (header) return header.includedFrom ?? header.range;
    return this.fileStart();
  }

  /**
   * Returns undefined, recording nothing, for an entry whose variables could not be expanded: the reader has
   * reported that error, and checking the half-expanded value would only repeat it.
   */
  add(
    severity: Severity,
    code: ConfigFindingCode,
    message: string,
    entry: ConfigEntry | undefined,
    range?: SourceRange,
    data: ConfigFindingData = {},
  ): ConfigFinding | undefined {
    if (entry?.expansionFailed) {
      this.suppressedErrors ||= severity === 'error';
      return undefined;
    }
    let where = range ?? entry?.range ?? this.fileStart();
    if (entry) {
      data.section ??= entry.section;
      data.name ??= entry.name;
      if (entry.file !== undefined) {
        // Nothing of an included file is quoted (it may be ~/.aws/credentials): where, and what kind of problem.
        setFileData(data, entry.file, entry.fileLabel ?? entry.file, where);
        message = `line ${where.line} of ${entry.fileLabel ?? entry.file}: ${configFindingSummary(code)}`;
        where = entry.includedFrom ?? where;
      }
    }
    const finding = makeFinding(severity, code, message, where, data);
    this.findings.push(finding);
    return finding;
  }
}
