// No vscode import: the manifest test reads this list in plain Node.

/**
 * Every command the extension registers or runs by id, so that a typo is a type error and the manifest test can
 * hold package.json and the code to the same list.
 */
export const COMMAND_IDS = {
  refresh: 'mtlsRotation.refresh',
  showInventory: 'mtlsRotation.showInventory',
  openFile: 'mtlsRotation.openFile',
  showCertificate: 'mtlsRotation.showCertificate',
  openRawCertificate: 'mtlsRotation.openRawCertificate',
  revealInExplorer: 'mtlsRotation.revealInExplorer',
  copyFingerprint: 'mtlsRotation.copyFingerprint',
  copySubject: 'mtlsRotation.copySubject',
  openConfigEditor: 'mtlsRotation.openConfigEditor',
  newConfigFromCertificate: 'mtlsRotation.newConfigFromCertificate',
  generateKeyAndCsr: 'mtlsRotation.generateKeyAndCsr',
  compareWithCertificate: 'mtlsRotation.compareWithCertificate',
  showComparison: 'mtlsRotation.showComparison',
  verifyCertificate: 'mtlsRotation.verifyCertificate',
  runTestCall: 'mtlsRotation.runTestCall',
  setApiKey: 'mtlsRotation.setApiKey',
  clearApiKey: 'mtlsRotation.clearApiKey',
  startRotation: 'mtlsRotation.startRotation',
  tickChecklistItem: 'mtlsRotation.tickChecklistItem',
  findOldReferences: 'mtlsRotation.findOldReferences',
  retireOldKey: 'mtlsRotation.retireOldKey',
  updateRegister: 'mtlsRotation.updateRegister',
  exportRegister: 'mtlsRotation.exportRegister',
  copySupportTicket: 'mtlsRotation.copySupportTicket',
  refreshStores: 'mtlsRotation.refreshStores',
  setRotationStore: 'mtlsRotation.setRotationStore',
  deployToStore: 'mtlsRotation.deployToStore',
  testCallStagedPair: 'mtlsRotation.testCallStagedPair',
  switchStoreToNew: 'mtlsRotation.switchStoreToNew',
  rollBackStore: 'mtlsRotation.rollBackStore',
  retireOldKeyInStore: 'mtlsRotation.retireOldKeyInStore',
  openRotationPanel: 'mtlsRotation.openRotationPanel',
  showTestCallReport: 'mtlsRotation.showTestCallReport',
  showReminders: 'mtlsRotation.showReminders',
  replaceOldReferences: 'mtlsRotation.replaceOldReferences',
  clearReferences: 'mtlsRotation.clearReferences',
} as const;

export type CommandId = (typeof COMMAND_IDS)[keyof typeof COMMAND_IDS];

/** Commands VS Code itself provides, run by id from the adapter or linked from the manifest. */
export const BUILT_IN_COMMAND_IDS = {
  setContext: 'setContext',
  openWith: 'vscode.openWith',
  focusInventory: 'mtlsRotation.inventory.focus',
  focusRotations: 'mtlsRotation.rotations.focus',
  revealInExplorer: 'revealInExplorer',
  open: 'vscode.open',
  manageTrust: 'workbench.trust.manage',
  openSettings: 'workbench.action.openSettings',
  openFolder: 'workbench.action.files.openFolder',
  openWalkthrough: 'workbench.action.openWalkthrough',
  triggerSuggest: 'editor.action.triggerSuggest',
  focusReferences: 'mtlsRotation.references.focus',
  revealFileInOS: 'revealFileInOS',
} as const;

export type BuiltInCommandId = (typeof BUILT_IN_COMMAND_IDS)[keyof typeof BUILT_IN_COMMAND_IDS];
