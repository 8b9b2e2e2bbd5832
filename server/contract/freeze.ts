/**
 * Freezing money in time: stop-payment requests to banks, the bank's answer, the hold's life
 * (48 hours, renewed once, then frozen or lapsed, or released early) and the victims' money that
 * confirmed holds secured.
 */
import { z } from 'zod';

/**
 * Where a stop-payment request stands:
 * - `requested`: sent to the bank, not answered yet;
 * - `held`: the bank holds `heldMinor` until `holdUntil`;
 * - `empty`: the bank found the account already empty (nothing held);
 * - `refused`: the bank refused, with its reason;
 * - `frozen`: the hold became a freeze with a legal basis (no end date);
 * - `lapsed`: the hold ended without being renewed or frozen;
 * - `released`: the hold or freeze was released early.
 */
export const STOP_STATUSES = [
  'requested',
  'held',
  'empty',
  'refused',
  'frozen',
  'lapsed',
  'released',
] as const;
export type StopStatus = (typeof STOP_STATUSES)[number];

/** Stops still open: asked and not answered, or holding money. */
export const ACTIVE_STOP_STATUSES = ['requested', 'held', 'frozen'] as const;

/** Where a request came from. `policy`: raised automatically by the centre's policy. */
export const STOP_ORIGINS = ['alert', 'trace', 'account', 'policy'] as const;
export type StopOrigin = (typeof STOP_ORIGINS)[number];

/** What a bank answers. */
export const STOP_ANSWERS = ['held', 'empty', 'refused'] as const;
export type StopAnswer = (typeof STOP_ANSWERS)[number];

/** One victim payment's money that a confirmed hold secured. */
export const securedLine = z.object({
  /** The victim's own transfer the money came from. */
  transferId: z.string(),
  /** The person who paid it, where the records name them. */
  victimId: z.string().nullable(),
  victimName: z.string().nullable(),
  /** The case the victim reported, or null while they have not reported. */
  caseId: z.string().nullable(),
  amountMinor: z.number().int(),
});
export type SecuredLine = z.infer<typeof securedLine>;

/** One stop-payment request and its hold. Times are ISO 8601 (UTC). */
export const stopRequest = z.object({
  id: z.string(),
  account: z.object({
    id: z.string(),
    /** The bank code: the bank that must answer. */
    bank: z.string(),
    number: z.string().nullable(),
    holderName: z.string().nullable(),
  }),
  /** The amount asked to be held (minor units). */
  amountMinor: z.number().int(),
  currency: z.string(),
  /** The transfers it concerns: the victims' payments whose money it follows. */
  transfers: z.array(z.string()),
  /** The case it is made under, where there is one. */
  caseId: z.string().nullable(),
  /** The legal basis as the bank reads it (case number, or the alert that raised it). */
  legalBasis: z.string(),
  origin: z.enum(STOP_ORIGINS),
  /** The alert it was raised from, if any. */
  alertId: z.string().nullable(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  /** Record time of the event it answers (the payment or report); null when made by hand. */
  eventAt: z.string().nullable(),
  /** How many hops the policy followed the money from the account first asked on (0: none). */
  hop: z.number().int(),
  status: z.enum(STOP_STATUSES),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** What the bank actually holds (minor units); null until it answers `held`. */
  heldMinor: z.number().int().nullable(),
  bankReference: z.string().nullable(),
  refusalReason: z.string().nullable(),
  /** When the hold ends unless renewed or frozen; null when not held. */
  holdUntil: z.string().nullable(),
  /** 0 or 1: a hold is renewed at most once. */
  renewals: z.number().int(),
  renewedAt: z.string().nullable(),
  frozenAt: z.string().nullable(),
  frozenBy: z.string().nullable(),
  freezeBasis: z.string().nullable(),
  lapsedAt: z.string().nullable(),
  releasedAt: z.string().nullable(),
  releasedBy: z.string().nullable(),
  releaseReason: z.string().nullable(),
  /** Not answered in time: sent on to the centre. */
  escalated: z.boolean(),
  escalatedAt: z.string().nullable(),
  /** When the investigator was warned that the hold is about to end. */
  endingWarnedAt: z.string().nullable(),
  /** Victims' money this hold secured (while held or frozen), line by line. */
  secured: z.array(securedLine),
  securedMinor: z.number().int(),
  /** Rises with every change to any stop: a bank system polls with `since`. */
  seq: z.number().int(),
});
export type StopRequest = z.infer<typeof stopRequest>;

/** `POST /api/stops`: the request, and whether it is new (false: one was already open). */
export const stopReceipt = z.object({ stop: stopRequest, created: z.boolean() });
export type StopReceipt = z.infer<typeof stopReceipt>;

/** `GET /api/stops`: a page of stops; `cursor` is the highest `seq` in it (poll with `since`). */
export const stopPage = z.object({
  stops: z.array(stopRequest),
  total: z.number().int(),
  skip: z.number().int(),
  limit: z.number().int(),
  cursor: z.number().int(),
});
export type StopPage = z.infer<typeof stopPage>;

/** Money paid by victims, as it stands: secured by holds, still moving, lost. */
export const moneyFigures = z.object({
  currency: z.string(),
  /** What the victims paid. */
  paidMinor: z.number().int(),
  /** Held or frozen by confirmed holds. */
  securedMinor: z.number().int(),
  /** Traced and still sitting in accounts not held: it can still be stopped. */
  movingMinor: z.number().int(),
  /** Gone: paid, less secured, less still moving. */
  lostMinor: z.number().int(),
});
export type MoneyFigures = z.infer<typeof moneyFigures>;

/** `GET /api/money`: a case's, a ring's or the centre's money, with each case's figures. */
export const moneySummary = z.object({
  scope: z.object({
    kind: z.enum(['case', 'ring', 'centre']),
    id: z.string().nullable(),
    /** For the centre: cases reported in the last `days`. */
    days: z.number().int().nullable(),
  }),
  totals: z.array(moneyFigures),
  cases: z.array(
    moneyFigures.extend({
      /** null: payments into the ring by people who have not reported. */
      caseId: z.string().nullable(),
      victimId: z.string().nullable(),
      victimName: z.string().nullable(),
      payments: z.number().int(),
    }),
  ),
  /** Accounts held or frozen that hold these victims' money. */
  holds: z.array(
    z.object({
      stopId: z.string(),
      account: z.string(),
      status: z.enum(STOP_STATUSES),
      securedMinor: z.number().int(),
      currency: z.string(),
    }),
  ),
  /** True when more payments were found than are traced in one answer (the figures cover the first). */
  partial: z.boolean(),
});
export type MoneySummary = z.infer<typeof moneySummary>;
