import * as assert from 'assert';
import { KeyedDelayer } from '../../../src/vscode/keyedDelayer';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedDelayer', () => {
  it('runs the last task of a burst once, per key', async () => {
    const delayer = new KeyedDelayer<string>(20);
    const ran: string[] = [];
    delayer.trigger('a', () => ran.push('a1'));
    delayer.trigger('a', () => ran.push('a2'));
    delayer.trigger('b', () => ran.push('b1'));
    await wait(50);
    assert.deepStrictEqual(ran.sort(), ['a2', 'b1']);
  });

  it('keeps a waiting task when asked to trigger only if idle, and flushes it on demand', async () => {
    const delayer = new KeyedDelayer<string>(1000);
    const ran: string[] = [];
    delayer.triggerIfIdle('k', () => ran.push('first'));
    delayer.triggerIfIdle('k', () => ran.push('second'));
    assert.strictEqual(delayer.isPending('k'), true);
    assert.strictEqual(delayer.flush('k'), true);
    assert.strictEqual(delayer.flush('k'), false);
    assert.deepStrictEqual(ran, ['first']);
  });

  it('runs nothing once cancelled or disposed', async () => {
    const delayer = new KeyedDelayer<string>(10);
    const ran: string[] = [];
    delayer.trigger('a', () => ran.push('a'));
    delayer.trigger('b', () => ran.push('b'));
    delayer.cancel('a');
    delayer.dispose();
    await wait(30);
    assert.deepStrictEqual(ran, []);
  });
});
