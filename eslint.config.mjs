import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers, as import rules (the lesson of gitkraken/vscode-gitlens): a file may import only from its own layer and
// the ones below it. Patterns are matched against the import's text, so relative paths are listed by depth.
const up = (folder) => ['', '../', '../../', '../../../', '../../../../'].map((prefix) => `${prefix}../${folder}`);
const layer = (message, folders, extraPaths = []) => ({
  '@typescript-eslint/no-restricted-imports': ['error', {
    paths: extraPaths,
    patterns: folders.map((folder) => ({ group: [...up(folder), ...up(folder).map((p) => `${p}/**`)], message })),
  }],
});
const vscodeModule = { name: 'vscode', message: 'Only src/vscode talks to VS Code.' };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', 'media/**/*.js', 'esbuild.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: layer('src/core is plain TypeScript: it imports nothing from the adapter, the CLI or the webview.', ['vscode', 'cli', 'webview', 'extension'], [vscodeModule]),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: layer('src/cli stands on src/core alone: no adapter, no webview.', ['vscode', 'webview', 'extension'], [vscodeModule]),
  },
);
