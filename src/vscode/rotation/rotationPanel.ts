import * as vscode from 'vscode';
import { ChecklistAction, evaluateChecklist, ManualChecklistItemId } from '../../core/rotation/checklist';
import { overlapPeriod } from '../../core/rotation/overlapPeriod';
import { RotationFacts } from '../../core/rotation/rotationFacts';
import { rotationLabel } from '../../core/rotation/rotationLabel';
import { rotationPanelModel } from '../../core/rotation/rotationPanelModel';
import type {
  RotationPanelModel,
  RotationPanelRequest,
  RotationPanelUpdate,
} from '../../core/rotation/rotationPanelProtocol';
import { Rotation } from '../../core/rotation/rotationRecord';
import { COMMAND_IDS } from '../commandIds';
import { registerCommand, runCommand } from '../commands';
import { Disposable } from '../disposable';
import { KeyedDelayer } from '../keyedDelayer';
import { Log } from '../log';
import { Settings } from '../settings';
import { webviewPage, webviewPageOptions } from '../webview/webviewPage';
import { CHECKLIST_COMMANDS, ROTATION_OWN_ACTIONS } from './checklistCommands';
import { parseRotationPanelRequest } from './rotationPanelRequest';
import { RotationStore } from './rotationStore';

type Rendered = Extract<RotationPanelRequest, { type: 'rendered' }>;

interface Entry {
  panel: vscode.WebviewPanel;
  /** The page has loaded its script; messages sent before would be lost. */
  ready: boolean;
  model?: RotationPanelModel;
  /** What the page last said it drew. */
  rendered?: Rendered;
}

function isChecklistAction(value: string): value is ChecklistAction {
  return Object.prototype.hasOwnProperty.call(CHECKLIST_COMMANDS, value);
}

function rotationIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const value = arg as { rotationId?: unknown; rotation?: { id?: unknown } } | undefined;
  if (typeof value?.rotationId === 'string') return value.rotationId;
  return typeof value?.rotation?.id === 'string' ? value.rotation.id : undefined;
}

/**
 * A rotation at a glance: one webview per rotation with its timeline, its checklist (detected or ticked by hand)
 * and the next step as a button. The page only draws; ticking and running go through the commands the Rotations
 * view uses, and every change to the rotation store draws the page again.
 */
export class RotationPanels extends Disposable {
  static readonly viewType = 'mtlsRotation.rotationPanel';

  private readonly panels = new Map<string, Entry>();
  private readonly delayer = this.register(new KeyedDelayer<'render'>(150));
  private rendering: Promise<void> = Promise.resolve();

  constructor(
    private readonly rotations: RotationStore,
    private readonly log: Log,
    private readonly extensionUri: vscode.Uri,
    private readonly settings: () => Settings,
  ) {
    super();
    this.register(registerCommand(log, COMMAND_IDS.openRotationPanel, (arg?: unknown) => this.open(arg)));
    this.register(rotations.onDidChange(() => this.schedule()));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule()));
    this.register({
      dispose: () => {
        for (const entry of this.panels.values()) entry.panel.dispose();
        this.panels.clear();
      },
    });
  }

  /** Opens the panel of a rotation (the one named, or one picked), or reveals it when it is open already. */
  async open(arg?: unknown): Promise<vscode.WebviewPanel | undefined> {
    const id = rotationIdOf(arg) ?? (await this.pick());
    if (!id) return undefined;
    const existing = this.panels.get(id);
    if (existing) {
      existing.panel.reveal();
      return existing.panel;
    }
    const rotation = (await this.rotations.rotations()).rotations.find((r) => r.id === id);
    if (!rotation) throw new Error(`No rotation ${id} in ${this.rotations.rotationFileUri()?.fsPath ?? 'the record'}`);
    const panel = vscode.window.createWebviewPanel(
      RotationPanels.viewType,
      `Rotation: ${rotationLabel(rotation.old.subject)}`,
      vscode.ViewColumn.Active,
      webviewPageOptions(this.extensionUri),
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activity-bar.svg');
    panel.webview.html = webviewPage(panel.webview, this.extensionUri, {
      script: 'rotationPanel',
      style: 'rotationPanel.css',
      title: `Rotation of ${rotationLabel(rotation.old.subject)}`,
      loading: 'Reading the rotation…',
    });
    const entry: Entry = { panel, ready: false };
    this.panels.set(id, entry);
    const received = panel.webview.onDidReceiveMessage((message: unknown) => {
      void this.receive(id, entry, message).catch((error: unknown) => {
        const text = error instanceof Error ? error.message : String(error);
        this.log.error(`Rotation panel: ${text}`);
        void vscode.window.showErrorMessage(`mTLS Rotation: ${text}`);
      });
    });
    // A hidden page is unloaded (no retained context): it asks again once shown, and the dates move on meanwhile.
    const state = panel.onDidChangeViewState(() => {
      if (!panel.visible) entry.ready = false;
    });
    panel.onDidDispose(() => {
      received.dispose();
      state.dispose();
      if (this.panels.get(id) === entry) this.panels.delete(id);
    });
    return panel;
  }

  private async pick(): Promise<string | undefined> {
    const all = (await this.rotations.rotations()).rotations;
    if (all.length === 0)
      throw new Error('No rotation yet: start one from a certificate in the Certificates view (Start Rotation…)');
    const open = all.filter((r) => !r.completedAt);
    if (open.length === 1) return open[0].id;
    const ordered = [...open, ...all.filter((r) => r.completedAt)];
    const picked = await vscode.window.showQuickPick(
      ordered.map((rotation) => ({
        label: `Rotation of ${rotationLabel(rotation.old.subject)}`,
        description: rotation.completedAt
          ? `completed ${rotation.completedAt.slice(0, 10)}`
          : `started ${rotation.startedAt.slice(0, 10)}`,
        detail: `${rotation.old.subject} · ${rotation.old.certificatePath}`,
        id: rotation.id,
      })),
      { title: 'Open the panel of which rotation?', matchOnDescription: true, matchOnDetail: true },
    );
    return picked?.id;
  }

  /** The panel of a rotation, when open. */
  panelFor(rotationId: string): vscode.WebviewPanel | undefined {
    return this.panels.get(rotationId)?.panel;
  }

  /** The model last sent to (or prepared for) the page of a rotation. */
  modelFor(rotationId: string): RotationPanelModel | undefined {
    return this.panels.get(rotationId)?.model;
  }

  /** What the page of a rotation last reported drawing: its SVG marks, checklist rows and next-step button. */
  renderedFor(rotationId: string): Rendered | undefined {
    return this.panels.get(rotationId)?.rendered;
  }

  /**
   * For the integration tests: asks the page to click the element named by `key` (its data-key, `next-step`,
   * `tick:csr-submitted`) through its own handlers. False while the page has not loaded its script.
   */
  clickInPage(rotationId: string, key: string): boolean {
    const entry = this.panels.get(rotationId);
    if (!entry?.ready) return false;
    this.post(entry, { type: 'click', key });
    return true;
  }

  /** For the integration tests: handles a message as if the page of the rotation had sent it. */
  receiveAsPage(rotationId: string, message: RotationPanelRequest): Promise<void> {
    const entry = this.panels.get(rotationId);
    if (!entry) throw new Error(`No panel open for rotation ${rotationId}`);
    return this.receive(rotationId, entry, message);
  }

  /** Resolves once every open page has been sent what the store holds now. */
  whenIdle(): Promise<void> {
    this.delayer.cancel('render');
    this.rendering = this.rendering.then(() => this.renderAll());
    return this.rendering;
  }

  private schedule(): void {
    if (this.panels.size === 0) return;
    // Store events come in bursts (a record write, then the evidence it leads to): draw once after them.
    this.delayer.trigger('render', () => void this.whenIdle());
  }

  private async renderAll(): Promise<void> {
    if (this.panels.size === 0) return;
    try {
      await this.rotations.whenEvidenceRecorded();
      const models = await this.models([...this.panels.keys()]);
      for (const [id, entry] of this.panels) {
        const model = models.get(id);
        if (!model) continue;
        entry.model = model;
        if (entry.ready) this.post(entry, { type: 'model', model });
      }
    } catch (error) {
      // The Rotations view shows what is wrong with the record; the panel keeps its last picture.
      this.log.warn(`Rotation panel not updated: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The models of these rotations, from the same evaluation as the Rotations view (unwritten evidence included). */
  private async models(ids: string[]): Promise<Map<string, RotationPanelModel>> {
    const now = new Date();
    const found = new Map<string, { rotation: Rotation; facts: RotationFacts }>();
    for (const open of await this.rotations.openRotations())
      if (ids.includes(open.rotation.id)) found.set(open.rotation.id, open);
    for (const rotation of (await this.rotations.rotations()).rotations) {
      if (ids.includes(rotation.id) && !found.has(rotation.id))
        found.set(rotation.id, { rotation, facts: await this.rotations.facts(rotation) });
    }
    const models = new Map<string, RotationPanelModel>();
    for (const [id, { rotation, facts }] of found) {
      models.set(
        id,
        rotationPanelModel(
          rotation,
          evaluateChecklist(rotation, facts, now),
          facts,
          overlapPeriod(rotation, facts, now),
          now,
          {
            reminderDays: this.settings().reminderDays,
            trusted: vscode.workspace.isTrusted,
          },
        ),
      );
    }
    return models;
  }

  private async receive(id: string, entry: Entry, raw: unknown): Promise<void> {
    const message = parseRotationPanelRequest(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready': {
        entry.ready = true;
        const model = (await this.models([id])).get(id);
        if (!model) {
          entry.panel.dispose();
          void vscode.window.showWarningMessage(`The rotation ${id} is no longer in the rotation record.`);
          return;
        }
        entry.model = model;
        this.post(entry, { type: 'model', model });
        return;
      }
      case 'rendered':
        entry.rendered = message;
        return;
      case 'tick': {
        const item = entry.model?.checklist.find((i) => i.id === message.itemId);
        if (!item?.tickable) return;
        await runCommand(COMMAND_IDS.tickChecklistItem, id, message.itemId as ManualChecklistItemId, message.ticked);
        await this.whenIdle();
        return;
      }
      case 'run': {
        const item = entry.model?.checklist.find((i) => i.id === message.itemId);
        if (item?.action) await this.perform(id, item.action.action, message.itemId);
        return;
      }
      case 'next-step': {
        // Judged again now: the page's button may show a step the rotation has moved past meanwhile.
        const model = (await this.models([id])).get(id);
        const step = model?.nextStep;
        if (
          model?.readOnly ||
          !step ||
          (step.kind !== 'command' && step.kind !== 'tick') ||
          step.itemId !== message.itemId
        ) {
          await this.whenIdle();
          return;
        }
        await this.perform(id, step.action, step.itemId);
        return;
      }
    }
  }

  /** What the Rotations view's checklist item runs, with the same arguments. */
  private async perform(id: string, action: string, itemId: string): Promise<void> {
    if (!isChecklistAction(action)) return;
    if (action === 'tick') {
      await runCommand(COMMAND_IDS.tickChecklistItem, id, itemId, true);
    } else {
      await runCommand(CHECKLIST_COMMANDS[action], ...(ROTATION_OWN_ACTIONS.has(action) ? [{ rotationId: id }] : []));
    }
    // Drawn again even when nothing changed (a dismissed picker): the page's button waits for a model.
    await this.whenIdle();
  }

  private post(entry: Entry, message: RotationPanelUpdate): void {
    void entry.panel.webview.postMessage(message);
  }
}
