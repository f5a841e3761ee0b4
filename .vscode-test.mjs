// @vscode/test-cli configuration (`npm run test:electron`): the same integration tests as
// `npm run test:integration`, in desktop VS Code that test-cli downloads (this needs access to
// update.code.visualstudio.com; offline, use `npm run test:integration`, see test/host/runOffline.ts).
// Runs against the minimum VS Code that package.json's engines.vscode allows and the current stable.
import { defineConfig } from '@vscode/test-cli';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const compiled = path.join(root, 'out', 'test', 'integration', 'prepareWorkspace.js');
if (!fs.existsSync(compiled)) {
  throw new Error(`${compiled} is missing: run \`npm run compile-tests\` first (npm run test:electron does)`);
}
const { prepareWorkspace } = createRequire(import.meta.url)(compiled);

// The fixture workspace the tests expect (certificates, keys, CSRs made by openssl), built afresh.
const workspace = prepareWorkspace(path.join(root, '.vscode-test', 'workspaces', 'electron', 'mtls-fixture'));

const common = {
  // The Restricted Mode suite needs an untrusted window, which test-cli does not open; test:integration runs it.
  files: 'out/test/integration/*.test.js',
  workspaceFolder: workspace,
  env: { MTLS_ROTATION_FIXTURE: workspace },
  // Only the extension under development: no other extension from the download's defaults interferes.
  launchArgs: ['--disable-extensions'],
  mocha: { ui: 'bdd', timeout: 30_000 },
};

export default defineConfig([
  { ...common, label: 'minimum', version: '1.100.0' },
  { ...common, label: 'stable', version: 'stable' },
]);
