/**
 * Queries of `cypher/trace/`. Money-flow traces: transfers followed forward and backward in time.
 */
import { defineQuery } from '../query';

/** A transfer as a money-flow trace reads it. */
export interface FlowRow {
  id: string;
  from: string;
  to: string;
  amountMinor: number;
  time: string;
}

export const traceQueries = {
  transferById: defineQuery<
    { id: string },
    { id: string; from: string; to: string; amountMinor: number; currency: string; time: string }
  >('trace/transferById', 'read'),
  transfersOutAfter: defineQuery<
    {
      frontier: { account: string; after: string }[];
      until: string;
      currency: string;
      perAccount: number;
    },
    FlowRow
  >('trace/transfersOutAfter', 'read', { integerParams: ['perAccount'] }),
  transfersOfAccounts: defineQuery<
    { accounts: string[]; since: string; until: string; currency: string; cap: number },
    FlowRow
  >('trace/transfersOfAccounts', 'read', { integerParams: ['cap'] }),
  transfersInBefore: defineQuery<
    {
      frontier: { account: string; before: string }[];
      since: string;
      currency: string;
      perAccount: number;
    },
    FlowRow
  >('trace/transfersInBefore', 'read', { integerParams: ['perAccount'] }),
  accountCurrency: defineQuery<{ id: string }, { id: string; currency: string | null }>(
    'trace/accountCurrency',
    'read',
  ),
} as const;
