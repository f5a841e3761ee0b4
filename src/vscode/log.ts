import * as vscode from 'vscode';

const KEPT_LINES = 2000;

/**
 * The extension's single output channel. Never pass key material or secrets to it. It also keeps its recent
 * lines, so an audit (the secrets test) can read exactly what went to the channel.
 */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private readonly kept: string[] = [];

  /**
   * Another name for a channel of a test's own: log channels of one extension with the same name share one logger
   * in VS Code 1.139, so disposing a second 'mTLS Rotation' closes the extension's.
   */
  constructor(name = 'mTLS Rotation') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  private keep(level: string, message: string): void {
    this.kept.push(`${level} ${message}`);
    if (this.kept.length > KEPT_LINES) this.kept.splice(0, this.kept.length - KEPT_LINES);
  }

  debug(message: string): void {
    this.keep('debug', message);
    this.channel.debug(message);
  }

  info(message: string): void {
    this.keep('info', message);
    this.channel.info(message);
  }

  warn(message: string): void {
    this.keep('warn', message);
    this.channel.warn(message);
  }

  error(message: string): void {
    this.keep('error', message);
    this.channel.error(message);
  }

  show(preserveFocus?: boolean): void {
    this.channel.show(preserveFocus);
  }

  /** What was written to the channel recently, oldest first. */
  lines(): string[] {
    return [...this.kept];
  }

  dispose(): void {
    this.channel.dispose();
  }
}

export function createLog(name?: string): Log {
  return new Log(name);
}
