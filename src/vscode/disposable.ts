import * as vscode from 'vscode';

/**
 * Disposes every child, newest first, even when one throws: a failing child must not leave the others (watchers,
 * timers, registrations) alive. The errors are thrown together afterwards, so none is lost.
 */
export function dispose(disposables: vscode.Disposable[]): void {
  const errors: unknown[] = [];
  while (disposables.length > 0) {
    try {
      disposables.pop()?.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} disposable(s) failed to dispose`);
}

/** Owns child disposables so that a feature is torn down in one call, as VS Code's own extensions do. */
export abstract class Disposable implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  protected register<T extends vscode.Disposable>(value: T): T {
    if (this.disposed) {
      value.dispose();
    } else {
      this.disposables.push(value);
    }
    return value;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    dispose(this.disposables);
  }
}
