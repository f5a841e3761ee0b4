// The webview is another process and its messages are data from outside: they are checked against the protocol
// (src/core/rotation/rotationPanelProtocol.ts) before anything uses them.
import type { ChecklistItemId } from '../../core/rotation/checklist';
import { CHECKLIST_LABELS } from '../../core/rotation/checklist';
import type { RotationPanelRequest } from '../../core/rotation/rotationPanelProtocol';

function isItemId(value: unknown): value is ChecklistItemId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CHECKLIST_LABELS, value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** The message, when it is one the page may send; undefined otherwise. */
export function parseRotationPanelRequest(value: unknown): RotationPanelRequest | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'tick':
      return isItemId(message.itemId) && typeof message.ticked === 'boolean'
        ? { type: 'tick', itemId: message.itemId, ticked: message.ticked }
        : undefined;
    case 'run':
    case 'next-step':
      return isItemId(message.itemId) ? { type: message.type, itemId: message.itemId } : undefined;
    case 'rendered': {
      const items = message.items;
      if (!isStringList(message.marks) || typeof message.next !== 'string' || !Array.isArray(items)) return undefined;
      const rows = items.filter(
        (i): i is { id: string; state: string; source: string } =>
          !!i &&
          typeof i === 'object' &&
          ['id', 'state', 'source'].every((k) => typeof (i as Record<string, unknown>)[k] === 'string'),
      );
      return { type: 'rendered', marks: message.marks, items: rows, next: message.next };
    }
    default:
      return undefined;
  }
}
