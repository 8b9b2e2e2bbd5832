/**
 * Queries of `cypher/shared/`. Shared things: handsets with many SIMs, shared sources of money,
 * entities named in several reports, and same-person candidates with the decisions on them.
 */
import { defineQuery, type Nullable } from '../query';

/** An identity as the same-person candidate queries read it. */
export interface IdentitySummaryRow {
  type: string;
  id: string;
  name: string | null;
}

/**
 * Two identities and the things they share: Devices, IPAddresses or PhoneNumbers, each with how
 * many identities use it.
 */
export interface SamePersonEvidenceRow {
  a: IdentitySummaryRow;
  b: IdentitySummaryRow;
  shared: { type: string; id: string; users: number }[];
}

/** A user's decision on a candidate same-person link. */
export interface IdentityReviewRow {
  id: string;
  pair: string;
  decision: string;
  score: number;
  reasons: string[];
  note: Nullable<string>;
  decidedBy: string;
  decidedAt: string;
}

export const sharedQueries = {
  devicesWithManySims: defineQuery<
    { minSims: number; skip: number; limit: number },
    { device: string; sims: number; numbers: number; calls: number; first: string; last: string }
  >('shared/devicesWithManySims', 'read', { integerParams: ['minSims', 'skip', 'limit'] }),
  sharedOrigins: defineQuery<
    { minAccounts: number; maxAccounts: number; skip: number; limit: number },
    { type: string; id: string; accounts: string[]; total: number }
  >('shared/sharedOrigins', 'read', {
    integerParams: ['minAccounts', 'maxAccounts', 'skip', 'limit'],
  }),
  namedInReports: defineQuery<
    { minCases: number; minStations: number; skip: number; limit: number },
    { type: string; id: string; cases: string[]; stations: string[]; lossMinor: number }
  >('shared/namedInReports', 'read', {
    integerParams: ['minCases', 'minStations', 'skip', 'limit'],
  }),
  samePersonEvidence: defineQuery<{ maxShared: number; scanCap: number }, SamePersonEvidenceRow>(
    'shared/samePersonEvidence',
    'read',
    { integerParams: ['maxShared', 'scanCap'] },
  ),
  samePersonEvidenceOf: defineQuery<
    { type: string; id: string; maxShared: number; scanCap: number },
    SamePersonEvidenceRow
  >('shared/samePersonEvidenceOf', 'read', { integerParams: ['maxShared', 'scanCap'] }),
  recordIdentityReview: defineQuery<
    {
      id: string;
      pair: string;
      aType: string;
      aId: string;
      bType: string;
      bId: string;
      decision: string;
      score: number;
      reasons: string[];
      note: string | null;
      decidedBy: string;
    },
    IdentityReviewRow
  >('shared/recordIdentityReview', 'write'),
  identityReviews: defineQuery<{ pairs: string[] }, IdentityReviewRow>(
    'shared/identityReviews',
    'read',
  ),
} as const;
