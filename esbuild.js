// Bundles the extension, the CLI and the webview pages; `vscode` stays external because the host provides it.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  // jsonc-parser's UMD build (its "main") loads its parts with a require esbuild cannot follow; its ES module
  // build bundles whole.
  mainFields: ['module', 'main'],
};

function webviewPages() {
  const fs = require('fs');
  return fs
    .readdirSync('src/webview', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(`src/webview/${entry.name}/main.ts`))
    .map((entry) => entry.name);
}

async function main() {
  const builds = [
    { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
    { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
    // Each page (src/webview/<page>/main.ts) runs in a webview's browser: an IIFE, so nothing leaks into the
    // page's globals.
    ...webviewPages().map((page) => ({
      ...common,
      platform: 'browser',
      target: 'es2022',
      format: 'iife',
      entryPoints: [`src/webview/${page}/main.ts`],
      outfile: `dist/webview/${page}.js`,
    })),
  ];
  if (watch) {
    for (const options of builds) {
      const context = await esbuild.context(options);
      await context.watch();
    }
    return;
  }
  await Promise.all(builds.map((options) => esbuild.build(options)));
  require('fs').chmodSync('dist/cli.js', 0o755);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
