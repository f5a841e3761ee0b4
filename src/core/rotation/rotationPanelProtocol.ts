// The messages between the rotation panel's page (src/webview/rotationPanel) and RotationPanels, the one
// definition both sides compile against. Types only: the page bundles nothing of the core through it.
// Ids are plain strings here: the page compiles only this file's dependency-free neighbours, not the checklist rules.
import type { RotationTimeline } from './rotationTimeline';

/** A checklist step's id (`ChecklistItemId`) and the kind of command that performs it (`ChecklistAction`). */
type ChecklistItemId = string;
type ChecklistAction = string;

/** The core's `NextStep`, as the page reads it. */
export type PanelNextStep =
  | { kind: 'command' | 'tick'; itemId: ChecklistItemId; action: ChecklistAction; button: string; detail: string }
  | { kind: 'outside' | 'blocked'; itemId: ChecklistItemId; detail: string }
  | { kind: 'complete'; detail: string };

/** Where an evidence item's tick comes from, in the user's words. */
export type EvidenceOrigin =
  | 'workspace files'
  | 'CSR comparison'
  | 'verification'
  | 'test call'
  | 'reference search'
  | 'secrets store'
  | 'certificate register';

export interface PanelChecklistItem {
  id: ChecklistItemId;
  label: string;
  state: 'done' | 'todo' | 'blocked';
  /** `evidence`: detected; `manual`: ticked by hand. */
  source: 'evidence' | 'manual';
  /** Why it is done, or what is missing. */
  note?: string;
  /** For a detected item: what it is detected from. */
  origin?: EvidenceOrigin;
  /** A manual item of an open rotation: the page offers a checkbox. */
  tickable: boolean;
  /** An open evidence item that a command performs: the page offers a button with this label. */
  action?: { action: ChecklistAction; label: string };
}

export interface RotationPanelModel {
  rotationId: string;
  /** `Rotation of program-a`. */
  title: string;
  subject: string;
  certificatePath: string;
  store?: string;
  /** Readable: `Started 1 Dec 2026`, `Completed 3 Dec 2026`. */
  status: string;
  /** `4 of 11 steps done`. */
  progress: string;
  /** `Retire the old key by 22 Dec 2026 (in 19 days)`. */
  deadline: string;
  deadlinePassed: boolean;
  completed: boolean;
  /** Completed, or the workspace is not trusted: nothing to tick or run. */
  readOnly: boolean;
  timeline: RotationTimeline;
  checklist: PanelChecklistItem[];
  nextStep: PanelNextStep;
}

/** From the webview. */
export type RotationPanelRequest =
  /** The page has loaded its script and waits for the model. */
  | { type: 'ready' }
  /** Tick or untick a manual step (the view's Tick command). */
  | { type: 'tick'; itemId: ChecklistItemId; ticked: boolean }
  /** Run the command of one checklist item (the one the view's item runs). */
  | { type: 'run'; itemId: ChecklistItemId }
  /** The next-step button, naming the step it showed: a stale click (the step changed meanwhile) does nothing. */
  | { type: 'next-step'; itemId: ChecklistItemId }
  /** What the page drew from the last model: the ids of the SVG marks and the checklist rows. */
  | { type: 'rendered'; marks: string[]; items: Array<{ id: string; state: string; source: string }>; next: string };

/** To the webview. */
export type RotationPanelUpdate =
  | { type: 'model'; model: RotationPanelModel }
  /** Clicks the element named by `key` (its data-key) as a user would. Only the integration tests send it. */
  | { type: 'click'; key: string };
