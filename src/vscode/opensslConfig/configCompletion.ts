import * as vscode from 'vscode';
import { sectionAtLine } from '../../core/opensslConfig/findConfigNodeAt';
import { sectionRole } from '../../core/opensslConfig/configEditorContext';
import { dnFieldCatalog } from '../../core/opensslConfig/dnFieldCatalog';
import { mainTextSectionNames } from '../../core/opensslConfig/lookupConfigValue';
import { EXTENSIONS } from '../../core/opensslConfig/extensionCatalog';
import { REQ_KEYS } from '../../core/opensslConfig/reqKeyCatalog';
import { SUBJECT_ALT_NAME_TYPES } from '../../core/opensslConfig/subjectAltNameTypes';
import { ConfigDocuments } from './configDocuments';
import { BUILT_IN_COMMAND_IDS } from '../commandIds';

/** Completes section names, [req] keys, DN field names, extension names and SAN types where each belongs. */
export class ConfigCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly documents: ConfigDocuments) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const { config, request } = this.documents.get(document);
    const before = document.lineAt(position.line).text.slice(0, position.character);
    // Never values, and only section names the main text writes itself (not an included file's or $ENV::'s).
    const sectionNames = mainTextSectionNames(config).filter((name) => name !== 'default');

    if (/@[A-Za-z0-9_.]*$/.test(before)) {
      return sectionNames.map((name) => item(name, vscode.CompletionItemKind.Module, 'section'));
    }
    const assignment = /^\s*([^=#]*?)\s*=\s*(.*)$/.exec(before);
    if (assignment) {
      const [, key, value] = assignment;
      if (key === 'subjectAltName' && !value.trimStart().startsWith('@')) return sanTypes(':');
      if (['distinguished_name', 'req_extensions', 'x509_extensions', 'attributes'].includes(key)) {
        return sectionNames.map((name) => item(name, vscode.CompletionItemKind.Module, 'section'));
      }
      const known = REQ_KEYS.find((k) => k.name === key);
      if (known?.values) return known.values.map((v) => item(v, vscode.CompletionItemKind.Value, known.meaning));
      return [];
    }
    if (/^\s*\[/.test(before)) return [];

    const role = sectionRole(config, request, sectionAtLine(config, position.line + 1));
    switch (role) {
      case 'req':
        return REQ_KEYS.filter((k) => k.scope === 'req').map((k) =>
          withEquals(item(k.name, vscode.CompletionItemKind.Property, k.meaning)),
        );
      case 'distinguished-name':
        return dnFieldCatalog().flatMap((field) => {
          const plain = withEquals(
            item(field.shortName, vscode.CompletionItemKind.Field, `${field.longName}: ${field.meaning}`),
          );
          if (request.promptNo) return [plain];
          return [
            plain,
            withEquals(
              item(
                `${field.shortName}_default`,
                vscode.CompletionItemKind.Field,
                `Default value of ${field.shortName} (used with -batch).`,
              ),
            ),
          ];
        });
      case 'extensions':
        return EXTENSIONS.map((e) => withEquals(item(e.name, vscode.CompletionItemKind.Property, e.meaning)));
      case 'subject-alt-names':
        return sanTypes('.1 = ');
      default:
        return [
          ...REQ_KEYS.map((k) => withEquals(item(k.name, vscode.CompletionItemKind.Property, k.meaning))),
          ...sanTypes('.1 = '),
        ];
    }
  }
}

function item(label: string, kind: vscode.CompletionItemKind, documentation: string): vscode.CompletionItem {
  const completion = new vscode.CompletionItem(label, kind);
  completion.documentation = new vscode.MarkdownString(documentation);
  return completion;
}

function withEquals(completion: vscode.CompletionItem): vscode.CompletionItem {
  completion.insertText = `${completion.label as string} = `;
  completion.command = { command: BUILT_IN_COMMAND_IDS.triggerSuggest, title: 'Suggest values' };
  return completion;
}

function sanTypes(suffix: string): vscode.CompletionItem[] {
  return SUBJECT_ALT_NAME_TYPES.map((info) => {
    const completion = item(
      info.name,
      vscode.CompletionItemKind.EnumMember,
      `${info.meaning}\n\nExample: \`${info.example}\``,
    );
    completion.insertText = `${info.name}${suffix}`;
    completion.detail = 'subject alternative name type';
    return completion;
  });
}
