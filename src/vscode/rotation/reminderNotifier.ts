import * as vscode from 'vscode';
import { DAY_MS } from '../../core/expiry';
import { describeExpiry, expiryStatus } from '../../core/expiry';
import { formatName } from '../../core/x509/formatName';
import { fingerprintHex } from '../../core/rotation/fingerprint';
import {
  dueReminders,
  emptyReminderState,
  markNotified,
  Reminder,
  ReminderState,
  snooze,
} from '../../core/rotation/reminders';
import { Disposable } from '../disposable';
import { InventoryTree } from '../inventory/inventoryTree';
import { Log } from '../log';
import { Settings } from '../settings';
import { COMMAND_IDS } from '../commandIds';
import { runCommand } from '../commands';

const STATE_KEY = 'mtlsRotation.reminders';
const MAX_SEPARATE_REMINDERS = 3;

/**
 * The provider's reminders at 30, 15 and 5 days, inside VS Code: each certificate and threshold once, remembered
 * across restarts in the workspace state; 30 is the trigger to start a rotation, expiry leads to the recovery path.
 */
export class ReminderNotifier extends Disposable {
  private running = Promise.resolve();

  constructor(
    private readonly tree: InventoryTree,
    private readonly state: vscode.Memento,
    private readonly settings: () => Settings,
    private readonly log: Log,
    private readonly scanning: () => boolean,
  ) {
    super();
    // Reminders wait for the scan to finish: half an inventory would remind of half the certificates twice.
    this.register(
      tree.onDidChangeModel(() => {
        if (!this.scanning()) void this.check();
      }),
    );
  }

  reminderState(): ReminderState {
    return this.state.get<ReminderState>(STATE_KEY) ?? emptyReminderState();
  }

  check(): Promise<void> {
    this.running = this.running
      .then(() => this.notify())
      .catch((error: unknown) => this.log.error(`Reminders: ${String(error)}`));
    return this.running;
  }

  private async notify(): Promise<void> {
    const now = new Date();
    const { certificates: counted, replaced } = this.tree.model;
    const certificates = counted.map((c) => c.certificate);
    let state = this.reminderState();
    const due = dueReminders(certificates, now, this.settings().reminderDays, state, {
      replaced: new Map(replaced.map((r) => [fingerprintHex(r.certificate.fingerprintSha256), r.replacedBy])),
    });
    if (due.length === 0) return;
    for (const reminder of due) state = markNotified(state, reminder);
    // Marked before showing: a reminder is given once, even if VS Code closes while it is on screen.
    await this.state.update(STATE_KEY, state);
    if (due.length > MAX_SEPARATE_REMINDERS) {
      void this.showSummary(due, now);
      return;
    }
    for (const reminder of due) void this.show(reminder, now);
  }

  /** A repository of many programs would otherwise open a notification per certificate. */
  private async showSummary(due: Reminder[], now: Date): Promise<void> {
    const expired = due.filter((r) => r.threshold === 'expired').length;
    const names = due.slice(0, 3).map((r) => {
      const cn = r.certificate.subject.find((a) => a.type === 'CN')?.value ?? formatName(r.certificate.subject);
      return `${cn} (${describeExpiry(expiryStatus(r.certificate.notAfter, now, this.settings().reminderDays))})`;
    });
    const message = `${due.length} certificates need rotating${expired > 0 ? `, ${expired} already expired` : ''}: ${names.join(', ')}, …`;
    const show = due.some((r) => r.level === 'error')
      ? vscode.window.showErrorMessage
      : vscode.window.showWarningMessage;
    if ((await show(message, 'Show Certificates')) === 'Show Certificates') await runCommand(COMMAND_IDS.showInventory);
  }

  private async show(reminder: Reminder, now: Date): Promise<void> {
    const { certificate } = reminder;
    const name = certificate.subject.find((a) => a.type === 'CN')?.value ?? formatName(certificate.subject);
    const status = describeExpiry(expiryStatus(certificate.notAfter, now, this.settings().reminderDays));
    const expired = reminder.threshold === 'expired';
    const message = expired
      ? `${name} has expired (${status}): every API call with it fails at the TLS handshake. Raise a priority-1 support ticket, then generate a new key and CSR.`
      : `${name}: ${status}. ${reminder.level === 'info' ? 'Time to start the rotation.' : 'Start the rotation now.'}`;
    const actions = expired ? ['Copy Support Ticket', 'Start Rotation'] : ['Start Rotation', 'Snooze 1 Day'];
    const show =
      reminder.level === 'error'
        ? vscode.window.showErrorMessage
        : reminder.level === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showInformationMessage;
    const choice = await show(message, ...actions);
    const node = { type: 'certificate', certificate };
    if (choice === 'Start Rotation') await runCommand(COMMAND_IDS.startRotation, node);
    if (choice === 'Copy Support Ticket') await runCommand(COMMAND_IDS.copySupportTicket, node);
    if (choice === 'Snooze 1 Day') {
      // Snoozing un-gives the reminder, so it comes back once the snooze is over.
      const current = this.reminderState();
      const own = reminder.threshold === 'expired' ? 0 : reminder.threshold;
      const notified = Object.fromEntries(
        Object.entries(current.notified).map(([fingerprint, thresholds]) => [
          fingerprint,
          fingerprint === certificate.fingerprintSha256 ? thresholds.filter((n) => n !== own) : thresholds,
        ]),
      );
      await this.state.update(
        STATE_KEY,
        snooze({ ...current, notified }, certificate.fingerprintSha256, new Date(Date.now() + DAY_MS)),
      );
    }
  }
}
