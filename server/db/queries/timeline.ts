/**
 * Queries of `cypher/timeline/`. Events of a set of entities in time order.
 */
import { defineQuery } from '../query';

/** One event on a timeline. */
export interface TimelineEvent {
  kind: string;
  id: string;
  at: string;
  offset: string | null;
  from: string | null;
  to: string | null;
  amountMinor: number | null;
  currency: string | null;
  durationSeconds: number | null;
  detail: string | null;
}

export const timelineQueries = {
  eventsOfEntities: defineQuery<
    {
      accounts: string[];
      numbers: string[];
      handles: string[];
      from: string | null;
      to: string | null;
      skip: number;
      limit: number;
    },
    TimelineEvent
  >('timeline/eventsOfEntities', 'read', { integerParams: ['skip', 'limit'] }),
} as const;
