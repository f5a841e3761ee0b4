import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers, as import rules (the lesson of gitkraken/vscode-gitlens): a file may import only from its own layer and
// the ones below it. Patterns are matched against the import's text, so relative paths are listed by depth.
const up = (folder) => ['', '../', '../../', '../../../', '../../../../'].map((prefix) => `${prefix}../${folder}`);
const layer = (message, folders, extraPaths = []) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: extraPaths,
      patterns: folders.map((folder) => ({ group: [...up(folder), ...up(folder).map((p) => `${p}/**`)], message })),
    },
  ],
});
const vscodeModule = { name: 'vscode', message: 'Only src/vscode talks to VS Code.' };

// The pages run in the webview's browser and are bundled for it: no VS Code API, no Node, and of the core only
// types and the two modules written to be bundled there (the form's vocabulary and its message protocol).
const webviewBoundary = {
  'no-restricted-imports': 'off',
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'vscode', message: 'A webview page has no vscode module: send a message to the adapter instead.' },
        ...builtinModules
          .filter((name) => !name.startsWith('_'))
          .map((name) => ({ name, message: 'A webview page runs in a browser: no Node built-ins.' })),
      ],
      patterns: [
        { group: ['node:*'], message: 'A webview page runs in a browser: no Node built-ins.' },
        {
          regex: '(^|/)core/(?!opensslConfig/(requestFormVocabulary|configEditorProtocol)$)',
          allowTypeImports: true,
          message:
            'A webview page imports only types from src/core, besides the dependency-free vocabulary and protocol modules.',
        },
      ],
    },
  ],
};

// What the pages may import at run time imports nothing itself, so the bundle never pulls in the core.
const dependencyFree = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          regex: '.',
          allowTypeImports: true,
          message: 'This module is bundled into the webview pages: type imports only.',
        },
      ],
    },
  ],
};

// The page's globals (acquireVsCodeApi comes from @types/vscode-webview).
const browserGlobals = Object.fromEntries(
  [
    'window',
    'document',
    'CSS',
    'HTMLElement',
    'HTMLInputElement',
    'HTMLSelectElement',
    'Element',
    'Node',
    'Event',
    'InputEvent',
    'KeyboardEvent',
    'MessageEvent',
    'setTimeout',
    'clearTimeout',
    'acquireVsCodeApi',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', 'esbuild.js'] },
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
    rules: layer(
      'src/core is plain TypeScript: it imports nothing from the adapter, the CLI or the webview.',
      ['vscode', 'cli', 'webview', 'extension'],
      [vscodeModule],
    ),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: layer(
      'src/cli stands on src/core alone: no adapter, no webview.',
      ['vscode', 'webview', 'extension'],
      [vscodeModule],
    ),
  },
  { files: ['src/webview/**/*.ts'], languageOptions: { globals: browserGlobals }, rules: webviewBoundary },
  {
    files: [
      'src/core/opensslConfig/requestFormVocabulary.ts',
      'src/core/opensslConfig/requestForm.ts',
      'src/core/opensslConfig/configEditorProtocol.ts',
    ],
    // Stricter than the core's rule, which it replaces for these files: type imports only.
    rules: dependencyFree,
  },
);
