import * as assert from 'assert';
import { dispose } from '../../../src/vscode/disposable';

describe('dispose', () => {
  it('disposes every child, newest first, even when some throw, then throws their errors together', () => {
    const disposed: string[] = [];
    const children = [
      { dispose: () => disposed.push('first') },
      {
        dispose: () => {
          throw new Error('second failed');
        },
      },
      { dispose: () => disposed.push('third') },
      {
        dispose: () => {
          throw new Error('fourth failed');
        },
      },
    ];
    assert.throws(
      () => dispose(children),
      (error: unknown) => {
        assert.ok(error instanceof AggregateError);
        assert.deepStrictEqual(
          error.errors.map((e: Error) => e.message),
          ['fourth failed', 'second failed'],
        );
        return true;
      },
    );
    assert.deepStrictEqual(disposed, ['third', 'first']);
    assert.strictEqual(children.length, 0);
  });

  it('throws nothing when every child disposes', () => {
    const children = [{ dispose: () => undefined }];
    dispose(children);
    assert.strictEqual(children.length, 0);
  });
});
