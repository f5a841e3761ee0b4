import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { completionEvent, WALKTHROUGH_STEPS } from '../../../src/vscode/walkthrough/walkthroughSteps';

interface Manifest {
  contributes: { walkthroughs: Array<{ steps: Array<{ id: string; completionEvents?: string[] }> }> };
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8')) as Manifest;

describe('walkthrough steps', () => {
  it('ticks every step by the context key WalkthroughProgress sets, never by one command', () => {
    const steps = manifest.contributes.walkthroughs.flatMap((w) => w.steps);
    assert.deepStrictEqual(
      steps.map((s) => s.id),
      [...WALKTHROUGH_STEPS],
    );
    // `onCommand:` would tick only when that one command ran (and even when it was cancelled).
    assert.deepStrictEqual(
      steps.map((s) => [s.id, s.completionEvents]),
      WALKTHROUGH_STEPS.map((step) => [step, [completionEvent(step)]]),
    );
  });
});
