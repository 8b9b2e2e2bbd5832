/**
 * The stop-payment API as the client calls it: request, list, answer, renew, freeze, release,
 * and the money a case, a ring or the centre lost, secured and may still stop.
 */
import { api } from '../api';
import type {
  MoneySummary,
  StopPage,
  StopReceipt,
  StopRequest,
} from '../../../server/contract/freeze';
import { batches, stopsQuery, type StopFilter, type StopRequestBody } from './model';

function stopPath(id: string, action = ''): string {
  return `/stops/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
}

export function requestStop(body: StopRequestBody): Promise<StopReceipt> {
  return api<StopReceipt>('POST', '/stops', body);
}

export function listStops(options: {
  status?: StopFilter;
  accounts?: readonly string[];
  caseId?: string;
  since?: number;
  limit?: number;
}): Promise<StopPage> {
  return api<StopPage>('GET', stopsQuery(options));
}

/**
 * Every stop (of the given status) on these accounts, asked in batches of at most 100 accounts,
 * one after another (a large canvas does not flood the server).
 */
export async function stopsOnAccounts(
  accounts: readonly string[],
  status: StopFilter = 'all',
): Promise<StopRequest[]> {
  const stops: StopRequest[] = [];
  for (const batch of batches([...new Set(accounts)])) {
    stops.push(...(await listStops({ status, accounts: batch, limit: 500 })).stops);
  }
  return stops;
}

/** The bank's answer. */
export type StopAnswerBody =
  | { outcome: 'held'; heldMinor: number; bankReference: string }
  | { outcome: 'empty'; bankReference?: string }
  | { outcome: 'refused'; reason: string };

export function answerStop(id: string, body: StopAnswerBody): Promise<StopRequest> {
  return api<StopRequest>('POST', stopPath(id, 'answer'), body);
}

export function renewHold(id: string): Promise<StopRequest> {
  return api<StopRequest>('POST', stopPath(id, 'renew'), {});
}

export function freezeHold(id: string, legalBasis: string): Promise<StopRequest> {
  return api<StopRequest>('POST', stopPath(id, 'freeze'), { legalBasis });
}

export function releaseStop(id: string, reason: string): Promise<StopRequest> {
  return api<StopRequest>('POST', stopPath(id, 'release'), { reason });
}

export function moneySummary(
  scope: { case: string } | { ring: string } | { days: number },
): Promise<MoneySummary> {
  const query = new URLSearchParams();
  if ('case' in scope) query.set('case', scope.case);
  else if ('ring' in scope) query.set('ring', scope.ring);
  else query.set('days', String(scope.days));
  return api<MoneySummary>('GET', `/money?${query.toString()}`);
}
