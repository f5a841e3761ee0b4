import * as vscode from 'vscode';
import { ChecklistItem, evaluateChecklist } from '../../core/rotation/checklist';
import { overlapPeriod, OverlapPeriod } from '../../core/rotation/overlapPeriod';
import { RotationFacts } from '../../core/rotation/rotationFacts';
import { Rotation } from '../../core/rotation/rotationRecord';
import { rotationLabel } from '../../core/rotation/rotationLabel';
import { describeReplacement } from '../../core/rotation/replacedCertificates';
import { shortHash } from '../../core/rotation/fingerprint';
import { runCommand } from '../commands';
import { Disposable } from '../disposable';
import { KeyedDelayer } from '../keyedDelayer';
import { Log } from '../log';
import { RotationStore } from './rotationStore';
import { COMMAND_IDS } from '../commandIds';
import { CHECKLIST_COMMANDS, ROTATION_OWN_ACTIONS } from './checklistCommands';

export type RotationNode =
  | { type: 'rotation'; rotation: Rotation; items: ChecklistItem[]; overlap: OverlapPeriod }
  | { type: 'completed'; rotations: RotationNode[] }
  | { type: 'archive'; rotation: Rotation }
  | { type: 'overlap'; rotation: Rotation; overlap: OverlapPeriod }
  | { type: 'item'; rotation: Rotation; item: ChecklistItem }
  | { type: 'problem'; message: string };

/** The Rotations view: each open rotation with the brief's checklist, ticked from evidence where it can be seen. */
export class RotationView extends Disposable implements vscode.TreeDataProvider<RotationNode> {
  private readonly changed = this.register(new vscode.EventEmitter<RotationNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private roots: RotationNode[] = [];
  private refreshing: Promise<void> = Promise.resolve();
  private readonly delayer = this.register(new KeyedDelayer<'refresh'>(200));
  readonly treeView: vscode.TreeView<RotationNode>;

  constructor(
    private readonly rotations: RotationStore,
    private readonly log: Log,
  ) {
    super();
    this.treeView = this.register(vscode.window.createTreeView('mtlsRotation.rotations', { treeDataProvider: this }));
    this.register(rotations.onDidChange(() => this.schedule()));
    this.register(rotations.onDidComplete((rotation) => void this.announce(rotation)));
    this.schedule();
  }

  /** The end of a rotation is news: what replaced what, and the next thing to do with the register. */
  private async announce(rotation: Rotation): Promise<void> {
    const by = rotation.new?.fingerprintSha256;
    const replaced = by
      ? `${describeReplacement({ fingerprintSha256: rotation.old.fingerprintSha256, by: { ...rotation.new, fingerprintSha256: by }, at: rotation.completedAt ?? '' })}`
      : 'replaced';
    const choice = await vscode.window.showInformationMessage(
      `Rotation of ${rotation.old.subject} completed: the old certificate is ${replaced} and no longer counts as due. Next: put the new expiry in the team calendar, and remove the old certificate's file once no service needs it.`,
      'Export Register…',
      'Show Certificates',
    );
    if (choice === 'Export Register…') await runCommand(COMMAND_IDS.exportRegister, 'ics');
    if (choice === 'Show Certificates') await runCommand(COMMAND_IDS.showInventory);
  }

  /** Resolves once the view reflects everything that happened before the call. */
  whenIdle(): Promise<void> {
    this.delayer.cancel('refresh');
    this.refreshing = this.refreshing.then(() => this.refresh());
    return this.refreshing;
  }

  /** The checklist of a rotation as the view shows it now. */
  checklist(rotationId: string): ChecklistItem[] | undefined {
    const all = this.roots.flatMap((n) => (n.type === 'completed' ? n.rotations : [n]));
    const node = all.find((n) => n.type === 'rotation' && n.rotation.id === rotationId);
    return node?.type === 'rotation' ? node.items : undefined;
  }

  private schedule(): void {
    // File events come in bursts (a key and a CSR written together); evaluate once after them.
    this.delayer.trigger('refresh', () => void this.whenIdle());
  }

  private async refresh(): Promise<void> {
    const now = new Date();
    try {
      await this.rotations.whenEvidenceRecorded();
      const nodes: RotationNode[] = [];
      const node = (rotation: Rotation, facts: RotationFacts): RotationNode => ({
        type: 'rotation',
        rotation,
        items: evaluateChecklist(rotation, facts, now),
        overlap: overlapPeriod(rotation, facts, now),
      });
      for (const { rotation, facts } of await this.rotations.openRotations()) nodes.push(node(rotation, facts));
      for (const rotation of (await this.rotations.rotations()).rotations) {
        if (rotation.completedAt && !nodes.some((n) => n.type === 'rotation' && n.rotation.id === rotation.id))
          nodes.push(node(rotation, await this.rotations.facts(rotation)));
      }
      const isOpen = (n: RotationNode) => n.type === 'rotation' && !n.rotation.completedAt;
      const completed = nodes
        .filter((n) => !isOpen(n))
        .sort((a, b) =>
          a.type === 'rotation' && b.type === 'rotation'
            ? (b.rotation.completedAt ?? '').localeCompare(a.rotation.completedAt ?? '')
            : 0,
        );
      const roots = nodes.filter(isOpen);
      this.roots = completed.length > 0 ? [...roots, { type: 'completed', rotations: completed }] : roots;
      const open = roots.length;
      // Not a badge: VS Code adds the badges of a container's views on the activity bar, so a rotation would count
      // as one more certificate due there. The view's title says how many are open instead.
      this.treeView.description = open > 0 ? `${open} in progress` : undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`Rotation record: ${message}`);
      this.roots = [{ type: 'problem', message }];
    }
    this.changed.fire(undefined);
  }

  getChildren(node?: RotationNode): RotationNode[] {
    if (!node) return this.roots;
    if (node.type === 'completed') return node.rotations;
    if (node.type !== 'rotation') return [];
    return [
      node.rotation.completedAt
        ? { type: 'archive', rotation: node.rotation }
        : { type: 'overlap', rotation: node.rotation, overlap: node.overlap },
      ...node.items.map((item): RotationNode => ({ type: 'item', rotation: node.rotation, item })),
    ];
  }

  getTreeItem(node: RotationNode): vscode.TreeItem {
    switch (node.type) {
      case 'problem': {
        const item = new vscode.TreeItem('The rotation record cannot be read');
        item.description = node.message;
        item.tooltip = node.message;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
        return item;
      }
      case 'completed': {
        const item = new vscode.TreeItem('Completed', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'rotations:completed';
        item.description = `${node.rotations.length}`;
        item.iconPath = new vscode.ThemeIcon('archive');
        item.contextValue = 'completed';
        return item;
      }
      case 'archive': {
        const { rotation } = node;
        const by = rotation.new;
        const item = new vscode.TreeItem(
          `Started ${rotation.startedAt.slice(0, 10)}, completed ${rotation.completedAt?.slice(0, 10) ?? '?'}`,
        );
        item.id = `rotation:${rotation.id}:archive`;
        item.description = by?.fingerprintSha256
          ? `new SHA-256 ${shortHash(by.fingerprintSha256, 11)}${by.notAfter ? `, expires ${by.notAfter.slice(0, 10)}` : ''}`
          : undefined;
        item.iconPath = new vscode.ThemeIcon('calendar');
        return item;
      }
      case 'rotation': {
        const done = node.items.filter((i) => i.state === 'done').length;
        const completedAt = node.rotation.completedAt;
        const { subject } = node.rotation.old;
        // The CN tells rotations apart; the whole subject, truncated by the tree, did not.
        const item = new vscode.TreeItem(
          `Rotation of ${rotationLabel(subject)}`,
          completedAt ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
        );
        item.id = `rotation:${node.rotation.id}`;
        item.description = `${completedAt ? `completed ${completedAt.slice(0, 10)}` : `${done}/${node.items.length} done`} · ${subject}`;
        item.iconPath = new vscode.ThemeIcon(completedAt || done === node.items.length ? 'pass-filled' : 'sync');
        item.contextValue = completedAt ? 'rotation.completed' : 'rotation';
        item.tooltip = `${subject}\nStarted ${node.rotation.startedAt.slice(0, 10)} for ${node.rotation.old.certificatePath} (serial ${node.rotation.old.serialNumber})\nClick to open the rotation panel: timeline, checklist and next step.`;
        item.command = {
          command: COMMAND_IDS.openRotationPanel,
          title: 'Open Rotation Panel',
          arguments: [{ rotationId: node.rotation.id }],
        };
        return item;
      }
      case 'overlap': {
        const { overlap } = node;
        const item = new vscode.TreeItem(`Retire the old key by ${overlap.deadline.at.slice(0, 10)}`);
        item.id = `rotation:${node.rotation.id}:overlap`;
        item.description = overlap.deadline.passed
          ? 'deadline passed'
          : `${overlap.deadline.daysLeft} days left · old expires ${overlap.old.notAfter.slice(0, 10)}${overlap.new ? ` · new expires ${overlap.new.notAfter.slice(0, 10)}` : ''}`;
        item.iconPath = new vscode.ThemeIcon(
          'calendar',
          overlap.deadline.passed ? new vscode.ThemeColor('list.errorForeground') : undefined,
        );
        item.tooltip = overlap.active
          ? 'Overlap period: both certificates are valid; services can move over without downtime.'
          : 'The overlap period starts once the new certificate is in the workspace.';
        return item;
      }
      case 'item': {
        const { item: step } = node;
        const item = new vscode.TreeItem(step.label);
        item.id = `rotation:${node.rotation.id}:${step.id}`;
        item.description = step.state === 'done' ? step.evidence : step.detail;
        item.tooltip = new vscode.MarkdownString(
          [
            `**${step.label}**`,
            '',
            step.state === 'done' ? `Done: ${step.evidence ?? 'ticked'}` : (step.detail ?? 'To do'),
            '',
            step.source === 'manual'
              ? '_Ticked by you: click to tick or untick._'
              : node.rotation.store !== undefined
                ? `_Ticked from what the workspace and the secrets store "${node.rotation.store}" show._`
                : '_Ticked from what the workspace shows._',
          ].join('\n'),
        );
        item.iconPath = new vscode.ThemeIcon(
          step.state === 'done' ? 'pass' : step.state === 'blocked' ? 'circle-slash' : 'circle-large-outline',
          step.state === 'done' ? new vscode.ThemeColor('testing.iconPassed') : undefined,
        );
        item.contextValue = `checklist.${step.source}.${step.state}`;
        // An archived rotation is history: its items no longer lead anywhere.
        if (node.rotation.completedAt) return item;
        if (step.source === 'manual') {
          item.command = {
            command: COMMAND_IDS.tickChecklistItem,
            title: 'Tick',
            arguments: [node.rotation.id, step.id],
          };
        } else if (step.action) {
          const own = ROTATION_OWN_ACTIONS.has(step.action);
          item.command = {
            command: CHECKLIST_COMMANDS[step.action],
            title: step.label,
            arguments: own ? [{ rotationId: node.rotation.id }] : [],
          };
        }
        return item;
      }
    }
  }
}
