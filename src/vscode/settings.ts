import * as path from 'path';
import * as vscode from 'vscode';
import { DEFAULT_THRESHOLDS, normalizeThresholds } from '../core/expiry';
import { GROUPINGS, InventoryGrouping } from '../core/inventory/groupInventory';
import { ConfiguredStore, readConfiguredStores } from '../core/stores/configuredStores';

// Every setting the extension reads, as plain data; the only place that calls getConfiguration.

/**
 * A place to send test calls to. Its API key is in SecretStorage under its name and the origin of its URL, never
 * in settings; environments come from the user's own settings only (see `userLevel`).
 */
export interface Environment {
  name: string;
  baseUrl: string;
  testPath: string;
  caBundle?: string;
}

export const DEFAULT_ENVIRONMENTS: Environment[] = [
  { name: 'production', baseUrl: 'https://production.api.axyscards.com', testPath: '/v2/cardholders' },
  { name: 'sandbox', baseUrl: 'https://sandbox.api.axyscards.com', testPath: '/v2/cardholders' },
];

/**
 * The `resource`-scoped settings as one workspace folder sees them: each folder of a multi-root workspace may
 * set its own, and a relative path means a path in that folder.
 */
export interface FolderSettings {
  /** The folder's URI, as a string. */
  folder: string;
  include: string;
  exclude: string;
  /** The certificate register, absolute: a relative setting is resolved against this folder. */
  registerPath: string;
}

export interface Settings {
  /** Per workspace folder, in the workspace's order; the fields below are the window's (no folder's) values. */
  folders: FolderSettings[];
  include: string;
  exclude: string;
  reminderDays: number[];
  maxFileBytes: number;
  statusBarEnabled: boolean;
  /** How the Certificates view sections a large inventory. */
  inventoryGroupBy: InventoryGrouping;
  /** RSA key size for new keys; the provider asks for 2048, and nothing smaller is ever generated. */
  keySize: number;
  /** The provider's CA bundle (e.g. axys-ca-chain.pem), from the user's settings only; empty when unset. */
  caBundle: string;
  environments: Environment[];
  defaultEnvironment: string;
  testCallTimeoutMs: number;
  /** The certificate register, workspace-relative or absolute. */
  registerPath: string;
  /** Secrets stores, from the user's settings only: a workspace must not decide where keys go or are deleted. */
  stores: ConfiguredStore[];
  /** One sentence per `mtlsRotation.stores` entry that was left out, naming it. */
  storeProblems: string[];
}

export const SECTION = 'mtlsRotation';

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const stores = readConfiguredStores(userLevel(config, 'stores'));
  return {
    stores: stores.stores,
    storeProblems: stores.problems,
    folders: (vscode.workspace.workspaceFolders ?? []).map(folderSettings),
    include: include(config),
    exclude: exclude(config),
    reminderDays: reminderDays(config.get<unknown[]>('reminderDays')),
    maxFileBytes: Math.max(1, config.get<number>('maxFileSizeKB') ?? 5120) * 1024,
    statusBarEnabled: config.get<boolean>('statusBar.enabled') ?? true,
    inventoryGroupBy: grouping(config.get<unknown>('inventory.groupBy')),
    caBundle: stringOrEmpty(userLevel(config, 'caBundle')),
    environments: environments(userLevel(config, 'environments')),
    defaultEnvironment: config.get<string>('defaultEnvironment') ?? 'production',
    registerPath: registerPath(config),
    testCallTimeoutMs: Math.max(1, config.get<number>('testCallTimeoutSeconds') ?? 15) * 1000,
    keySize: [2048, 3072, 4096].includes(config.get<number>('keySize') ?? 2048)
      ? (config.get<number>('keySize') ?? 2048)
      : 2048,
  };
}

export function onSettingsChanged(listener: (settings: Settings) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SECTION)) listener(readSettings());
  });
}

function folderSettings(folder: vscode.WorkspaceFolder): FolderSettings {
  const config = vscode.workspace.getConfiguration(SECTION, folder.uri);
  const register = registerPath(config);
  return {
    folder: folder.uri.toString(),
    include: include(config),
    exclude: exclude(config),
    registerPath: path.isAbsolute(register) ? register : path.join(folder.uri.fsPath, register),
  };
}

function include(config: vscode.WorkspaceConfiguration): string {
  return config.get<string>('include') || '**/*.{pem,crt,cer,cert,der,key,csr,req,p12,pfx}';
}

function exclude(config: vscode.WorkspaceConfiguration): string {
  return config.get<string>('exclude') ?? '';
}

function registerPath(config: vscode.WorkspaceConfiguration): string {
  return config.get<string>('registerPath') || 'certificate-register.json';
}

/** A bad list in settings.json must not stop the extension: fall back to the provider's schedule and say so. */
function reminderDays(value: unknown[] | undefined): number[] {
  try {
    return normalizeThresholds(value ?? DEFAULT_THRESHOLDS);
  } catch (error) {
    void vscode.window.showWarningMessage(
      `mtlsRotation.reminderDays is invalid (${error instanceof Error ? error.message : String(error)}); using 30, 15 and 5 days.`,
    );
    return [...DEFAULT_THRESHOLDS];
  }
}

/**
 * Where an API key and a client certificate go, and which CA vouches for the server, is the user's decision: a
 * cloned repository's `.vscode/settings.json` must not redirect them. The setting is `application`-scoped, so VS
 * Code already ignores workspace values; reading only the user and default layers keeps that true whatever a host
 * does with scopes.
 */
function userLevel(config: vscode.WorkspaceConfiguration, key: string): unknown {
  const inspected = config.inspect<unknown>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/** An unknown value (a typo in settings.json) means the default rather than a flat list of 10,000 items. */
function grouping(value: unknown): InventoryGrouping {
  return GROUPINGS.find((g) => g === value) ?? 'auto';
}

function stringOrEmpty(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Entries without a name or URL are skipped, so one typo does not take the others down. */
function environments(value: unknown): Environment[] {
  if (!Array.isArray(value) || value.length === 0) return DEFAULT_ENVIRONMENTS;
  const valid = value.filter(
    (e): e is Environment =>
      !!e &&
      typeof e === 'object' &&
      typeof (e as Environment).name === 'string' &&
      typeof (e as Environment).baseUrl === 'string',
  );
  return valid.map((e) => ({ ...e, testPath: typeof e.testPath === 'string' ? e.testPath : '/v2/cardholders' }));
}
