// What a hover over a config's main text says: a key's or field's meaning, a variable's value, a value as openssl
// reads it. Values from the environment or an included file are used by openssl but shown here only by where
// they come from: a repository's config could otherwise show the user's secrets by merely being opened.
import { referenceAt, sectionRole } from './configEditorContext';
import { SourceRange } from './configFinding';
import { dnFieldInfo } from './dnFieldCatalog';
import { extensionInfo } from './extensionCatalog';
import { findConfigNodeAt } from './findConfigNodeAt';
import { findConfigEntry, findConfigSection, shownSection } from './lookupConfigValue';
import { ConfigEntry, ParsedConfig } from './parseOpensslConfig';
import { reqKeyInfo } from './reqKeyCatalog';
import { ConfigRequest } from './requestFromConfig';
import { subjectAltNameTypeOf } from './subjectAltNameTypes';
import { shownValue } from './valueOrigin';

export interface ConfigHoverText {
  /** Markdown. */
  markdown: string;
  /** 1-based, end exclusive, like every core range. */
  range: SourceRange;
}

/** Markdown inline code for any text (a value may hold backquotes). */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function whereDefined(config: ParsedConfig, entry: ConfigEntry): string {
  const where =
    entry.file !== undefined ? `line ${entry.nameRange.line} of ${entry.fileLabel}` : `line ${entry.range.line}`;
  return `_from [${shownSection(config, entry.section)}], ${where}_`;
}

function describeDnField(name: string): string | undefined {
  const base = name.replace(/^[^.,:]*[.,:]/, '').replace(/_(default|min|max|value)$/, '');
  const info = dnFieldInfo(base);
  if (!info) return undefined;
  const suffix = name.endsWith('_default') ? ' (default value, used with -batch)' : '';
  return `${info.longName}${suffix}: ${info.meaning}`;
}

/**
 * The hover at a 1-based position of the main text (`lineText` is that line), or undefined when there is
 * nothing to say. `env` tells whether a `$ENV::` name is set; its value is never used here.
 */
export function configHoverText(
  config: ParsedConfig,
  request: ConfigRequest,
  lineText: string,
  line: number,
  column: number,
  env: Record<string, string | undefined> = {},
): ConfigHoverText | undefined {
  const reference = referenceAt(lineText, column - 1);
  const node = findConfigNodeAt(config, line, column);
  const range = (start: number, end: number): SourceRange => ({
    line,
    column: start + 1,
    endLine: line,
    endColumn: end + 1,
  });

  if (reference?.kind === 'variable') {
    const section = reference.section ?? (node && 'entry' in node ? node.entry.section : 'default');
    // _CONF_get_string's order: the section, then (for ENV) the environment, then the default section.
    const own = findConfigSection(config, section)?.entries.find((e) => e.name === reference.name);
    const fromEnv = !own && section === 'ENV' && env[reference.name] !== undefined;
    const entry = fromEnv ? undefined : findConfigEntry(config, section, reference.name);
    const markdown = fromEnv
      ? `${code(`$ENV::${reference.name}`)}: set in the environment (its value is not shown)`
      : entry
        ? `${code(reference.name)} = ${code(shownValue(entry))}  \n${whereDefined(config, entry)}`
        : `${code(reference.name)} has no value here: openssl fails with "variable has no value".`;
    return { markdown, range: range(reference.start, reference.end) };
  }
  if (reference?.kind === 'section') {
    const section = findConfigSection(config, reference.name);
    return {
      markdown: section
        ? `Section ${code(`[${reference.name}]`)}: ${section.entries.length} entries`
        : `No section ${code(`[${reference.name}]`)} in this file.`,
      range: range(reference.start, reference.end),
    };
  }
  if (!node) return undefined;
  if (node.kind === 'entry-name') {
    const { entry } = node;
    const role = sectionRole(config, request, entry.section);
    const meaning =
      role === 'distinguished-name'
        ? describeDnField(entry.name)
        : role === 'subject-alt-names'
          ? subjectAltNameTypeOf(entry.name)?.meaning
          : role === 'extensions'
            ? extensionInfo(entry.name)?.meaning
            : reqKeyInfo(entry.name)?.meaning;
    const lines = [
      meaning ? `**${entry.name}**: ${meaning}` : `**${entry.name}** in [${shownSection(config, entry.section)}]`,
    ];
    if (entry.value !== entry.rawValue) lines.push('', `Value as openssl reads it: ${code(shownValue(entry))}`);
    return { markdown: lines.join('\n'), range: entry.nameRange };
  }
  if (node.kind === 'entry-value' && node.entry.value !== node.entry.rawValue) {
    return { markdown: `Value as openssl reads it: ${code(shownValue(node.entry))}`, range: node.entry.valueRange };
  }
  return undefined;
}
