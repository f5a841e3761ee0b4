import { RegisterFile } from '../../core/rotation/register';
import { replacedCertificates } from '../../core/rotation/replacedCertificates';
import { RotationFile } from '../../core/rotation/rotationRecord';
import { Disposable } from '../disposable';
import { InventoryTree } from '../inventory/inventoryTree';
import { KeyedDelayer } from '../keyedDelayer';
import { Log } from '../log';
import { RotationStore } from './rotationStore';

/**
 * Tells the inventory which certificates completed rotations (and the register) replaced, each time the record
 * or the register changes: the one input that takes them out of the badge, status bar, decorations and reminders.
 */
export class ReplacedFeed extends Disposable {
  private readonly delayer = this.register(new KeyedDelayer<'reload'>(200));
  private loading: Promise<void> = Promise.resolve();
  private key: string | undefined;
  /** False until the record and the register were read once: reminders wait for it (see extension.ts). */
  loaded = false;

  constructor(
    private readonly rotations: RotationStore,
    private readonly tree: InventoryTree,
    private readonly log: Log,
  ) {
    super();
    this.register(rotations.onDidChange(() => this.delayer.trigger('reload', () => void this.whenIdle())));
    void this.whenIdle();
  }

  /** Resolves once the tree knows what was replaced as of the call. */
  whenIdle(): Promise<void> {
    this.delayer.cancel('reload');
    this.loading = this.loading
      .then(() => this.reload())
      .catch((error: unknown) => this.log.error(`Replaced certificates: ${String(error)}`));
    return this.loading;
  }

  private async reload(): Promise<void> {
    const replaced = replacedCertificates(
      await this.read('rotation record', () => this.rotations.rotations()),
      await this.read('certificate register', () => this.rotations.registerFile()),
    );
    const key = JSON.stringify([...replaced]);
    const first = !this.loaded;
    this.loaded = true;
    // Every inventory change comes through here too: the tree is rebuilt only when the set changed.
    if (key === this.key && !first) return;
    this.key = key;
    this.tree.setReplaced(replaced);
  }

  /** A broken file counts nothing as replaced (its own view shows the error), rather than stopping the others. */
  private async read<T extends RotationFile | RegisterFile>(
    what: string,
    read: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      this.log.debug(
        `Replaced certificates: ${what} unreadable: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }
}
