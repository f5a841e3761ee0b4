import * as vscode from 'vscode';
import { BUILT_IN_COMMAND_IDS } from '../commandIds';
import { runCommand } from '../commands';
import { Disposable } from '../disposable';
import { KeyedDelayer } from '../keyedDelayer';
import { Log } from '../log';
import type { RotationStore } from '../rotation/rotationStore';
import type { TestCallFeature } from '../testCall/testCallFeature';
import type { CertificateVerifier } from '../verify/verifyCommand';
import { WALKTHROUGH_CONTEXT_PREFIX as CONTEXT_PREFIX, WALKTHROUGH_STEPS, WalkthroughStep } from './walkthroughSteps';

const STATE_KEY = 'mtlsRotation.walkthroughDone';

/** What the class listens to: the features' own events and state, so that any route to a step ticks it. */
export interface WalkthroughSources {
  inventoryView: vscode.TreeView<unknown>;
  /** Reports by name: `generate-*` after a key and CSR were written, `compare-*` when a comparison is shown. */
  reports: { onDidChange: vscode.Event<vscode.Uri> };
  verifier: Pick<CertificateVerifier, 'onDidRecord' | 'records'>;
  testCalls: Pick<TestCallFeature, 'onDidRecord' | 'history'>;
  rotations: Pick<RotationStore, 'onDidChange' | 'rotations'>;
}

/**
 * Ticks the walkthrough's steps when the step is done, whichever way: the Certificates view opened from the
 * activity bar, a comparison from the CodeLens, a test call from the store's menu. Each done step sets a context
 * key the manifest's completion events wait for; the keys are kept in global state, so a ticked step stays ticked.
 */
export class WalkthroughProgress extends Disposable {
  private readonly done = new Set<WalkthroughStep>();
  private readonly changed = this.register(new vscode.EventEmitter<WalkthroughStep>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly sources: WalkthroughSources,
    private readonly log: Log,
  ) {
    super();
    const saved = state.get<string[]>(STATE_KEY) ?? [];
    for (const step of WALKTHROUGH_STEPS) if (saved.includes(step)) this.mark(step, false);

    const view = sources.inventoryView;
    if (view.visible) this.mark('inventory');
    this.register(view.onDidChangeVisibility((e) => e.visible && this.mark('inventory')));
    this.register(
      sources.reports.onDidChange((uri) => {
        const name = uri.path.replace(/^\//, '');
        if (name.startsWith('generate-')) this.mark('request');
        else if (name.startsWith('compare-')) this.mark('compare');
      }),
    );
    // A check that failed or a refused call is not the step done: the walkthrough waits for one that passed.
    if (sources.verifier.records().some((r) => r.allOk)) this.mark('verify');
    this.register(sources.verifier.onDidRecord((r) => r.allOk && this.mark('verify')));
    if (sources.testCalls.history().some((r) => r.outcome === 'ok')) this.mark('test');
    this.register(sources.testCalls.onDidRecord((r) => r.outcome === 'ok' && this.mark('test')));
    // The store fires for every file the inventory sees: a burst reads the record once.
    const delayer = this.register(new KeyedDelayer<'rotations'>(300));
    this.register(
      sources.rotations.onDidChange(() => {
        if (!this.done.has('start') || !this.done.has('retire'))
          delayer.triggerIfIdle('rotations', () => void this.readRotations());
      }),
    );
    void this.readRotations();
  }

  isDone(step: WalkthroughStep): boolean {
    return this.done.has(step);
  }

  /** For tests: every step unticked (the walkthrough's own record of completed steps is VS Code's). */
  async reset(): Promise<void> {
    const steps = [...this.done];
    this.done.clear();
    await this.state.update(STATE_KEY, []);
    await Promise.all(steps.map((step) => runCommand(BUILT_IN_COMMAND_IDS.setContext, CONTEXT_PREFIX + step, false)));
  }

  private reading: Promise<void> = Promise.resolve();

  /** Started and retired come from the rotation record, whoever wrote it (a command, the CLI, a teammate). */
  private readRotations(): Promise<void> {
    if (this.done.has('start') && this.done.has('retire')) return this.reading;
    this.reading = this.reading.then(async () => {
      try {
        const { rotations } = await this.sources.rotations.rotations();
        if (rotations.length > 0) this.mark('start');
        if (rotations.some((r) => r.new?.keyPath && r.new.csrPath)) this.mark('request');
        if (rotations.some((r) => r.retiredAt !== undefined || r.storeRetire?.removed)) this.mark('retire');
      } catch (error) {
        // An unreadable record is reported by the rotation view; the walkthrough just waits.
        this.log.info(`Walkthrough: rotation record not read (${String(error)})`);
      }
    });
    return this.reading;
  }

  private mark(step: WalkthroughStep, persist = true): void {
    if (this.done.has(step)) return;
    this.done.add(step);
    void runCommand(BUILT_IN_COMMAND_IDS.setContext, CONTEXT_PREFIX + step, true);
    if (persist) void this.state.update(STATE_KEY, [...this.done]);
    this.changed.fire(step);
  }
}
