import * as vscode from 'vscode';
import { referenceAt, SECTION_POINTER_KEYS } from '../../core/opensslConfig/configEditorContext';
import { findConfigNodeAt } from '../../core/opensslConfig/findConfigNodeAt';
import { findConfigEntry, findConfigSection } from '../../core/opensslConfig/lookupConfigValue';
import { ParsedConfig } from '../../core/opensslConfig/parseOpensslConfig';
import { ConfigDocuments, toRange } from './configDocuments';

/** Goes from `@section`, a section-naming key's value, or `$var` to where it is defined. */
export class ConfigDefinition implements vscode.DefinitionProvider {
  constructor(private readonly documents: ConfigDocuments) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    const { config } = this.documents.get(document);
    const reference = referenceAt(document.lineAt(position.line).text, position.character);
    const node = findConfigNodeAt(config, position.line + 1, position.character + 1);
    if (reference?.kind === 'section') return sectionLocation(document, config, reference.name);
    if (reference?.kind === 'variable') {
      const section = reference.section ?? (node && 'entry' in node ? node.entry.section : 'default');
      const entry = findConfigEntry(config, section, reference.name);
      if (!entry || entry.file !== undefined) return undefined;
      return new vscode.Location(document.uri, toRange(entry.nameRange));
    }
    if (node?.kind === 'entry-value' && SECTION_POINTER_KEYS.has(node.entry.name)) {
      return sectionLocation(document, config, node.entry.value);
    }
    return undefined;
  }
}

function sectionLocation(
  document: vscode.TextDocument,
  config: ParsedConfig,
  name: string,
): vscode.Location | undefined {
  const header = findConfigSection(config, name)?.headers.find((h) => h.file === undefined);
  return header ? new vscode.Location(document.uri, toRange(header.range)) : undefined;
}
