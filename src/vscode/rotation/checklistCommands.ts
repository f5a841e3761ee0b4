import { ChecklistAction } from '../../core/rotation/checklist';
import { COMMAND_IDS, CommandId } from '../commandIds';

// No vscode import: the checklist's unit test checks this mapping in plain Node.

/** The command that performs each kind of checklist step. */
export const CHECKLIST_COMMANDS: Readonly<Record<ChecklistAction, CommandId>> = {
  tick: COMMAND_IDS.tickChecklistItem,
  generate: COMMAND_IDS.generateKeyAndCsr,
  compare: COMMAND_IDS.compareWithCertificate,
  verify: COMMAND_IDS.verifyCertificate,
  'test-call': COMMAND_IDS.runTestCall,
  'find-references': COMMAND_IDS.findOldReferences,
  retire: COMMAND_IDS.retireOldKey,
  'update-register': COMMAND_IDS.updateRegister,
  deploy: COMMAND_IDS.deployToStore,
  promote: COMMAND_IDS.switchStoreToNew,
  'test-call-store': COMMAND_IDS.testCallStagedPair,
};

/** The rotation's own commands need to know which rotation; the others ask what they need. */
export const ROTATION_OWN_ACTIONS: ReadonlySet<ChecklistAction> = new Set<ChecklistAction>([
  'find-references',
  'retire',
  'update-register',
  'deploy',
  'promote',
  'test-call-store',
]);
