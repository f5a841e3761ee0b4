// The VS Code builds the integration tests run against: the minimum that `engines.vscode` allows, and the newest
// one known to work offline here. Each comes from the npm package `code-server`, whose `lib/vscode` is a built
// VS Code server (see "How the tests run" in the README).

export interface Target {
  /** VS Code version, as reported by `vscode.version` in the extension host. */
  vscode: string;
  /** Version of the npm package `code-server` that carries this VS Code. */
  codeServer: string;
  /** The Node the server runs on: this process's own Node, or an npm package carrying a Node binary. */
  node: { kind: 'self' } | { kind: 'npm'; major: number };
}

export const TARGETS: readonly Target[] = [
  // code-server 4.100.3 declares `engines.node` 20: the last VS Code that runs on the Node of this project.
  { vscode: '1.100.3', codeServer: '4.100.3', node: { kind: 'self' } },
  // code-server 4.133+ needs Node 24; it comes from the npm package `node-<platform>-<arch>@24`.
  { vscode: '1.139.1', codeServer: '4.139.1', node: { kind: 'npm', major: 24 } },
];

/**
 * Picks the targets named by `--only V[,V]` (repeatable) or by the environment variable `MTLS_HOST_TARGETS`
 * (comma-separated); a name matches the VS Code or the code-server version. No selection: all targets.
 */
export function selectTargets(only: string[], envValue: string | undefined): Target[] {
  const names = (only.length > 0 ? only : [envValue ?? ''])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.length === 0) return [...TARGETS];
  return names.map((name) => {
    const target = TARGETS.find((t) => t.vscode === name || t.codeServer === name);
    if (!target) {
      const known = TARGETS.map((t) => t.vscode).join(', ');
      throw new Error(`unknown host target "${name}"; known VS Code versions: ${known}`);
    }
    return target;
  });
}
