/**
 * Queries of `cypher/freeze/`. Stop-payment requests and their holds, numbered change by change;
 * the money confirmed holds secured; the victim payments of a case, a ring or the centre.
 */
import { defineQuery, type NoParams, type Nullable } from '../query';

/** A stop as stored (times as ISO-8601 text), with its account and the money it secured. */
export interface StopRow {
  id: string;
  accountId: string;
  bank: string;
  accountNumber: Nullable<string>;
  holderName: Nullable<string>;
  amountMinor: number;
  currency: string;
  transfers: string[];
  caseId: Nullable<string>;
  legalBasis: string;
  origin: string;
  alertId: Nullable<string>;
  requestedBy: string;
  requestedAt: string;
  eventAt: Nullable<string>;
  status: string;
  answeredBy?: Nullable<string>;
  answeredAt?: Nullable<string>;
  heldMinor?: Nullable<number>;
  bankReference?: Nullable<string>;
  refusalReason?: Nullable<string>;
  holdUntil?: Nullable<string>;
  renewals: number;
  renewedAt?: Nullable<string>;
  frozenAt?: Nullable<string>;
  frozenBy?: Nullable<string>;
  freezeBasis?: Nullable<string>;
  lapsedAt?: Nullable<string>;
  releasedAt?: Nullable<string>;
  releasedBy?: Nullable<string>;
  releaseReason?: Nullable<string>;
  escalated: boolean;
  escalatedAt?: Nullable<string>;
  endingWarnedAt?: Nullable<string>;
  hop?: Nullable<number>;
  secured: {
    transferId: string;
    amountMinor: number;
    victimId: Nullable<string>;
    victimName: Nullable<string>;
    caseId: Nullable<string>;
  }[];
  seq: number;
}

/** A new request (`createStop`). */
export interface StopWrite {
  id: string;
  account: string;
  amountMinor: number;
  currency: string;
  transfers: string[];
  caseId: string | null;
  legalBasis: string;
  origin: string;
  alertId: string | null;
  requestedBy: string;
  eventAt: string | null;
  /** Hops the policy followed the money from the first request's account (0: none). */
  hop: number;
}

/** An open stop as the policy follows money out of its account. */
export interface OpenStopRow {
  id: string;
  account: string;
  status: string;
  amountMinor: number;
  transfers: string[];
  caseId: Nullable<string>;
  legalBasis: string;
  /** ISO time from which money leaving the account is followed. */
  since: string;
  hop: number;
}

/** A victim's payment: the money a case, a ring or the centre counts. */
export interface VictimPayment {
  caseId: Nullable<string>;
  victimId: Nullable<string>;
  victimName: Nullable<string>;
  transferId: string;
  from: string;
  amountMinor: number;
  currency: string;
}

export const freezeQueries = {
  createStop: defineQuery<{ stop: StopWrite; now: string }, { id: string; created: boolean }>(
    'freeze/createStop',
    'write',
  ),
  updateStop: defineQuery<
    {
      id: string;
      from: string[];
      seq: number;
      changes: Record<string, string | number | boolean | null | string[]>;
      secured: { transferId: string; amountMinor: number }[];
      now: string;
    },
    { id: string }
  >('freeze/updateStop', 'write', { integerParams: ['seq'] }),
  stopsByIds: defineQuery<{ ids: string[] }, { stop: StopRow }>('freeze/stopsByIds', 'read'),
  listStops: defineQuery<
    {
      bank: string | null;
      statuses: string[];
      accounts: string[] | null;
      caseId: string | null;
      since: number | null;
      skip: number;
      limit: number;
    },
    { ids: string[]; seqs: number[]; total: number }
  >('freeze/listStops', 'read', { integerParams: ['since', 'skip', 'limit'] }),
  dueStops: defineQuery<{ answerBefore: string; warnBefore: string; now: string }, { id: string }>(
    'freeze/dueStops',
    'read',
  ),
  stopAccount: defineQuery<
    { account: string },
    { id: string; bank: string; number: Nullable<string> }
  >('freeze/stopAccount', 'read'),
  stopTransfers: defineQuery<
    { ids: string[] },
    { id: string; from: string; to: string; amountMinor: number; currency: string; time: string }
  >('freeze/transfersByIds', 'read'),
  activeStops: defineQuery<NoParams, OpenStopRow>('freeze/activeStops', 'read'),
  securedOfTransfers: defineQuery<
    { transfers: string[] },
    {
      transferId: string;
      stopId: string;
      account: string;
      status: string;
      amountMinor: number;
      currency: string;
    }
  >('freeze/securedOfTransfers', 'read'),
  casePayments: defineQuery<{ cases: string[]; limit: number }, VictimPayment>(
    'freeze/casePayments',
    'read',
    { integerParams: ['limit'] },
  ),
  ringPayments: defineQuery<{ ring: string; limit: number }, VictimPayment>(
    'freeze/ringPayments',
    'read',
    { integerParams: ['limit'] },
  ),
  recentCases: defineQuery<{ since: string; limit: number }, { id: string }>(
    'freeze/recentCases',
    'read',
    { integerParams: ['limit'] },
  ),
};
