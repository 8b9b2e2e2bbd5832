/**
 * The early-warning rules, pure: what an arriving event means given the watch state, and the
 * alert each finding becomes, with its reasons in plain words and the ids of its evidence.
 *
 * - A person pays into a watched account: *victim paying a suspected mule* (high), to the payer's
 *   station, with the amount and a proposed stop-payment for the receiving account.
 * - A watched number (ring caller, a SIM in a ring caller's handset, a reported number) keeps a
 *   person on the line for `longCallSeconds`, or talks to them for `minCallSeconds` a second time
 *   within `workedOnHours`: *possible victim being worked on* (prevention), to that person's
 *   station, one alert per person per day.
 * - A person talked to by watched numbers (for `minCallSeconds`) in the last `workedOnHours` pays
 *   someone new to them: *urgent*, the payment is probably the scam itself.
 * - A new report: its payments traced forward; each account still holding at least
 *   `minHeldMinor` of the money: *traced money still held* (high), to the reporting station.
 * - A new identity sharing a handset, SIM or registration with ring members: watched, no alert.
 *
 * Alerts on the same rule, subject and day share one id, so they are merged, never repeated.
 */
import { createHash } from 'node:crypto';
import type { StopRequest } from '../contract/freeze';
import type { AlertRule, AlertSeverity } from '../contract/warning';
import type { AlertWrite, PersonFound } from '../db/queries';
import type { CallRow } from '../ingest/kinds/telecomCdr';
import type { TransferRow } from '../ingest/kinds/bankTransfers';
import type { WatchState, WatchedCall, WorkedOn } from './watchState';

export interface RuleSettings {
  readonly minCallSeconds: number;
  readonly longCallSeconds: number;
  readonly workedOnHours: number;
  readonly minHeldMinor: number;
}

const HOUR = 3_600_000;

export const RULE_TITLES: Readonly<Record<AlertRule, string>> = {
  paying_suspected_mule: 'Victim paying a suspected mule',
  being_worked_on: 'Possible victim being worked on: call them before they pay',
  urgent_new_payee: 'Urgent: a person worked on by scam numbers is paying someone new',
  traced_money_held: "A victim's traced money is still held in this account",
  stop_unanswered: 'A bank has not answered a stop-payment request',
  hold_ending: 'A hold ends soon: renew it or freeze the account',
  hold_lapsed: 'A hold lapsed: the money may move again',
};

const SEVERITY: Readonly<Record<AlertRule, AlertSeverity>> = {
  urgent_new_payee: 'urgent',
  paying_suspected_mule: 'high',
  traced_money_held: 'high',
  being_worked_on: 'prevention',
  stop_unanswered: 'high',
  hold_ending: 'high',
  hold_lapsed: 'urgent',
};

const RANK: Readonly<Record<AlertSeverity, number>> = { urgent: 0, high: 1, prevention: 2 };

/** The local calendar day of a record time (its own offset, e.g. +08:00). */
export function localDay(utc: string, offset: string | null): string {
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(offset ?? '');
  const shift = match
    ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000
    : 0;
  return new Date(Date.parse(utc) + shift).toISOString().slice(0, 10);
}

/** One alert per rule, subject and day. */
export function alertId(rule: AlertRule, type: string, id: string, day: string): string {
  const digest = createHash('sha256').update(`${rule}\n${type}\n${id}\n${day}`).digest('hex');
  return `AL-${day.replaceAll('-', '')}-${digest.slice(0, 12)}`;
}

export function formatMinor(amountMinor: number, currency: string): string {
  return `${(amountMinor / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
}

/** The subject of an alert about a person: the person where known, else their number or account. */
function personSubject(
  person: PersonFound | undefined,
  fallback: { type: string; id: string },
): { subjectType: string; subjectId: string; subjectLabel: string } {
  if (person) {
    return {
      subjectType: 'Person',
      subjectId: person.personId,
      subjectLabel: person.name ?? person.personId,
    };
  }
  return { subjectType: fallback.type, subjectId: fallback.id, subjectLabel: fallback.id };
}

function base(
  rule: AlertRule,
  subject: { subjectType: string; subjectId: string; subjectLabel: string },
  day: string,
  station: { id: string | null; name: string | null },
): Pick<
  AlertWrite,
  | 'id'
  | 'rule'
  | 'severity'
  | 'rank'
  | 'title'
  | 'subjectType'
  | 'subjectId'
  | 'subjectLabel'
  | 'stationId'
  | 'stationName'
> {
  const severity = SEVERITY[rule];
  return {
    id: alertId(rule, subject.subjectType, subject.subjectId, day),
    rule,
    severity,
    rank: RANK[severity],
    title: RULE_TITLES[rule],
    ...subject,
    stationId: station.id,
    stationName: station.name,
  };
}

function stationOf(person: PersonFound | undefined) {
  return { id: person?.stationId ?? null, name: person?.stationName ?? null };
}

function contactOf(person: PersonFound | undefined, phone: string | null) {
  return {
    contactPersonId: person?.personId ?? null,
    contactName: person?.name ?? null,
    contactPhone: phone,
  };
}

/**
 * What a transfer means: paying into a watched account (`mule`, with why), or, from the account
 * of a person watched numbers talked to recently, a payment that is urgent if its payee is new
 * (`worked`). Payments between ring-side accounts (mule to mule) are laundering, not victims.
 */
export function transferFinding(
  state: WatchState,
  row: TransferRow,
  settings: RuleSettings,
): { mule?: string; worked?: WorkedOn } {
  if (row.fromId === row.toId || state.isRingSide('BankAccount', row.fromId)) return {};
  const mule = state.paysIntoWatched(row.toId);
  const worked = state.recentCallsToHolderOf(
    row.fromId,
    Date.parse(row.time),
    settings.workedOnHours * HOUR,
  );
  return { ...(mule ? { mule } : {}), ...(worked ? { worked } : {}) };
}

/** The alert for a payment into a watched account. */
export function muleAlert(
  row: TransferRow,
  why: string,
  payer: (PersonFound & { phones: string[] }) | undefined,
): AlertWrite {
  const amount = formatMinor(row.amountMinor, row.currency);
  const who = payer ? `${payer.name ?? payer.personId}` : `The holder of account ${row.fromId}`;
  return {
    ...base(
      'paying_suspected_mule',
      personSubject(payer, { type: 'BankAccount', id: row.fromId }),
      localDay(row.time, row.timeOffset),
      stationOf(payer),
    ),
    ...contactOf(payer, payer?.phones[0] ?? null),
    amountMinor: row.amountMinor,
    currency: row.currency,
    amountMode: 'sum',
    stopAccount: row.toId,
    reasons: [
      `${who} paid ${amount} from ${row.fromId} into ${row.toId} at ${row.time}`,
      `${row.toId} is watched: ${why}`,
      `Proposed: stop-payment on ${row.toId} for ${amount}`,
    ],
    evidence: [`Transfer:${row.id}`, `BankAccount:${row.fromId}`, `BankAccount:${row.toId}`],
    triggers: [row.id],
    eventAt: row.time,
    watchAccounts: [],
  };
}

/** The urgent alert: a person worked on by watched numbers pays a payee new to them. */
export function urgentAlert(
  row: TransferRow,
  worked: WorkedOn,
  payer: (PersonFound & { phones: string[] }) | undefined,
  muleWhy: string | undefined,
): AlertWrite {
  const amount = formatMinor(row.amountMinor, row.currency);
  const who = payer ? `${payer.name ?? payer.personId}` : `The holder of account ${row.fromId}`;
  const callers = [...new Set(worked.calls.map((call) => call.caller))];
  const hours = Math.max(
    1,
    Math.round((Date.parse(row.time) - Math.min(...worked.calls.map((c) => c.at))) / HOUR),
  );
  return {
    ...base(
      'urgent_new_payee',
      personSubject(payer, { type: 'BankAccount', id: row.fromId }),
      localDay(row.time, row.timeOffset),
      stationOf(payer),
    ),
    ...contactOf(payer, worked.number),
    amountMinor: row.amountMinor,
    currency: row.currency,
    amountMode: 'sum',
    stopAccount: row.toId,
    reasons: [
      `${who} paid ${amount} to ${row.toId}, an account they had never paid before, at ${row.time}`,
      `In the ${hours} hour(s) before, watched number(s) ${callers.join(', ')} talked to them on ${worked.number}`,
      ...(muleWhy ? [`${row.toId} is watched: ${muleWhy}`] : []),
      'The payment is probably the scam itself: reach them now, and stop the payment',
    ],
    evidence: [
      `Transfer:${row.id}`,
      ...worked.calls.map((call) => `Call:${call.callId}`),
      ...callers.map((caller) => `PhoneNumber:${caller}`),
      `BankAccount:${row.toId}`,
    ],
    triggers: [row.id],
    eventAt: row.time,
    watchAccounts: [],
  };
}

/**
 * Why a call means a person is being worked on, or undefined: a watched number (or a call made
 * from a ring caller's handset or SIM) talked long enough to someone who is not ring-side.
 */
export function callFinding(
  state: WatchState,
  row: CallRow,
  settings: RuleSettings,
): string | undefined {
  if (row.duration < settings.minCallSeconds) return undefined;
  if (state.callsWarn(row.to) || state.isRingSide('PhoneNumber', row.to)) return undefined;
  return state.callsWarn(row.from) ?? state.callerHandset(row.imsi, row.imei);
}

/**
 * Whether a call a watched number made warrants a prevention alert: the person was kept on the
 * line `longCallSeconds`, or watched numbers already talked to them at length in the last
 * `workedOnHours` (`earlier`) and called again. Scam callers call their victims back; a stranger
 * who talked a few minutes once and hung up is not called again.
 */
export function warnsOfWorkedOn(
  row: CallRow,
  earlier: readonly WatchedCall[],
  settings: RuleSettings,
): boolean {
  return row.duration >= settings.longCallSeconds || earlier.length > 0;
}

/** The prevention alert for a person a watched number talked to (and `earlier` calls). */
export function workedOnAlert(
  row: CallRow,
  why: string,
  callee: PersonFound | undefined,
  earlier: readonly WatchedCall[] = [],
): AlertWrite {
  const minutes = Math.round(row.duration / 6) / 10;
  const who = callee ? `${callee.name ?? callee.personId}` : `The person on ${row.to}`;
  return {
    ...base(
      'being_worked_on',
      personSubject(callee, { type: 'PhoneNumber', id: row.to }),
      localDay(row.start, row.startOffset),
      stationOf(callee),
    ),
    ...contactOf(callee, row.to),
    amountMinor: null,
    currency: null,
    amountMode: 'set',
    stopAccount: null,
    reasons: [
      `${who} talked for ${minutes} min with ${row.from} at ${row.start}`,
      `${row.from}: ${why}`,
      ...(earlier.length > 0
        ? [
            `Called again: watched numbers ${[...new Set(earlier.map((c) => c.caller))].join(', ')} talked to them at length ${earlier.length} time(s) in the hours before`,
          ]
        : []),
      'Call them before they pay',
    ],
    evidence: [
      `Call:${row.id}`,
      ...earlier.map((call) => `Call:${call.callId}`),
      `PhoneNumber:${row.from}`,
      `PhoneNumber:${row.to}`,
    ],
    triggers: [row.id],
    eventAt: row.start,
    watchAccounts: callee?.accounts ?? [],
  };
}

/** The alert for an account still holding money traced from a reported case. */
export function heldAlert(
  holding: { account: string; tracedMinor: number; currency: string; depth: number | null },
  report: { caseId: string; stationId: string | null; stationName: string | null },
  transferId: string,
  reportedAt: string,
): AlertWrite {
  const amount = formatMinor(holding.tracedMinor, holding.currency);
  return {
    ...base(
      'traced_money_held',
      { subjectType: 'BankAccount', subjectId: holding.account, subjectLabel: holding.account },
      reportedAt.slice(0, 10),
      { id: report.stationId, name: report.stationName },
    ),
    contactPersonId: null,
    contactName: null,
    contactPhone: null,
    amountMinor: Math.round(holding.tracedMinor),
    currency: holding.currency,
    amountMode: 'set',
    stopAccount: holding.account,
    reasons: [
      `Case ${report.caseId}: the victim's payment ${transferId}, traced forward, still sits here: ${amount}` +
        (holding.depth !== null ? ` (${holding.depth} hop(s) from the victim)` : ''),
      `Proposed: stop-payment on ${holding.account} for ${amount}`,
    ],
    evidence: [`Case:${report.caseId}`, `Transfer:${transferId}`, `BankAccount:${holding.account}`],
    triggers: [`${report.caseId}/${transferId}`],
    eventAt: reportedAt,
    watchAccounts: [],
  };
}

/** The alert a stop's timer raises at the centre: the bank is late, a hold ends soon, or ended. */
export function stopAlert(
  kind: 'escalate' | 'warn' | 'lapse',
  stop: StopRequest,
  now: Date,
  settings: { readonly answerMinutes: number },
): AlertWrite {
  const rule: AlertRule =
    kind === 'escalate' ? 'stop_unanswered' : kind === 'warn' ? 'hold_ending' : 'hold_lapsed';
  const account = stop.account.id;
  const held = stop.heldMinor ?? stop.amountMinor;
  const amount = formatMinor(held, stop.currency);
  const reasons =
    kind === 'escalate'
      ? [
          `Bank ${stop.account.bank} has not answered stop-payment request ${stop.id} on ${account} (${amount}) within ${settings.answerMinutes} minutes`,
          `Requested by ${stop.requestedBy} at ${stop.requestedAt}; legal basis: ${stop.legalBasis}`,
          "Call the bank's commissioner",
        ]
      : kind === 'warn'
        ? [
            `The hold on ${account} (${amount}, stop ${stop.id}) ends at ${stop.holdUntil ?? 'its end'}`,
            stop.renewals === 0
              ? 'Renew it once, or freeze the account with its legal basis'
              : 'It was renewed once already: freeze the account with its legal basis, or it lapses',
          ]
        : [
            `The hold on ${account} (${amount}, stop ${stop.id}) ended at ${stop.holdUntil ?? 'its end'} without being renewed or frozen`,
            'The money may move again: ask for a new stop or a freeze at once',
          ];
  return {
    ...base(
      rule,
      { subjectType: 'BankAccount', subjectId: account, subjectLabel: account },
      now.toISOString().slice(0, 10),
      { id: null, name: null },
    ),
    contactPersonId: null,
    contactName: null,
    contactPhone: null,
    amountMinor: held,
    currency: stop.currency,
    amountMode: 'set',
    stopAccount: null,
    reasons,
    evidence: [`BankAccount:${account}`, ...stop.transfers.map((t) => `Transfer:${t}`)],
    triggers: [`${stop.id}/${kind}`],
    eventAt: now.toISOString(),
    watchAccounts: [],
  };
}
