import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, until } from './testHelpers';

describe('Walkthrough progress', () => {
  it('ticks "Find your certificates" when the view is opened from the activity bar, not only by its command', async () => {
    const api = await activateExtension();
    // Another container in the side bar, then nothing ticked: the step must be earned again.
    await vscode.commands.executeCommand('workbench.view.explorer');
    await until('the Certificates view hidden', () => !api.inventory.treeView.visible);
    await api.walkthrough.reset();
    assert.strictEqual(api.walkthrough.isDone('inventory'), false);

    await vscode.commands.executeCommand('workbench.view.extension.mtlsRotation');
    await until('the Certificates view visible', () => api.inventory.treeView.visible);
    await until('the inventory step ticked', () => api.walkthrough.isDone('inventory'));
    assert.strictEqual(api.walkthrough.isDone('retire'), false, 'a step not done stays unticked');
  });
});
