import { formatName } from '../x509/formatName';
import { isoOf } from '../text/isoDateTime';
import { ChecklistItem, evaluateChecklist } from './checklist';
import { resolveRotationEvidence } from './rotationEvidence';
import { RotationFacts } from './rotationFacts';
import { Rotation, RotationPatch } from './rotationRecord';

export function isChecklistComplete(items: readonly ChecklistItem[]): boolean {
  return items.length > 0 && items.every((item) => item.state === 'done');
}

/**
 * The patch that completes a rotation once every checklist item is done, or undefined while one is not (or it is
 * completed already). It archives the new certificate's facts with the date, so the record still says what
 * replaced the old certificate after the files have moved on.
 */
export function completionPatch(rotation: Rotation, facts: RotationFacts, now: Date): RotationPatch | undefined {
  if (rotation.completedAt !== undefined) return undefined;
  if (!isChecklistComplete(evaluateChecklist(rotation, facts, now))) return undefined;
  const certificate = resolveRotationEvidence(rotation, facts).newCertificate;
  const fingerprintSha256 = certificate?.fingerprintSha256 ?? rotation.new?.fingerprintSha256;
  // The register item cannot be done without the new certificate's fingerprint; this only guards the type.
  if (fingerprintSha256 === undefined) return undefined;
  return {
    completedAt: isoOf(now),
    new: {
      fingerprintSha256,
      ...(certificate
        ? {
            serialNumber: certificate.serialNumber,
            subject: formatName(certificate.subject),
            notAfter: certificate.notAfter,
          }
        : {}),
    },
  };
}
