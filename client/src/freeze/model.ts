/**
 * Stop-payment requests in the client, pure: who may do what, the words for a stop's state, time
 * left on a hold, which stop of an account to show, the money a trace's holds secured, the order
 * of the bank's list, merging changes in, and the request body checked before it is sent. No DOM.
 */
import type {
  StopPage,
  StopRequest,
  StopStatus,
  StopOrigin,
} from '../../../server/contract/freeze';
import { formatMinor, formatTime } from '../alerts/model';

/** The permissions the stop views need (the server checks every one of them again). */
export interface StopAccess {
  /** Ask banks to hold money (investigators, supervisors). */
  request: boolean;
  /** See stops and act on holds: renew, freeze, release (police). */
  read: boolean;
  /** Answer one's own bank's requests (a bank partner's commissioner). */
  answer: boolean;
}

export function stopAccess(permissions: readonly string[]): StopAccess {
  return {
    request: permissions.includes('stops:request'),
    read: permissions.includes('stops:read'),
    answer: permissions.includes('stops:answer'),
  };
}

export const STOP_STATUS_LABEL: Readonly<Record<StopStatus, string>> = {
  requested: 'Requested',
  held: 'Held',
  empty: 'Account empty',
  refused: 'Refused',
  frozen: 'Frozen',
  lapsed: 'Lapsed',
  released: 'Released',
};

export const STOP_ORIGIN_LABEL: Readonly<Record<StopOrigin, string>> = {
  alert: 'from an alert',
  trace: 'from a money-flow trace',
  account: 'from an account',
  policy: 'by the centre’s policy',
};

/** The list filters of the stops page: `active` is requested, held and frozen together. */
export type StopFilter = 'active' | 'all' | StopStatus;

export const STOP_FILTERS: readonly { value: StopFilter; label: string }[] = [
  { value: 'active', label: 'Active (requested, held, frozen)' },
  { value: 'requested', label: 'Waiting for the bank' },
  { value: 'held', label: 'Held' },
  { value: 'frozen', label: 'Frozen' },
  { value: 'empty', label: 'Account empty' },
  { value: 'refused', label: 'Refused' },
  { value: 'lapsed', label: 'Lapsed' },
  { value: 'released', label: 'Released' },
  { value: 'all', label: 'All' },
];

const ACTIVE: ReadonlySet<StopStatus> = new Set(['requested', 'held', 'frozen']);

/** Whether a stop is still open: asked and not answered, or holding money. */
export function isActive(stop: Pick<StopRequest, 'status'>): boolean {
  return ACTIVE.has(stop.status);
}

/** Whether a stop holds money now (held or frozen). */
export function isHolding(stop: Pick<StopRequest, 'status'>): boolean {
  return stop.status === 'held' || stop.status === 'frozen';
}

/** Whether a stop matches a list filter (a stop that changed may leave the list). */
export function matchesStopFilter(stop: Pick<StopRequest, 'status'>, filter: StopFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'active') return isActive(stop);
  return stop.status === filter;
}

/** A hold ending within this time is shown as ending soon (when the centre is warned, too). */
export const ENDING_SOON_MS = 6 * 3600_000;

/** A length of time in words: `2 days 3 h`, `5 h 12 min`, `7 min`, `under a minute`. */
export function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} days ${hours % 24} h` : `${days} days`;
}

/** Time left on a hold: null without an end; `ended` once past it. */
export function timeLeft(
  stop: Pick<StopRequest, 'status' | 'holdUntil'>,
  now: number,
): { text: string; endingSoon: boolean } | null {
  if (stop.status !== 'held' || !stop.holdUntil) return null;
  const left = Date.parse(stop.holdUntil) - now;
  if (!Number.isFinite(left)) return null;
  if (left <= 0) return { text: 'hold ended', endingSoon: true };
  return { text: `${duration(left)} left`, endingSoon: left <= ENDING_SOON_MS };
}

/** How long the bank has left a request unanswered, or null once answered. */
export function waiting(
  stop: Pick<StopRequest, 'status' | 'requestedAt'>,
  now: number,
): string | null {
  if (stop.status !== 'requested') return null;
  const since = now - Date.parse(stop.requestedAt);
  return Number.isFinite(since) ? duration(Math.max(0, since)) : null;
}

/** Which stop of an account a view shows: frozen, held, requested, then the newest of the rest. */
const SHOW_RANK: Readonly<Record<StopStatus, number>> = {
  frozen: 0,
  held: 1,
  requested: 2,
  empty: 3,
  refused: 3,
  lapsed: 3,
  released: 3,
};

/** Orders stops newest request first (then by id, so the order is stable). */
function newestFirst(a: StopRequest, b: StopRequest): number {
  const byTime = Date.parse(b.requestedAt) - Date.parse(a.requestedAt);
  if (byTime !== 0 && Number.isFinite(byTime)) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The stop to show for each account (see `SHOW_RANK`). */
export function stopByAccount(stops: readonly StopRequest[]): Map<string, StopRequest> {
  const shown = new Map<string, StopRequest>();
  for (const stop of [...stops].sort(newestFirst)) {
    const current = shown.get(stop.account.id);
    if (!current || SHOW_RANK[stop.status] < SHOW_RANK[current.status]) {
      shown.set(stop.account.id, stop);
    }
  }
  return shown;
}

/**
 * The victims' money that holds on these stops secured, from one victim transfer (or from all
 * when `transferId` is omitted): only stops held or frozen count.
 */
export function securedMinor(stops: readonly StopRequest[], transferId?: string): number {
  let total = 0;
  for (const stop of stops) {
    if (!isHolding(stop)) continue;
    if (transferId === undefined) total += stop.securedMinor;
    else {
      for (const line of stop.secured)
        if (line.transferId === transferId) total += line.amountMinor;
    }
  }
  return total;
}

/** The case a transfer's money was reported under, as the holds' secured lines name it. */
export function caseOfTransfer(stops: readonly StopRequest[], transferId: string): string | null {
  for (const stop of stops) {
    for (const line of stop.secured)
      if (line.transferId === transferId && line.caseId) return line.caseId;
    if (stop.caseId && stop.transfers.includes(transferId)) return stop.caseId;
  }
  return null;
}

/** The bank's list: requests waiting for an answer first, then the newest first. */
export function bankOrder(stops: readonly StopRequest[]): StopRequest[] {
  return [...stops].sort((a, b) => {
    const waitingFirst = Number(b.status === 'requested') - Number(a.status === 'requested');
    return waitingFirst || newestFirst(a, b);
  });
}

/** The investigators' list: holds ending soonest first, then waiting ones, then the newest. */
export function investigatorOrder(stops: readonly StopRequest[]): StopRequest[] {
  const ends = (stop: StopRequest) =>
    stop.status === 'held' && stop.holdUntil ? Date.parse(stop.holdUntil) : Infinity;
  return [...stops].sort((a, b) => {
    const byEnd = ends(a) - ends(b);
    if (byEnd !== 0 && !Number.isNaN(byEnd)) return byEnd;
    return SHOW_RANK[a.status] - SHOW_RANK[b.status] || newestFirst(a, b);
  });
}

/**
 * Merges changed stops (a `since` page, or an action's answer) into a list: a newer version
 * (`seq`) replaces the old one, an older one is ignored, a stop no longer matching the filter
 * leaves the list unless its id is in `keep` (acted on here: it stays in view until a reload).
 */
export function mergeStops(
  list: readonly StopRequest[],
  changed: readonly StopRequest[],
  filter: StopFilter,
  keep: ReadonlySet<string> = new Set(),
): StopRequest[] {
  const byId = new Map(list.map((stop) => [stop.id, stop]));
  for (const stop of changed) {
    const current = byId.get(stop.id);
    if (current && current.seq >= stop.seq) continue;
    if (matchesStopFilter(stop, filter) || (current && keep.has(stop.id))) byId.set(stop.id, stop);
    else byId.delete(stop.id);
  }
  return [...byId.values()];
}

/** The highest `seq` seen: where polling with `since` resumes. */
export function latestStopSeq(page: Pick<StopPage, 'stops' | 'cursor'>, from = 0): number {
  return page.stops.reduce((max, stop) => Math.max(max, stop.seq), Math.max(from, page.cursor));
}

/** The `GET /api/stops` query for a filter and options. */
export function stopsQuery(options: {
  status?: StopFilter;
  accounts?: readonly string[];
  caseId?: string;
  since?: number;
  limit?: number;
}): string {
  const query = new URLSearchParams();
  if (options.status) query.set('status', options.status);
  if (options.accounts?.length) query.set('accounts', options.accounts.join(','));
  if (options.caseId) query.set('case', options.caseId);
  if (options.since !== undefined) query.set('since', String(options.since));
  if (options.limit !== undefined) query.set('limit', String(options.limit));
  return `/stops?${query.toString()}`;
}

/** The most accounts one `GET /api/stops?accounts=` asks about (the list is at most 5,000 characters). */
export const ACCOUNT_BATCH = 100;

/** Splits a list into batches of at most `size`. */
export function batches<T>(items: readonly T[], size = ACCOUNT_BATCH): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}

/** Digits after the decimal point of a currency (2 when the browser does not know it). */
export function currencyDigits(currency: string): number {
  if (!/^[A-Z]{3}$/.test(currency)) return 2;
  try {
    const options = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions();
    return options.maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units as the text an amount field shows: `4000.00`. */
export function minorToInput(amountMinor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (amountMinor / 10 ** digits).toFixed(digits);
}

/**
 * An amount typed in major units (`4,000.50`, `4000`) as integer minor units, or null when it is
 * not a positive amount with at most the currency's decimals.
 */
export function parseAmount(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const clean = text.replace(/[\s,]/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(clean);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) && minor > 0 ? minor : null;
}

/** What `POST /api/stops` takes. */
export interface StopRequestBody {
  account: string;
  amountMinor: number;
  transfers: string[];
  legalBasis: string;
  origin: 'alert' | 'trace' | 'account';
  caseId?: string;
  alertId?: string;
}

/** A stop request as a form holds it, before it is checked. */
export interface StopDraft {
  account: string;
  currency: string;
  amountText: string;
  transfers: readonly string[];
  legalBasis: string;
  caseId: string;
  origin: StopRequestBody['origin'];
  alertId?: string;
  /** The most that may be asked (traced into the account), when known. */
  maxMinor?: number;
}

/** Checks a draft as the server will, so the user is told before sending; the body or why not. */
export function stopBody(draft: StopDraft): { body: StopRequestBody } | { problem: string } {
  const amountMinor = parseAmount(draft.amountText, draft.currency);
  if (!draft.account) return { problem: 'Name the account to stop.' };
  if (amountMinor === null) return { problem: 'Give the amount to hold, e.g. 4000.00.' };
  if (draft.maxMinor !== undefined && amountMinor > draft.maxMinor) {
    return {
      problem: `At most ${minorToInput(draft.maxMinor, draft.currency)} ${draft.currency} was traced into this account.`,
    };
  }
  if (draft.transfers.length === 0) return { problem: 'Choose the victim transfers it concerns.' };
  if (draft.transfers.length > 50) return { problem: 'At most 50 transfers a request.' };
  const legalBasis = draft.legalBasis.trim();
  if (!legalBasis) return { problem: 'Give the legal basis (the case number) the bank will read.' };
  if (legalBasis.length > 200) return { problem: 'The legal basis takes at most 200 characters.' };
  const body: StopRequestBody = {
    account: draft.account,
    amountMinor,
    transfers: [...new Set(draft.transfers)],
    legalBasis,
    origin: draft.origin,
  };
  if (draft.caseId.trim()) body.caseId = draft.caseId.trim();
  if (draft.alertId) body.alertId = draft.alertId;
  return { body };
}

/** The legal basis a request starts with: the case, else the alert, else nothing. */
export function defaultLegalBasis(caseId: string | null, alertId?: string | null): string {
  if (caseId) return `Case ${caseId}`;
  if (alertId) return `Ringtrace alert ${alertId}`;
  return '';
}

/** What an investigator can do with a stop now. */
export function holdActions(
  stop: Pick<StopRequest, 'status' | 'renewals'>,
): ('renew' | 'freeze' | 'release')[] {
  if (stop.status === 'held') {
    return stop.renewals < 1 ? ['renew', 'freeze', 'release'] : ['freeze', 'release'];
  }
  if (stop.status === 'frozen') return ['release'];
  return [];
}

/** How a stop's state reads in a list: the headline, its timing and a line of detail, its tone. */
export interface StopState {
  /** `Held 4,000.00 CNY`, `Frozen 4,000.00 CNY`, `Requested 4,000.00 CNY`, `Refused`. */
  headline: string;
  /** Time left on a hold, or how long the bank has left it unanswered; '' otherwise. */
  timing: string;
  /** The bank's reference, the refusal's reason, the freeze's basis, who released it. */
  detail: string;
  tone: 'secured' | 'waiting' | 'failed' | 'ended';
  endingSoon: boolean;
}

/** A stop's state in words, as of `now`. */
export function stopState(stop: StopRequest, now: number): StopState {
  const money = (minor: number | null) => formatMinor(minor ?? 0, stop.currency);
  const reference = stop.bankReference ? `bank ref. ${stop.bankReference}` : '';
  const words = (
    headline: string,
    tone: StopState['tone'],
    detail: string,
    timing = '',
    endingSoon = false,
  ): StopState => ({ headline, timing, detail, tone, endingSoon });
  switch (stop.status) {
    case 'requested':
      return words(
        `Requested ${money(stop.amountMinor)}`,
        'waiting',
        stop.escalated ? 'not answered in time: escalated to the centre' : '',
        `${stop.account.bank} has not answered: waiting ${waiting(stop, now) ?? ''}`,
      );
    case 'held': {
      const left = timeLeft(stop, now);
      return words(
        `Held ${money(stop.heldMinor)}`,
        'secured',
        [stop.renewals > 0 ? 'renewed once' : '', reference].filter(Boolean).join(' · '),
        left ? `${left.text} (until ${formatTime(stop.holdUntil)})` : '',
        left?.endingSoon ?? false,
      );
    }
    case 'frozen':
      return words(
        `Frozen ${money(stop.heldMinor)}`,
        'secured',
        [stop.freezeBasis ? `basis: ${stop.freezeBasis}` : '', reference]
          .filter(Boolean)
          .join(' · '),
      );
    case 'empty':
      return words(
        'Account empty',
        'failed',
        `${stop.account.bank} found nothing to hold${reference ? ` · ${reference}` : ''}`,
      );
    case 'refused':
      return words('Refused', 'failed', stop.refusalReason ?? '');
    case 'lapsed':
      return words(
        'Lapsed',
        'ended',
        `the hold ended ${formatTime(stop.lapsedAt)} without renewal or freeze`,
      );
    case 'released':
      return words(
        'Released',
        'ended',
        [stop.releasedBy, stop.releaseReason].filter(Boolean).join(': '),
      );
  }
}
