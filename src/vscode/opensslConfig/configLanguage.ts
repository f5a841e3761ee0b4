import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { Log } from '../log';
import { ConfigCodeActions } from './configCodeActions';
import { ConfigCompletion } from './configCompletion';
import { ConfigDefinition } from './configDefinition';
import { ConfigDiagnostics } from './configDiagnostics';
import { ConfigEditor } from './configEditor';
import { CONFIG_SELECTOR, ConfigDocuments } from './configDocuments';
import { ConfigHover } from './configHover';

/** Every editor feature of the OpenSSL config language, sharing one evaluation per document version. */
export class ConfigLanguage extends Disposable {
  readonly documents = this.register(new ConfigDocuments());
  readonly diagnostics = this.register(new ConfigDiagnostics(this.documents));
  readonly configEditor: ConfigEditor;

  /** `extensionUri`: where the form editor's scripts and styles are (context.extensionUri). */
  constructor(log: Log, extensionUri: vscode.Uri) {
    super();
    this.configEditor = this.register(new ConfigEditor(this.documents, log, extensionUri));
    this.register(
      vscode.languages.registerCompletionItemProvider(CONFIG_SELECTOR, new ConfigCompletion(this.documents), '@', ','),
    );
    this.register(vscode.languages.registerHoverProvider(CONFIG_SELECTOR, new ConfigHover(this.documents)));
    this.register(vscode.languages.registerDefinitionProvider(CONFIG_SELECTOR, new ConfigDefinition(this.documents)));
    this.register(
      vscode.languages.registerCodeActionsProvider(
        CONFIG_SELECTOR,
        new ConfigCodeActions(this.documents),
        ConfigCodeActions.metadata,
      ),
    );
  }
}
