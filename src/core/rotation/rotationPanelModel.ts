import { ChecklistItem, ChecklistItemId } from './checklist';
import { ACTION_LABELS, nextStep } from './nextStep';
import { OverlapPeriod } from './overlapPeriod';
import { resolveRotationEvidence } from './rotationEvidence';
import { RotationFacts } from './rotationFacts';
import { rotationLabel } from './rotationLabel';
import { EvidenceOrigin, PanelChecklistItem, RotationPanelModel } from './rotationPanelProtocol';
import { Rotation } from './rotationRecord';
import { layoutTimeline, relativeDay, TimelineDates, timelineDate } from './rotationTimeline';

/** What each detected step is read from; a rotation with a store reads deployment and retirement there. */
function originOf(id: ChecklistItemId, store: boolean): EvidenceOrigin | undefined {
  switch (id) {
    case 'key-generated':
    case 'csr-created':
      return 'workspace files';
    case 'csr-verified':
      return 'CSR comparison';
    case 'certificate-validated':
      return 'verification';
    case 'test-call':
      return 'test call';
    case 'deployed-alongside':
    case 'old-key-removed':
      return store ? 'secrets store' : 'workspace files';
    case 'services-updated':
      return store ? 'secrets store' : 'reference search';
    case 'register-updated':
      return 'certificate register';
    default:
      return undefined;
  }
}

/** The dates the timeline shows, from the record and what the workspace holds now. */
export function timelineDates(
  rotation: Rotation,
  facts: RotationFacts,
  overlap: OverlapPeriod,
  now: Date,
  reminderDays: readonly number[],
): TimelineDates {
  const evidence = resolveRotationEvidence(rotation, facts);
  const old = evidence.oldCertificate ?? facts.store?.oldCertificate;
  const fresh = evidence.newCertificate;
  const newNotAfter = fresh?.notAfter ?? rotation.new?.notAfter;
  return {
    now: now.toISOString(),
    startedAt: rotation.startedAt,
    old: { ...(old ? { notBefore: old.notBefore } : {}), notAfter: rotation.old.notAfter },
    ...(newNotAfter === undefined
      ? {}
      : { new: { ...(fresh ? { notBefore: fresh.notBefore } : {}), notAfter: newNotAfter } }),
    reminderDays,
    deadline: { at: overlap.deadline.at, source: overlap.deadline.source },
    ...(rotation.retiredAt ? { retiredAt: rotation.retiredAt } : {}),
    ...(rotation.completedAt ? { completedAt: rotation.completedAt } : {}),
  };
}

/** Everything the panel shows of one rotation, as plain data for the page. */
export function rotationPanelModel(
  rotation: Rotation,
  items: readonly ChecklistItem[],
  facts: RotationFacts,
  overlap: OverlapPeriod,
  now: Date,
  options: { reminderDays: readonly number[]; trusted: boolean },
): RotationPanelModel {
  const completed = rotation.completedAt !== undefined;
  const readOnly = completed || !options.trusted;
  const store = rotation.store !== undefined;
  const checklist = items.map((item): PanelChecklistItem => {
    const origin = item.source === 'evidence' ? originOf(item.id, store) : undefined;
    const note = item.state === 'done' ? item.evidence : item.detail;
    const runnable = !readOnly && item.source === 'evidence' && item.state === 'todo' && item.action !== undefined;
    return {
      id: item.id,
      label: item.label,
      state: item.state,
      source: item.source,
      ...(note === undefined ? {} : { note }),
      ...(origin === undefined ? {} : { origin }),
      tickable: !readOnly && item.source === 'manual' && item.state !== 'blocked',
      ...(runnable && item.action ? { action: { action: item.action, label: ACTION_LABELS[item.action] } } : {}),
    };
  });
  const done = items.filter((i) => i.state === 'done').length;
  const deadline = overlap.deadline;
  return {
    rotationId: rotation.id,
    title: `Rotation of ${rotationLabel(rotation.old.subject)}`,
    subject: rotation.old.subject,
    certificatePath: rotation.old.certificatePath,
    ...(rotation.store === undefined ? {} : { store: rotation.store }),
    status: rotation.completedAt
      ? `Started ${timelineDate(rotation.startedAt)}, completed ${timelineDate(rotation.completedAt)}`
      : `Started ${timelineDate(rotation.startedAt)} (${relativeDay(rotation.startedAt, now.toISOString())})`,
    progress: `${done} of ${items.length} steps done`,
    deadline: rotation.retiredAt
      ? `Old key retired ${timelineDate(rotation.retiredAt)}`
      : deadline.passed
        ? `The retire deadline passed on ${timelineDate(deadline.at)} (${relativeDay(deadline.at, now.toISOString())})`
        : `Retire the old key by ${timelineDate(deadline.at)} (${relativeDay(deadline.at, now.toISOString())})`,
    deadlinePassed: deadline.passed && !rotation.retiredAt,
    completed,
    readOnly,
    timeline: layoutTimeline(timelineDates(rotation, facts, overlap, now, options.reminderDays)),
    checklist,
    nextStep: nextStep(items, rotation.completedAt),
  };
}
