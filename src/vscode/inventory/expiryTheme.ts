import { ExpiryStatus } from '../../core/model';

/** Colour ids contributed in package.json, so themes can restyle them. */
export function expiryColor(status: ExpiryStatus): string {
  if (status === 'expired') return 'mtlsRotation.expiredForeground';
  if (status === 'ok') return 'mtlsRotation.okForeground';
  return urgency(status) <= 5 ? 'mtlsRotation.urgentForeground' : 'mtlsRotation.dueForeground';
}

export function expiryIcon(status: ExpiryStatus): string {
  if (status === 'expired') return 'error';
  if (status === 'ok') return 'verified';
  return urgency(status) <= 5 ? 'flame' : 'warning';
}

/** The reminder day a `due-N` status stands for. */
function urgency(status: ExpiryStatus): number {
  const days = Number(status.slice('due-'.length));
  return Number.isFinite(days) ? days : Infinity;
}

export function isDueOrExpired(status: ExpiryStatus): boolean {
  return status !== 'ok';
}
