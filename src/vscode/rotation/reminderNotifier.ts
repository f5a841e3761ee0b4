import * as vscode from 'vscode';
import { DAY_MS } from '../../core/expiry';
import { describeExpiry, expiryStatus } from '../../core/expiry';
import { displayName } from '../../core/x509/formatName';
import { fingerprintHex } from '../../core/rotation/fingerprint';
import {
  dueReminders,
  emptyReminderState,
  markNotified,
  Reminder,
  ReminderState,
  snooze,
} from '../../core/rotation/reminders';
import { PendingReminder, standingReminders, withoutPending, withPending } from '../../core/rotation/pendingReminders';
import { RotationFile } from '../../core/rotation/rotationRecord';
import { CertificateInfo } from '../../core/model';
import { Disposable } from '../disposable';
import { InventoryTree } from '../inventory/inventoryTree';
import { Log } from '../log';
import { Settings } from '../settings';
import { COMMAND_IDS } from '../commandIds';
import { registerCommand, runCommand } from '../commands';
import { NextStepOffers } from './nextStepOffers';
import { KeyedDelayer } from '../keyedDelayer';

const STATE_KEY = 'mtlsRotation.reminders';
const PENDING_KEY = 'mtlsRotation.pendingReminders';
const MAX_SEPARATE_REMINDERS = 3;

/** The rotation record, read to know which certificates are being rotated already (however that started). */
export interface RotationRecordSource {
  onDidChange: vscode.Event<void>;
  rotations(): Promise<RotationFile>;
}

/**
 * The provider's reminders at 30, 15 and 5 days, inside VS Code: each certificate and threshold once, remembered
 * across restarts in the workspace state; 30 is the trigger to start a rotation, expiry leads to the recovery path.
 */
export class ReminderNotifier extends Disposable {
  private running = Promise.resolve();
  /**
   * A notification hides after seconds and an extension cannot make one stay, so a shown reminder also stays in
   * the status bar until the rotation starts (by any route) or it is snoozed; clicking it shows the reminder again.
   */
  private readonly item = this.register(
    vscode.window.createStatusBarItem('mtlsRotation.reminder', vscode.StatusBarAlignment.Left, 50),
  );
  private standing: Array<{ reminder: PendingReminder; certificate: CertificateInfo }> = [];

  constructor(
    private readonly tree: InventoryTree,
    private readonly state: vscode.Memento,
    private readonly settings: () => Settings,
    private readonly log: Log,
    private readonly scanning: () => boolean,
    private readonly offers: NextStepOffers,
    private readonly rotationRecord: RotationRecordSource,
  ) {
    super();
    this.item.name = 'mTLS certificate reminder';
    this.item.command = COMMAND_IDS.showReminders;
    // Reminders wait for the scan to finish: half an inventory would remind of half the certificates twice.
    this.register(
      tree.onDidChangeModel(() => {
        if (!this.scanning()) void this.check();
      }),
    );
    // The record changes once per file the inventory sees during a scan: read it once per burst.
    const delayer = this.register(new KeyedDelayer<'standing'>(300));
    this.register(rotationRecord.onDidChange(() => delayer.trigger('standing', () => void this.refreshStanding())));
    this.register(
      registerCommand(log, COMMAND_IDS.showReminders, (fingerprint?: unknown) =>
        this.showStanding(typeof fingerprint === 'string' ? fingerprint : undefined),
      ),
    );
  }

  /** The reminders on screen until acted on or snoozed, with their certificates (for the tests and the view). */
  standingReminders(): Array<{ reminder: PendingReminder; certificate: CertificateInfo }> {
    return this.standing;
  }

  /** The status bar entry that keeps them, or undefined when none stands. */
  statusBarEntry(): { text: string; tooltip: string } | undefined {
    return this.standing.length === 0 ? undefined : { text: this.item.text, tooltip: String(this.item.tooltip) };
  }

  private pending(): PendingReminder[] {
    return this.state.get<PendingReminder[]>(PENDING_KEY) ?? [];
  }

  private async setPending(pending: PendingReminder[]): Promise<void> {
    await this.state.update(PENDING_KEY, pending);
    await this.refreshStanding();
  }

  private refreshing = Promise.resolve();

  /** Resolves once the status bar shows the reminders that still stand. */
  refreshStanding(): Promise<void> {
    this.refreshing = this.refreshing
      .then(async () => {
        const rotating = (await this.rotationRecord.rotations().catch(() => undefined))?.rotations
          .filter((r) => !r.completedAt)
          .map((r) => r.old.fingerprintSha256);
        const certificates = this.tree.model.certificates.map((c) => c.certificate);
        this.standing = standingReminders(this.pending(), certificates, rotating ?? []);
        this.render();
      })
      .catch((error: unknown) => this.log.error(`Reminders: ${String(error)}`));
    return this.refreshing;
  }

  private render(): void {
    if (this.standing.length === 0) {
      this.item.hide();
      return;
    }
    const now = new Date();
    const urgent = this.standing.some((s) => s.reminder.level === 'error');
    if (this.standing.length === 1) {
      const { certificate } = this.standing[0];
      const status = describeExpiry(expiryStatus(certificate.notAfter, now, this.settings().reminderDays));
      this.item.text = `$(bell) ${displayName(certificate.subject)}: ${status}`;
    } else {
      this.item.text = `$(bell) ${this.standing.length} certificates to rotate`;
    }
    this.item.tooltip = `${this.standing.map((s) => displayName(s.certificate.subject)).join(', ')}: start the rotation or snooze the reminder. Click to choose.`;
    this.item.backgroundColor = new vscode.ThemeColor(
      urgent ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground',
    );
    this.item.accessibilityInformation = { label: this.item.tooltip, role: 'button' };
    this.item.show();
  }

  /** The status bar entry's click: each standing reminder again (or the one named), with its actions. */
  private async showStanding(fingerprint?: string): Promise<void> {
    await this.refreshStanding();
    const chosen = fingerprint ? this.standing.filter((s) => s.reminder.fingerprint === fingerprint) : this.standing;
    const now = new Date();
    if (chosen.length === 0 || chosen.length > MAX_SEPARATE_REMINDERS) {
      // Many at once read better as the list of certificates than as a stack of notifications.
      await runCommand(COMMAND_IDS.showInventory);
      return;
    }
    await Promise.all(
      chosen.map(({ reminder, certificate }) =>
        this.show({ certificate, threshold: reminder.threshold, level: reminder.level, daysLeft: 0, covers: [] }, now),
      ),
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
    if (due.length === 0) {
      // Reminders shown in an earlier session and never acted on come back to the status bar.
      await this.refreshStanding();
      return;
    }
    for (const reminder of due) state = markNotified(state, reminder);
    // Marked before showing: a reminder is given once, even if VS Code closes while it is on screen.
    await this.state.update(STATE_KEY, state);
    await this.setPending(withPending(this.pending(), due));
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
      const cn = displayName(r.certificate.subject);
      return `${cn} (${describeExpiry(expiryStatus(r.certificate.notAfter, now, this.settings().reminderDays))})`;
    });
    const message = `${due.length} certificates need rotating${expired > 0 ? `, ${expired} already expired` : ''}: ${names.join(', ')}, …`;
    const level = due.some((r) => r.level === 'error') ? 'error' : 'warning';
    if ((await this.offers.offer('reminder-summary', level, message, ['Show Certificates'])) === 'Show Certificates')
      await runCommand(COMMAND_IDS.showInventory);
  }

  private async show(reminder: Reminder, now: Date): Promise<void> {
    const { certificate } = reminder;
    const name = displayName(certificate.subject);
    const status = describeExpiry(expiryStatus(certificate.notAfter, now, this.settings().reminderDays));
    const expired = reminder.threshold === 'expired';
    const message = expired
      ? `${name} has expired (${status}): every API call with it fails at the TLS handshake. Raise a priority-1 support ticket, then generate a new key and CSR.`
      : `${name}: ${status}. ${reminder.level === 'info' ? 'Time to start the rotation.' : 'Start the rotation now.'}`;
    const actions = expired
      ? ['Copy Support Ticket', 'Start Rotation', 'Show Certificate']
      : ['Start Rotation', 'Snooze 1 Day', 'Show Certificate'];
    const choice = await this.offers.offer(expired ? 'reminder-expired' : 'reminder', reminder.level, message, actions);
    const node = { type: 'certificate', certificate };
    // The reminder stands until the rotation really exists (standingReminders drops it then): a start refused in
    // Restricted Mode or by an unreadable record must not take it away.
    if (choice === 'Start Rotation') await runCommand(COMMAND_IDS.startRotation, node);
    // Looking at the certificate or copying the ticket is not acting on the reminder: it comes back with its choices.
    if (choice === 'Show Certificate') {
      await runCommand(COMMAND_IDS.openFile, node);
      return this.show(reminder, now);
    }
    if (choice === 'Copy Support Ticket') {
      await runCommand(COMMAND_IDS.copySupportTicket, node);
      return this.show(reminder, now);
    }
    if (choice === 'Snooze 1 Day') {
      await this.setPending(withoutPending(this.pending(), certificate.fingerprintSha256));
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
