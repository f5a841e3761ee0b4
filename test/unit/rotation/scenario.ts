// The brief's rotation of "program-a", as plain inventory data at each stage.
import { InventoryItem } from '../../../src/core/model';
import { RotationFacts } from '../../../src/core/rotation/rotationFacts';
import { emptyRotationFile, Rotation, startRotation } from '../../../src/core/rotation/rotationRecord';
import { certificate, csr, key, ROOT } from './builders';

export const STARTED = new Date('2025-03-02T09:00:00.000Z');
export const NOW = new Date('2025-03-06T12:00:00.000Z');

export const oldCert = certificate('program-a');
export const oldKey = key(`${ROOT}/certs/program-a.key`, oldCert.publicKeySha256);
export const newCert = certificate('program-a-new', {
  notBefore: '2025-03-05T00:00:00.000Z',
  notAfter: '2025-06-03T00:00:00.000Z',
});
export const newKey = key(`${ROOT}/certs/program-a-new.key`, newCert.publicKeySha256);
export const newCsr = csr(`${ROOT}/certs/program-a-new.csr`, newCert.publicKeySha256);

export function rotation(): Rotation {
  return startRotation(emptyRotationFile(), oldCert, oldKey.path, STARTED, { workspaceRoot: ROOT }).rotation;
}

export function facts(inventory: InventoryItem[], more: Partial<RotationFacts> = {}): RotationFacts {
  return {
    inventory,
    csrComparisons: [],
    verifications: [],
    testCalls: [],
    oldReferences: undefined,
    register: undefined,
    workspaceRoot: ROOT,
    ...more,
  };
}

export const verified = {
  certificatePath: newCert.path,
  fingerprintSha256: newCert.fingerprintSha256,
  allOk: true,
  checks: [
    { name: 'chain', ok: true },
    { name: 'validity', ok: true },
    { name: 'key-match', ok: true },
  ],
};
export const okCall = {
  certificateFingerprint: newCert.fingerprintSha256,
  outcome: 'ok',
  status: 200,
  at: '2025-03-06T10:00:00.000Z',
};

/** Everything done up to the retirement: both certificates deployed, new one verified and tested. */
export function readyToRetire(more: Partial<RotationFacts> = {}): RotationFacts {
  return facts([oldCert, oldKey, newCert, newKey, newCsr], { verifications: [verified], testCalls: [okCall], ...more });
}
