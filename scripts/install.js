// Installs what `npm run package` built: the CLI on PATH (npm link) and the .vsix into every VS Code
// command found (code, code-insiders, codium, code-server). Says plainly what it could not do.
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);

if (!fs.existsSync(vsix) || !fs.existsSync(path.join(root, 'dist', 'cli.js'))) {
  console.error(`Nothing to install: run "npm run package" first (expected ${path.basename(vsix)} and dist/cli.js).`);
  process.exit(2);
}

execFileSync('npm', ['link', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
const which = spawnSync('sh', ['-c', 'command -v mtls-rotation'], { encoding: 'utf8' });
console.log(`CLI: ${which.stdout.trim() || "linked, but mtls-rotation is not on PATH (add npm's global bin folder)"}`);

let installed = 0;
for (const editor of ['code', 'code-insiders', 'codium', 'code-server']) {
  if (spawnSync('sh', ['-c', `command -v ${editor}`]).status !== 0) continue;
  const result = spawnSync(editor, ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
  if (result.status === 0) installed++;
}
console.log(
  installed > 0
    ? `Extension: ${path.basename(vsix)} installed.`
    : `Extension: no VS Code command found on PATH; install ${vsix} with "Extensions: Install from VSIX…".`,
);
