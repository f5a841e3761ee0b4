import { ChecklistAction, ChecklistItem, ChecklistItemId } from './checklist';

/**
 * What the rotation panel offers as its one button. `command`: an action performs the step; `tick`: the user
 * confirms it happened; `outside`: it happens in the team's own infrastructure, so there is nothing to press;
 * `blocked`: every open step waits on something; `complete`: nothing left.
 */
export type NextStep =
  | { kind: 'command' | 'tick'; itemId: ChecklistItemId; action: ChecklistAction; button: string; detail: string }
  | { kind: 'outside' | 'blocked'; itemId: ChecklistItemId; detail: string }
  | { kind: 'complete'; detail: string };

/** The button's words for each action: what pressing it does. */
export const ACTION_LABELS: Readonly<Record<ChecklistAction, string>> = {
  tick: 'Mark as Done',
  generate: 'Generate Key and CSR',
  compare: 'Compare CSR with Certificate',
  verify: 'Verify New Certificate',
  'test-call': 'Run Test Call',
  'find-references': 'Find References to the Old Certificate',
  retire: 'Retire Old Key',
  'update-register': 'Update Certificate Register',
  deploy: 'Deploy to Secrets Store',
  promote: 'Switch Store to New Certificate',
  'test-call-store': 'Test Call with Staged Pair',
};

/**
 * The first open step of the checklist, in the brief's order, and what performs it. A blocked step waits on an
 * earlier one, so the first step that can be done now comes first; a blocked one is offered only when none can.
 */
export function nextStep(items: readonly ChecklistItem[], completedAt?: string): NextStep {
  if (completedAt !== undefined) return { kind: 'complete', detail: 'This rotation is completed.' };
  const open = items.find((i) => i.state === 'todo');
  if (!open) {
    const blocked = items.find((i) => i.state === 'blocked');
    if (blocked) return { kind: 'blocked', itemId: blocked.id, detail: `${blocked.label}: ${blocked.detail ?? ''}` };
    return { kind: 'complete', detail: 'Every step is done.' };
  }
  const detail = open.detail ?? open.label;
  if (!open.action) return { kind: 'outside', itemId: open.id, detail };
  if (open.action === 'tick') {
    return { kind: 'tick', itemId: open.id, action: 'tick', button: `${ACTION_LABELS.tick}: ${open.label}`, detail };
  }
  return { kind: 'command', itemId: open.id, action: open.action, button: ACTION_LABELS[open.action], detail };
}
