import { TestCallResult } from './testCallResult';

/** What to offer after a test call, beside Show Report / Retry / Copy curl. */
export type NextStepAfterCall = 'find-references' | 'set-api-key' | 'copy-support-ticket';

/** True when the call failed because the client certificate has expired (read locally, or the server's alert). */
export function failedBecauseExpired(result: Pick<TestCallResult, 'outcome' | 'clientCertificate' | 'tls'>): boolean {
  if (result.outcome === 'ok') return false;
  return result.clientCertificate?.expired === true || /certificate expired/i.test(result.tls?.alert ?? '');
}

/**
 * The guide's next step after a call: a 200 with the new certificate means the services can switch, so find where
 * the old one is referenced (only within a rotation, which knows the old one); a 401 means the API key is wrong or
 * missing; an expired certificate can only be recovered through a priority-1 ticket.
 */
export function nextStepAfterCall(
  result: Pick<TestCallResult, 'outcome' | 'status' | 'clientCertificate' | 'tls'>,
  context: { inRotation: boolean },
): NextStepAfterCall | undefined {
  if (failedBecauseExpired(result)) return 'copy-support-ticket';
  if (result.outcome === 'ok') return context.inRotation ? 'find-references' : undefined;
  if (result.outcome === 'unauthorized' || result.status === 401) return 'set-api-key';
  return undefined;
}
