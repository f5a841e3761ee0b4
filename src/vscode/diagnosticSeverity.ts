import * as vscode from 'vscode';
import { Severity } from '../core/model';

const SEVERITIES: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The one mapping from a core finding's severity to the Problems view's, so the features cannot drift apart. */
export function diagnosticSeverity(severity: Severity): vscode.DiagnosticSeverity {
  return SEVERITIES[severity];
}
