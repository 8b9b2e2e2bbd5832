/**
 * A stop's life, pure: what each step may follow and what it changes, and which timer is due.
 *
 *     requested ──answer──▶ held ──renew (once)──▶ held
 *         │                  │ ├──freeze──▶ frozen ──release──▶ released
 *         │                  │ ├──release─────────────────────▶ released
 *         │                  │ └──(hold ends)──▶ lapsed
 *         └──answer──▶ empty | refused
 *
 * A step that does not fit the stop's state is refused with the reason, and nothing changes.
 */
import type { FreezeSettings } from '../config';
import type { StopStatus } from '../contract/freeze';
import { RingtraceError, badRequest } from '../errors';
import { formatMinor } from '../warning/rules';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** What a stop's life needs to know about it. */
export interface StopState {
  readonly id: string;
  readonly bank: string;
  readonly status: StopStatus;
  readonly amountMinor: number;
  readonly currency: string;
  readonly holdUntil: string | null;
  readonly renewals: number;
  readonly requestedAt: string;
  readonly escalated: boolean;
  readonly endingWarnedAt: string | null;
}

export type BankAnswer =
  | { readonly outcome: 'held'; readonly heldMinor: number; readonly bankReference: string }
  | { readonly outcome: 'empty'; readonly bankReference?: string | undefined }
  | { readonly outcome: 'refused'; readonly reason: string };

export type StopAction =
  | { readonly kind: 'answer'; readonly answer: BankAnswer }
  | { readonly kind: 'renew' }
  | { readonly kind: 'freeze'; readonly legalBasis: string }
  | { readonly kind: 'release'; readonly reason: string }
  | { readonly kind: 'escalate' }
  | { readonly kind: 'warn' }
  | { readonly kind: 'lapse' };

/** A step to write: the statuses the stop must still be in, and what changes. */
export interface Step {
  readonly from: StopStatus[];
  readonly changes: Record<string, string | number | boolean | null | string[]>;
}

function conflict(message: string): RingtraceError {
  return new RingtraceError('conflict', message);
}

function refuse(stop: StopState, wanted: string, allowed: readonly StopStatus[]): never {
  throw conflict(
    `Stop ${stop.id} is ${stop.status}; only a stop that is ${allowed.join(' or ')} can be ${wanted}. Nothing was changed.`,
  );
}

function expect(stop: StopState, wanted: string, allowed: StopStatus[]): StopStatus[] {
  if (!allowed.includes(stop.status)) refuse(stop, wanted, allowed);
  return allowed;
}

/** The step `action` takes from `stop`, done by `by` at `now`; throws when it may not be taken. */
export function stepOf(
  stop: StopState,
  action: StopAction,
  by: string,
  now: Date,
  settings: Pick<FreezeSettings, 'holdHours'>,
): Step {
  const at = now.toISOString();
  switch (action.kind) {
    case 'answer': {
      const from = expect(stop, 'answered', ['requested']);
      const answer = action.answer;
      const answered = { answeredBy: by, answeredAt: at };
      if (answer.outcome === 'held') {
        if (answer.heldMinor <= 0) {
          throw badRequest('A hold holds more than nothing: answer "empty" when the account is.');
        }
        if (answer.heldMinor > stop.amountMinor) {
          throw badRequest(
            `The bank may hold at most the ${formatMinor(stop.amountMinor, stop.currency)} asked for, not ${formatMinor(answer.heldMinor, stop.currency)}. Nothing was changed.`,
          );
        }
        return {
          from,
          changes: {
            ...answered,
            status: 'held',
            heldMinor: answer.heldMinor,
            bankReference: answer.bankReference,
            holdUntil: new Date(now.getTime() + settings.holdHours * HOUR).toISOString(),
          },
        };
      }
      if (answer.outcome === 'empty') {
        return {
          from,
          changes: {
            ...answered,
            status: 'empty',
            heldMinor: 0,
            bankReference: answer.bankReference ?? null,
          },
        };
      }
      return { from, changes: { ...answered, status: 'refused', refusalReason: answer.reason } };
    }
    case 'renew': {
      const from = expect(stop, 'renewed', ['held']);
      if (stop.renewals >= 1) {
        throw conflict(
          `The hold on stop ${stop.id} was already renewed once; freeze the account (with its legal basis) or let it end. Nothing was changed.`,
        );
      }
      const until = Date.parse(stop.holdUntil ?? at);
      if (until <= now.getTime()) refuse({ ...stop, status: 'lapsed' }, 'renewed', ['held']);
      return {
        from,
        changes: {
          renewals: stop.renewals + 1,
          renewedAt: at,
          renewedBy: by,
          holdUntil: new Date(until + settings.holdHours * HOUR).toISOString(),
          endingWarnedAt: null,
        },
      };
    }
    case 'freeze':
      return {
        from: expect(stop, 'frozen', ['held']),
        changes: {
          status: 'frozen',
          frozenAt: at,
          frozenBy: by,
          freezeBasis: action.legalBasis,
          holdUntil: null,
        },
      };
    case 'release':
      return {
        from: expect(stop, 'released', ['held', 'frozen']),
        changes: {
          status: 'released',
          releasedAt: at,
          releasedBy: by,
          releaseReason: action.reason,
        },
      };
    case 'escalate':
      return {
        from: expect(stop, 'escalated', ['requested']),
        changes: { escalated: true, escalatedAt: at },
      };
    case 'warn':
      return { from: expect(stop, 'warned about', ['held']), changes: { endingWarnedAt: at } };
    case 'lapse':
      return {
        from: expect(stop, 'lapsed', ['held']),
        changes: { status: 'lapsed', lapsedAt: at },
      };
  }
}

/** The timer due on `stop` at `now`, if any: escalate, warn before the end, or lapse. */
export function dueOf(
  stop: StopState,
  now: Date,
  settings: Pick<FreezeSettings, 'answerMinutes' | 'warnBeforeHours'>,
): 'escalate' | 'warn' | 'lapse' | null {
  const t = now.getTime();
  if (stop.status === 'requested') {
    const waited = t - Date.parse(stop.requestedAt);
    return !stop.escalated && waited >= settings.answerMinutes * MINUTE ? 'escalate' : null;
  }
  if (stop.status !== 'held' || stop.holdUntil === null) return null;
  const left = Date.parse(stop.holdUntil) - t;
  if (left <= 0) return 'lapse';
  if (stop.endingWarnedAt === null && left <= settings.warnBeforeHours * HOUR) return 'warn';
  return null;
}
