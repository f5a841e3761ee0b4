// No vscode import: the manifest test holds package.json's walkthrough to this list in plain Node.

/** The walkthrough's steps, as package.json names them; each is ticked by `onContext:<CONTEXT_PREFIX><step>`. */
export const WALKTHROUGH_STEPS = ['inventory', 'start', 'request', 'compare', 'verify', 'test', 'retire'] as const;
export type WalkthroughStep = (typeof WALKTHROUGH_STEPS)[number];

export const WALKTHROUGH_CONTEXT_PREFIX = 'mtlsRotation.walkthrough.';

/** The completion event of a step in the manifest: the context key WalkthroughProgress sets once it is done. */
export function completionEvent(step: WalkthroughStep): string {
  return `onContext:${WALKTHROUGH_CONTEXT_PREFIX}${step}`;
}
