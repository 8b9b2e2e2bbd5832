/**
 * Queries of `cypher/warning/`. Early warning: what the watch state is built from, who holds an
 * account or uses a number and which station is theirs, the alerts and their changes.
 */
import { defineQuery, type NoParams, type Nullable } from '../query';

/** An alert as stored (times as ISO-8601 text, evidence as 'Type:id'). */
export interface AlertRow {
  id: string;
  rule: string;
  severity: string;
  rank: number;
  title: string;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  stationId: Nullable<string>;
  stationName: Nullable<string>;
  contactPersonId: Nullable<string>;
  contactName: Nullable<string>;
  contactPhone: Nullable<string>;
  amountMinor: Nullable<number>;
  currency: Nullable<string>;
  stopAccount: Nullable<string>;
  reasons: string[];
  evidence: string[];
  triggers: string[];
  watchAccounts: string[];
  firstEventAt: string;
  lastEventAt: string;
  createdAt: string;
  updatedAt: string;
  status: string;
  escalated: boolean;
  escalatedAt?: Nullable<string>;
  acknowledgedBy?: Nullable<string>;
  acknowledgedAt?: Nullable<string>;
  outcome?: Nullable<string>;
  outcomeNote?: Nullable<string>;
  closedBy?: Nullable<string>;
  closedAt?: Nullable<string>;
  seq: number;
}

/** An alert to raise or add to (`upsertAlert`). */
export interface AlertWrite {
  id: string;
  rule: string;
  severity: string;
  rank: number;
  title: string;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  stationId: string | null;
  stationName: string | null;
  contactPersonId: string | null;
  contactName: string | null;
  contactPhone: string | null;
  amountMinor: number | null;
  currency: string | null;
  amountMode: 'sum' | 'set';
  stopAccount: string | null;
  reasons: string[];
  evidence: string[];
  triggers: string[];
  eventAt: string;
  watchAccounts: string[];
}

/** A person found behind an account or a number, with their station. */
export interface PersonFound {
  personId: string;
  name: Nullable<string>;
  accounts: string[];
  stationId: Nullable<string>;
  stationName: Nullable<string>;
}

export const warningQueries = {
  watchRingMembers: defineQuery<
    NoParams,
    { runId: string; ring: string; type: string; id: string; role: string }
  >('warning/watchRingMembers', 'read'),
  watchReportNames: defineQuery<NoParams, { type: string; id: string; cases: string[] }>(
    'warning/watchReportNames',
    'read',
  ),
  watchTies: defineQuery<
    { devices: string[]; sims: string[]; numbers: string[]; ips: string[] },
    { type: string; id: string; via: string; viaType: string }
  >('warning/watchTies', 'read'),
  watchAlerts: defineQuery<
    { since: string },
    {
      rule: string;
      subjectId: string;
      contactPhone: Nullable<string>;
      watchAccounts: string[];
      lastEventAt: string;
      triggers: string[];
    }
  >('warning/watchAlerts', 'read'),
  watchFingerprint: defineQuery<NoParams, { runId: Nullable<string>; cases: number }>(
    'warning/watchFingerprint',
    'read',
  ),
  latestEventTime: defineQuery<NoParams, { at: Nullable<string> }>(
    'warning/latestEventTime',
    'read',
  ),
  personOfAccount: defineQuery<
    { accounts: string[] },
    PersonFound & { account: string; phones: string[] }
  >('warning/personOfAccount', 'read'),
  personOfNumber: defineQuery<{ numbers: string[] }, PersonFound & { number: string }>(
    'warning/personOfNumber',
    'read',
  ),
  earlierPayments: defineQuery<
    { transfers: { id: string; from: string; to: string; time: string }[] },
    { id: string; earlier: number }
  >('warning/earlierPayments', 'read'),
  reportedPayments: defineQuery<
    { cases: string[] },
    {
      caseId: string;
      stationId: Nullable<string>;
      stationName: Nullable<string>;
      victimId: Nullable<string>;
      transfers: string[];
    }
  >('warning/reportedPayments', 'read'),
  caseStations: defineQuery<NoParams, { id: string; name: Nullable<string> }>(
    'warning/caseStations',
    'read',
  ),
  upsertAlerts: defineQuery<{ alerts: AlertWrite[]; now: string }, { alert: AlertRow }>(
    'warning/upsertAlerts',
    'write',
  ),
  alertById: defineQuery<{ id: string }, { alert: AlertRow }>('warning/alertById', 'read'),
  listAlerts: defineQuery<
    {
      stationId: string | null;
      statuses: string[];
      rule: string | null;
      skip: number;
      limit: number;
    },
    { alert: Nullable<AlertRow>; total: number }
  >('warning/listAlerts', 'read', { integerParams: ['skip', 'limit'] }),
  alertsAfter: defineQuery<
    { after: number; stationId: string | null; limit: number },
    { alert: AlertRow }
  >('warning/alertsAfter', 'read', { integerParams: ['after', 'limit'] }),
  acknowledgeAlert: defineQuery<{ id: string; by: string; now: string }, { alert: AlertRow }>(
    'warning/acknowledgeAlert',
    'write',
  ),
  closeAlert: defineQuery<
    { id: string; by: string; outcome: string; note: string | null; now: string },
    { alert: AlertRow }
  >('warning/closeAlert', 'write'),
  escalateAlerts: defineQuery<{ before: string; now: string }, { alert: AlertRow }>(
    'warning/escalateAlerts',
    'write',
  ),
  alertsSince: defineQuery<
    { since: string; limit: number },
    {
      createdAt: string;
      stationId: Nullable<string>;
      stationName: Nullable<string>;
      status: string;
      outcome: Nullable<string>;
      severity: string;
      amountMinor: Nullable<number>;
      currency: Nullable<string>;
    }
  >('warning/alertsSince', 'read', { integerParams: ['limit'] }),
  receiveBatch: defineQuery<
    { id: string; organisation: string; events: number },
    { received: boolean; scored: boolean }
  >('warning/receiveBatch', 'write', { integerParams: ['events'] }),
  markSourceScored: defineQuery<{ id: string }, never>('warning/markSourceScored', 'write'),
};
