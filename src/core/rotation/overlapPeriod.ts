import { DAY_MS } from '../expiry';
import { RotationFacts } from './rotationFacts';
import { resolveRotationEvidence } from './rotationEvidence';
import { Rotation } from './rotationRecord';

export interface OverlapCertificate {
  fingerprintSha256: string;
  notAfter: string;
  /** floor((notAfter − now) / 1 day), negative once expired. */
  daysLeft: number;
  expired: boolean;
}

export interface OverlapPeriod {
  old: OverlapCertificate;
  new?: OverlapCertificate;
  /** The hard deadline for retiring the old key. */
  deadline: {
    at: string;
    daysLeft: number;
    passed: boolean;
    /** A chosen deadline never outlives the old certificate: past its expiry the old key is no rollback path. */
    source: 'overlap-deadline' | 'old-certificate-expiry';
  };
  /** Both certificates are valid now: the window in which rolling back is still possible. */
  active: boolean;
}

function daysLeft(iso: string, now: Date): number {
  return Math.floor((Date.parse(iso) - now.getTime()) / DAY_MS);
}

function describe(fingerprintSha256: string, notAfter: string, now: Date): OverlapCertificate {
  return {
    fingerprintSha256,
    notAfter,
    daysLeft: daysLeft(notAfter, now),
    expired: now.getTime() >= Date.parse(notAfter),
  };
}

export function overlapPeriod(rotation: Rotation, facts: RotationFacts, now: Date): OverlapPeriod {
  const evidence = resolveRotationEvidence(rotation, facts);
  const old = describe(rotation.old.fingerprintSha256, rotation.old.notAfter, now);
  const fresh =
    evidence.newCertificate &&
    describe(evidence.newCertificate.fingerprintSha256, evidence.newCertificate.notAfter, now);
  const chosen = rotation.overlapDeadline;
  const useChosen = chosen !== undefined && Date.parse(chosen) < Date.parse(rotation.old.notAfter);
  const at = useChosen ? chosen : rotation.old.notAfter;
  const newValidNow =
    evidence.newCertificate !== undefined &&
    !fresh?.expired &&
    Date.parse(evidence.newCertificate.notBefore) <= now.getTime();
  return {
    old,
    ...(fresh ? { new: fresh } : {}),
    deadline: {
      at,
      daysLeft: daysLeft(at, now),
      passed: now.getTime() >= Date.parse(at),
      source: useChosen ? 'overlap-deadline' : 'old-certificate-expiry',
    },
    active: !old.expired && newValidNow && rotation.retiredAt === undefined,
  };
}
