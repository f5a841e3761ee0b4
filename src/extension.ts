import * as vscode from 'vscode';
import { InventoryView } from './vscode/inventory/inventoryView';
import { CompareCodeActions } from './vscode/compare/compareCodeActions';
import { CompareCodeLens, registerCompareCommands } from './vscode/compare/compareCommands';
import { CompareDiagnostics } from './vscode/compare/compareDiagnostics';
import { RenewalRequests } from './vscode/compare/renewalRequests';
import { registerGenerateCommands } from './vscode/generate/generateCommands';
import { KeyPregenerator } from './core/generate/keyPregenerator';
import { createLog } from './vscode/log';
import { ConfigLanguage } from './vscode/opensslConfig/configLanguage';
import { PromptsHolder } from './vscode/prompts';
import { ReportDocuments } from './vscode/reportDocuments';
import { registerReferenceCommands } from './vscode/references/referenceCommands';
import { ReferencesView } from './vscode/references/referencesView';
import { NextStepOffers } from './vscode/rotation/nextStepOffers';
import { ReminderNotifier } from './vscode/rotation/reminderNotifier';
import { VerifyOnArrival } from './vscode/rotation/verifyOnArrival';
import { registerRotationCommands, rotationChooser } from './vscode/rotation/rotationCommands';
import { RotationPanels } from './vscode/rotation/rotationPanel';
import { RotationStore } from './vscode/rotation/rotationStore';
import { RotationView } from './vscode/rotation/rotationView';
import { ReplacedFeed } from './vscode/rotation/replacedFeed';
import { readableDate } from './core/text/readableDate';
import { readSettings } from './vscode/settings';
import { StoresFeature } from './vscode/stores/storesFeature';
import { TestCallFeature } from './vscode/testCall/testCallFeature';
import { CertificateVerifier } from './vscode/verify/verifyCommand';
import { WalkthroughProgress } from './vscode/walkthrough/walkthroughProgress';

/** What activate() returns: the live feature objects, which the integration tests inspect. */
export interface MtlsRotationPublicApi {
  inventory: InventoryView;
  configLanguage: ConfigLanguage;
  renewals: RenewalRequests;
  verifier: CertificateVerifier;
  testCalls: TestCallFeature;
  rotations: {
    store: RotationStore;
    view: RotationView;
    reminders: ReminderNotifier;
    replaced: ReplacedFeed;
    panels: RotationPanels;
  };
  stores: StoresFeature;
  walkthrough: WalkthroughProgress;
  /** The References view: the last search for a rotation's old pair, and what Replace makes of each reference. */
  references: ReferencesView;
}

/**
 * The API with the test seams, returned only when the extension runs under a test harness
 * (ExtensionMode.Test): in everyday use no other extension can replace the confirmations or read the log.
 */
export interface MtlsRotationApi extends MtlsRotationPublicApi {
  /** Answers the confirmations that guard deleting and overwriting files (tests replace it). */
  prompts: PromptsHolder;
  /** The notifications that offer the next step: tests read what was offered and give the choice. */
  nextSteps: NextStepOffers;
  /** Where the extension's log lives and what it keeps in the workspace state, for audits (and the secrets test). */
  audit: { logUri: vscode.Uri; logLines(): string[]; workspaceState(): Record<string, unknown> };
  /** The reports and what their panels drew. */
  reports: ReportDocuments;
}

export function activate(context: vscode.ExtensionContext): MtlsRotationPublicApi | MtlsRotationApi {
  const log = createLog();
  context.subscriptions.push(log);
  try {
    const inventory = new InventoryView(readSettings(), log);
    context.subscriptions.push(inventory);
    inventory.store.useCache({
      storageUri: context.storageUri,
      version: String(context.extension.packageJSON.version),
    });
    void inventory.start().catch((error: unknown) => log.error(`Inventory scan failed: ${String(error)}`));
    const configLanguage = new ConfigLanguage(log, context.extensionUri);
    const reports = new ReportDocuments(context.extensionUri);
    context.subscriptions.push(configLanguage, reports);
    const nextKey = new KeyPregenerator();
    context.subscriptions.push(
      nextKey,
      ...registerGenerateCommands(log, inventory.store, reports, readSettings, nextKey),
    );
    const renewals = new RenewalRequests(context.workspaceState, inventory.store, configLanguage.documents);
    const compareLens = new CompareCodeLens(renewals);
    const requestFiles: vscode.DocumentSelector = [
      { language: 'opensslconf' },
      { scheme: 'file', pattern: '**/*.{csr,req,pem}' },
    ];
    context.subscriptions.push(
      renewals,
      compareLens,
      new CompareDiagnostics(renewals),
      vscode.languages.registerCodeActionsProvider(
        { language: 'opensslconf' },
        new CompareCodeActions(renewals, configLanguage.documents),
        CompareCodeActions.metadata,
      ),
      vscode.languages.registerCodeLensProvider(requestFiles, compareLens),
      ...registerCompareCommands(log, renewals, reports),
      renewals.onDidChangeLinks(() => inventory.tree.rebuild()),
    );
    inventory.tree.setRenewalLinks((csrPath) => renewals.renewedBy(csrPath));
    const nextSteps = new NextStepOffers();
    const verifier = new CertificateVerifier(
      log,
      inventory.store,
      reports,
      context.workspaceState,
      readSettings,
      nextSteps,
    );
    context.subscriptions.push(verifier);
    const prompts = new PromptsHolder();
    const testCalls = new TestCallFeature(
      log,
      inventory.store,
      reports,
      context.secrets,
      context.workspaceState,
      readSettings,
      prompts,
      context.globalState,
      nextSteps,
    );
    context.subscriptions.push(
      testCalls,
      testCalls.onDidRecord(() => inventory.tree.rebuild()),
    );
    const rotationStore = new RotationStore(
      log,
      inventory.store,
      verifier,
      testCalls,
      context.workspaceState,
      readSettings,
    );
    const rotationView = new RotationView(rotationStore, log);
    const replaced = new ReplacedFeed(rotationStore, inventory.tree, log);
    // Until the record is read, a replaced certificate would look due and remind once more.
    const reminders = new ReminderNotifier(
      inventory.tree,
      context.workspaceState,
      readSettings,
      log,
      () => inventory.store.scanning || !replaced.loaded,
      nextSteps,
      rotationStore,
    );
    const rotationPanels = new RotationPanels(rotationStore, log, context.extensionUri, readSettings);
    const verifyOnArrival = new VerifyOnArrival(
      inventory.store,
      rotationStore,
      verifier,
      context.workspaceState,
      nextSteps,
      log,
    );
    testCalls.setRotationLookup((certificate) => verifyOnArrival.rotationCarrying(certificate));
    context.subscriptions.push(rotationStore, rotationView, replaced, reminders, rotationPanels, verifyOnArrival);
    const stores = new StoresFeature(
      log,
      inventory,
      rotationStore,
      rotationView,
      testCalls,
      prompts,
      readSettings,
      context.workspaceState,
    );
    const references = new ReferencesView();
    context.subscriptions.push(
      stores,
      ...registerRotationCommands(
        log,
        inventory.store,
        rotationStore,
        rotationView,
        prompts,
        readSettings,
        () => stores.inventory.servedCertificates(),
        nextSteps,
        nextKey,
      ),
      references,
      ...registerReferenceCommands(
        log,
        rotationStore,
        rotationView,
        references,
        prompts,
        readSettings,
        rotationChooser(rotationStore),
      ),
    );
    void stores.start().catch((error: unknown) => log.error(`Secrets stores: ${String(error)}`));
    inventory.tree.setCertificateNotes((certificate) => {
      const last = testCalls.last(certificate.fingerprintSha256);
      return last
        ? `test call ${last.outcome}${last.status ? ` ${last.status}` : ''} (${last.environment}, ${readableDate(last.at, new Date(), { withTime: true }).text})`
        : undefined;
    });
    const walkthrough = new WalkthroughProgress(
      context.globalState,
      { inventoryView: inventory.treeView, reports, verifier, testCalls, rotations: rotationStore },
      log,
    );
    context.subscriptions.push(walkthrough);
    inventory.tree.setTestCallHistory((certificate) => testCalls.history(certificate.fingerprintSha256));
    const api: MtlsRotationPublicApi = {
      inventory,
      configLanguage,
      renewals,
      verifier,
      testCalls,
      rotations: { store: rotationStore, view: rotationView, reminders, replaced, panels: rotationPanels },
      stores,
      walkthrough,
      references,
    };
    if (context.extensionMode !== vscode.ExtensionMode.Test) return api;
    return {
      ...api,
      prompts,
      reports,
      nextSteps,
      audit: {
        logUri: context.logUri,
        logLines: () => log.lines(),
        workspaceState: () =>
          Object.fromEntries(context.workspaceState.keys().map((key) => [key, context.workspaceState.get(key)])),
      },
    };
  } catch (error) {
    // Activation failures are otherwise only visible in the developer console.
    const message = error instanceof Error ? error.message : String(error);
    log.error(`Activation failed: ${message}`);
    void vscode.window.showErrorMessage(`mTLS Rotation could not start: ${message}`, 'Show Log').then((choice) => {
      if (choice) log.show();
    });
    throw error;
  }
}

export function deactivate(): void {}
