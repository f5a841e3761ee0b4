import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { BUILT_IN_COMMAND_IDS, COMMAND_IDS } from '../../../src/vscode/commandIds';

interface Manifest {
  contributes: {
    commands: Array<{ command: string }>;
    menus: Record<string, Array<{ command: string }>>;
    viewsWelcome: Array<{ contents: string }>;
    walkthroughs: Array<{ steps: Array<{ description: string; completionEvents?: string[] }> }>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8')) as Manifest;
const ours = new Set<string>(Object.values(COMMAND_IDS));
const known = new Set<string>([...ours, ...Object.values(BUILT_IN_COMMAND_IDS)]);

/** `[Refresh](command:mtlsRotation.refresh)` and `command:workbench.action.openSettings?%5B…` name a command each. */
function linkedCommands(markdown: string): string[] {
  return [...markdown.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
}

describe('command ids', () => {
  it('contributes exactly the commands of the list', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.deepStrictEqual([...contributed].sort(), [...ours].sort());
    assert.strictEqual(new Set(contributed).size, contributed.length, 'a command is contributed twice');
  });

  it('names only known commands in menus', () => {
    const unknown = Object.entries(manifest.contributes.menus)
      .flatMap(([menu, items]) => items.map((item) => `${menu}: ${item.command}`))
      .filter((entry) => !ours.has(entry.slice(entry.indexOf(': ') + 2)));
    assert.deepStrictEqual(unknown, []);
  });

  it("links only known commands from the views' welcome content and the walkthrough", () => {
    const linked = [
      ...manifest.contributes.viewsWelcome.flatMap((w) => linkedCommands(w.contents)),
      ...manifest.contributes.walkthroughs.flatMap((w) =>
        w.steps.flatMap((s) => [
          ...linkedCommands(s.description),
          ...(s.completionEvents ?? [])
            .filter((e) => e.startsWith('onCommand:'))
            .map((e) => e.slice('onCommand:'.length)),
        ]),
      ),
    ];
    assert.ok(linked.length > 0);
    assert.deepStrictEqual(
      linked.filter((id) => !known.has(id)),
      [],
    );
  });
});
