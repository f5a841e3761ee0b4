import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { InventoryView } from '../inventory/inventoryView';
import { Log } from '../log';
import { Prompts } from '../prompts';
import { RotationStore } from '../rotation/rotationStore';
import { RotationView } from '../rotation/rotationView';
import { Settings } from '../settings';
import type { TestCallFeature } from '../testCall/testCallFeature';
import { DeployToStoreCommand } from './deployToStoreCommand';
import { RetireInStoreCommand } from './retireInStoreCommand';
import { RollBackStoreCommand } from './rollBackStoreCommand';
import { SetRotationStoreCommand } from './setRotationStoreCommand';
import { StoreInventory } from './storeInventory';
import { StoreRotations } from './storeRotations';
import { SwitchStoreCommand } from './switchStoreCommand';
import { TestCallStagedPairCommand } from './testCallStagedPairCommand';

/**
 * Secrets stores in the extension: their certificates in the Certificates view (counted in badges and reminders),
 * their evidence in the rotation checklist, and the commands that deploy, test, switch, roll back and retire.
 */
export class StoresFeature extends Disposable {
  readonly inventory: StoreInventory;
  readonly rotations: StoreRotations;

  constructor(
    log: Log,
    view: InventoryView,
    rotationStore: RotationStore,
    rotationView: RotationView,
    testCalls: TestCallFeature,
    prompts: Prompts,
    settings: () => Settings,
    state: vscode.Memento,
  ) {
    super();
    this.inventory = this.register(new StoreInventory(log, settings));
    this.rotations = new StoreRotations(
      log,
      this.inventory,
      rotationStore,
      view.store,
      rotationView,
      testCalls,
      prompts,
      settings,
      state,
    );
    view.tree.setStoreGroups(() => this.inventory.snapshot());
    this.register(this.inventory.onDidChange(() => view.tree.rebuild()));
    rotationStore.setStoreFacts((rotation) => this.rotations.fact(rotation), this.inventory.onDidChange);
    for (const command of [
      new DeployToStoreCommand(this.rotations),
      new TestCallStagedPairCommand(this.rotations),
      new SwitchStoreCommand(this.rotations),
      new RollBackStoreCommand(this.rotations),
      new RetireInStoreCommand(this.rotations),
      new SetRotationStoreCommand(this.rotations),
    ])
      this.register(command.register());
  }

  start(): Promise<void> {
    return this.inventory.configure();
  }
}
