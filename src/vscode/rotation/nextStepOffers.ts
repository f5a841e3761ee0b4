import * as vscode from 'vscode';

export type NextStepLevel = 'info' | 'warning' | 'error';

/** One notification that offers the user's next step: what it said and which buttons it had. */
export interface NextStepOffer {
  /** Which offer this is (`verify-arrived`, `test-call-result`, ...): stable, for tests and logs. */
  kind: string;
  level: NextStepLevel;
  message: string;
  actions: string[];
}

/** Shows an offer and resolves to the chosen action, or undefined when dismissed. */
export type NextStepAnswerer = (offer: NextStepOffer) => Thenable<string | undefined>;

const MAX_REMEMBERED = 50;

export const notificationAnswerer: NextStepAnswerer = ({ level, message, actions }) =>
  level === 'error'
    ? vscode.window.showErrorMessage(message, ...actions)
    : level === 'warning'
      ? vscode.window.showWarningMessage(message, ...actions)
      : vscode.window.showInformationMessage(message, ...actions);

/**
 * Every notification that offers a next step goes through here. Notifications cannot be read or clicked from the
 * extension host, so tests read `offers` and replace `answerer` (through the extension's test API), while
 * everyday use shows a real notification.
 */
export class NextStepOffers {
  /** The latest offers, oldest first. */
  readonly offers: NextStepOffer[] = [];
  answerer: NextStepAnswerer = notificationAnswerer;

  async offer(kind: string, level: NextStepLevel, message: string, actions: string[]): Promise<string | undefined> {
    const offer: NextStepOffer = { kind, level, message, actions };
    this.offers.push(offer);
    if (this.offers.length > MAX_REMEMBERED) this.offers.shift();
    return this.answerer(offer);
  }
}
