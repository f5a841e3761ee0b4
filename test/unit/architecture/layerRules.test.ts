import * as assert from 'assert';
import * as path from 'path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../../../..');

/** Lints `code` as if it were the file at `file` (which need not exist), with the project's own config. */
async function ruleIds(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

const RESTRICTED = '@typescript-eslint/no-restricted-imports';

// The layer rules are lint patterns; these probes show that each boundary is really enforced, at any depth.
describe('layer rules (eslint)', function () {
  this.timeout(60_000);

  it('src/core may not import vscode, the adapter, the CLI or the webview', async () => {
    const probes: Array<[string, string]> = [
      ['src/core/probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n"],
      ['src/core/probe.ts', "import { readSettings } from '../vscode/settings';\nexport const x = readSettings;\n"],
      ['src/core/x509/probe.ts', "import type { Log } from '../../vscode/log';\nexport type X = Log;\n"],
      ['src/core/probe.ts', "import { main } from '../cli/main';\nexport const x = main;\n"],
      [
        'src/core/opensslConfig/probe.ts',
        "import { x } from '../../webview/configEditor/main';\nexport const y = x;\n",
      ],
    ];
    for (const [file, code] of probes) assert.ok((await ruleIds(file, code)).includes(RESTRICTED), `${file}: ${code}`);
  });

  it('src/cli may not import vscode, the adapter or the webview', async () => {
    assert.ok(
      (
        await ruleIds('src/cli/commands/probe.ts', "import { log } from '../../vscode/log';\nexport const x = log;\n")
      ).includes(RESTRICTED),
    );
    assert.ok(
      (await ruleIds('src/cli/probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n")).includes(
        RESTRICTED,
      ),
    );
  });

  it('src/webview may not import vscode, Node, or the core beyond types and its vocabulary', async () => {
    const page = 'src/webview/configEditor/probe.ts';
    assert.ok(
      (await ruleIds(page, "import * as vscode from 'vscode';\nexport const x = vscode;\n")).includes(RESTRICTED),
    );
    assert.ok((await ruleIds(page, "import * as fs from 'fs';\nexport const x = fs;\n")).includes(RESTRICTED));
    assert.ok(
      (
        await ruleIds(
          page,
          "import { parseOpensslConfig } from '../../core/opensslConfig/parseOpensslConfig';\nexport const x = parseOpensslConfig;\n",
        )
      ).includes(RESTRICTED),
    );
    assert.deepStrictEqual(
      await ruleIds(
        page,
        "import type { RequestForm } from '../../core/opensslConfig/requestForm';\nexport type X = RequestForm;\n",
      ),
      [],
    );
  });

  it('lets each layer import what lies below it', async () => {
    assert.deepStrictEqual(
      await ruleIds('src/core/x509/probe.ts', "import { CoreError } from '../errors';\nexport const x = CoreError;\n"),
      [],
    );
    assert.deepStrictEqual(
      await ruleIds('src/cli/probe.ts', "import { CoreError } from '../core/errors';\nexport const x = CoreError;\n"),
      [],
    );
    assert.deepStrictEqual(
      await ruleIds(
        'src/vscode/probe.ts',
        "import * as vscode from 'vscode';\nimport { CoreError } from '../core/errors';\nexport const x = [vscode, CoreError];\n",
      ),
      [],
    );
  });
});
