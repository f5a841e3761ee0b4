/**
 * User settings of the test VS Code (written to `<user-data>/User/settings.json` before the server starts).
 * They quiet the workbench around the extension, for steady runs and clean screenshots; none concerns the
 * extension itself, whose settings the tests leave at their defaults.
 */
export const HOST_SETTINGS: Readonly<Record<string, unknown>> = {
  // The fixture workspace lies inside this repository (in .vscode-test/): no "open the parent repository?" toast.
  'git.openRepositoryInParentFolders': 'never',
  // Newer builds open the chat in the secondary side bar.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
};

/** For the Restricted Mode run: trust is on, and the folder opens untrusted without a question nobody can answer. */
export const RESTRICTED_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
};
