import * as vscode from 'vscode';

/**
 * Every question that guards a destructive step goes through here, so no path can delete or overwrite a file
 * without asking. Tests replace the answerer (through the extension's API) and see each question asked.
 */
export interface Prompts {
  /** A modal question; resolves true only when the user chose `confirmLabel`. */
  confirm(message: string, detail: string, confirmLabel: string): Promise<boolean>;
  /** A question with several answers; resolves to the chosen label, or undefined when dismissed. */
  choose(message: string, detail: string, labels: string[]): Promise<string | undefined>;
}

export const modalPrompts: Prompts = {
  async confirm(message, detail, confirmLabel) {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, confirmLabel)) === confirmLabel;
  },
  async choose(message, detail, labels) {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...labels);
  },
};

/** A replaceable holder, so the answerer can be swapped while commands hold a reference to it. */
export class PromptsHolder implements Prompts {
  current: Prompts = modalPrompts;

  confirm(message: string, detail: string, confirmLabel: string): Promise<boolean> {
    return this.current.confirm(message, detail, confirmLabel);
  }

  choose(message: string, detail: string, labels: string[]): Promise<string | undefined> {
    return this.current.choose(message, detail, labels);
  }
}
