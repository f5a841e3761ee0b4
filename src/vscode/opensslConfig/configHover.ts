import * as vscode from 'vscode';
import { referenceAt, sectionRole } from '../../core/opensslConfig/configEditorContext';
import { dnFieldInfo } from '../../core/opensslConfig/dnFieldCatalog';
import { extensionInfo } from '../../core/opensslConfig/extensionCatalog';
import { findConfigNodeAt } from '../../core/opensslConfig/findConfigNodeAt';
import { findConfigEntry, findConfigSection } from '../../core/opensslConfig/lookupConfigValue';
import { reqKeyInfo } from '../../core/opensslConfig/reqKeyCatalog';
import { subjectAltNameTypeOf } from '../../core/opensslConfig/subjectAltNameTypes';
import { ConfigDocuments, toRange } from './configDocuments';

/** Explains a key or field name, and shows what a variable resolves to, as openssl would read it. */
export class ConfigHover implements vscode.HoverProvider {
  constructor(private readonly documents: ConfigDocuments) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const { config, request } = this.documents.get(document);
    const line = document.lineAt(position.line).text;
    const reference = referenceAt(line, position.character);
    const node = findConfigNodeAt(config, position.line + 1, position.character + 1);
    const range = (start: number, end: number) => new vscode.Range(position.line, start, position.line, end);

    if (reference?.kind === 'variable') {
      const section = reference.section ?? (node && 'entry' in node ? node.entry.section : 'default');
      const entry = findConfigEntry(config, section, reference.name);
      const text = entry
        ? `\`${reference.name}\` = \`${entry.value}\`  \n_from [${entry.section}], line ${entry.range.line}_`
        : reference.section === 'ENV' && process.env[reference.name] !== undefined
          ? `\`$ENV::${reference.name}\`: set in the environment`
          : `\`${reference.name}\` has no value here: openssl fails with "variable has no value".`;
      return new vscode.Hover(new vscode.MarkdownString(text), range(reference.start, reference.end));
    }
    if (reference?.kind === 'section') {
      const section = findConfigSection(config, reference.name);
      return new vscode.Hover(
        new vscode.MarkdownString(section ? `Section \`[${reference.name}]\`: ${section.entries.length} entries` : `No section \`[${reference.name}]\` in this file.`),
        range(reference.start, reference.end),
      );
    }
    if (!node) return undefined;
    if (node.kind === 'entry-name') {
      const { entry } = node;
      const role = sectionRole(config, request, entry.section);
      const meaning = role === 'distinguished-name'
        ? describeDnField(entry.name)
        : role === 'subject-alt-names'
          ? subjectAltNameTypeOf(entry.name)?.meaning
          : role === 'extensions'
            ? extensionInfo(entry.name)?.meaning
            : reqKeyInfo(entry.name)?.meaning;
      const lines = [meaning ? `**${entry.name}**: ${meaning}` : `**${entry.name}** in [${entry.section}]`];
      if (entry.value !== entry.rawValue && !entry.rawValue.includes('$ENV::') && !entry.rawValue.includes('${ENV::')) {
        lines.push('', `Value as openssl reads it: \`${entry.value}\``);
      }
      return new vscode.Hover(new vscode.MarkdownString(lines.join('\n')), toRange(entry.nameRange));
    }
    // Values from the environment may be passphrases (output_password = $ENV::PASS): never shown.
    if (node.kind === 'entry-value' && node.entry.value !== node.entry.rawValue && !/\$\{?ENV::/.test(node.entry.rawValue)) {
      return new vscode.Hover(new vscode.MarkdownString(`Value as openssl reads it: \`${node.entry.value}\``), toRange(node.entry.valueRange));
    }
    return undefined;
  }
}

function describeDnField(name: string): string | undefined {
  const base = name.replace(/^[^.,:]*[.,:]/, '').replace(/_(default|min|max|value)$/, '');
  const info = dnFieldInfo(base);
  if (!info) return undefined;
  const suffix = name.endsWith('_default') ? ' (default value, used with -batch)' : '';
  return `${info.longName}${suffix}: ${info.meaning}`;
}
