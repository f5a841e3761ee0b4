// What is under the cursor in the main text of a config, for hover, completion and code actions.
import { SourceRange } from './configFinding';
import { ConfigDirective, ConfigEntry, ConfigSection, ConfigSectionHeader, ParsedConfig } from './parseOpensslConfig';

export type ConfigNode =
  | { kind: 'section-header'; section: ConfigSection; header: ConfigSectionHeader }
  | { kind: 'entry-name'; entry: ConfigEntry }
  | { kind: 'entry-value'; entry: ConfigEntry }
  | { kind: 'directive'; directive: ConfigDirective };

function contains(range: SourceRange, line: number, column: number): boolean {
  if (line < range.line || line > range.endLine) return false;
  if (line === range.line && column < range.column) return false;
  // The end is exclusive, but a cursor right after the last character still belongs to it.
  if (line === range.endLine && column > range.endColumn) return false;
  return true;
}

/** The entry, section header or directive at a 1-based position of the main text. */
export function findConfigNodeAt(config: ParsedConfig, line: number, column: number): ConfigNode | undefined {
  for (const entry of config.entries) {
    if (entry.file !== undefined || line < entry.range.line || line > entry.range.endLine) continue;
    if (contains(entry.nameRange, line, column)) return { kind: 'entry-name', entry };
    if (contains(entry.valueRange, line, column)) return { kind: 'entry-value', entry };
    if (contains(entry.range, line, column)) return { kind: 'entry-value', entry };
  }
  for (const section of config.sections) {
    for (const header of section.headers) {
      if (header.file === undefined && contains(header.range, line, column))
        return { kind: 'section-header', section, header };
    }
  }
  for (const directive of config.directives) {
    if (directive.file === undefined && contains(directive.range, line, column))
      return { kind: 'directive', directive };
  }
  return undefined;
}

/** The section a new line at `line` would belong to: the one in effect after the closest header or entry above. */
export function sectionAtLine(config: ParsedConfig, line: number): string {
  let best = 0;
  let name = 'default';
  for (const section of config.sections) {
    for (const header of section.headers) {
      if (header.file === undefined && header.range.line <= line && header.range.line >= best) {
        best = header.range.line;
        name = section.name;
      }
    }
  }
  for (const entry of config.entries) {
    if (entry.file === undefined && !entry.explicitSection && entry.range.endLine < line && entry.range.line > best) {
      best = entry.range.line;
      name = entry.section;
    }
  }
  return name;
}
