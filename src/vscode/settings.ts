import * as vscode from 'vscode';
import { normalizeThresholds } from '../core/expiry';

/** Every setting the extension reads, as plain data; the only place that calls getConfiguration. */
export interface Settings {
  include: string;
  exclude: string;
  reminderDays: number[];
  maxFileBytes: number;
  statusBarEnabled: boolean;
}

export const SECTION = 'mtlsRotation';

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    include: config.get<string>('include') || '**/*.{pem,crt,cer,cert,der,key,csr,req,p12,pfx}',
    exclude: config.get<string>('exclude') ?? '',
    reminderDays: normalizeThresholds(config.get<unknown[]>('reminderDays') ?? [30, 15, 5]),
    maxFileBytes: Math.max(1, config.get<number>('maxFileSizeKB') ?? 5120) * 1024,
    statusBarEnabled: config.get<boolean>('statusBar.enabled') ?? true,
  };
}

export function onSettingsChanged(listener: (settings: Settings) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SECTION)) listener(readSettings());
  });
}
