/**
 * Shared identifiers: handsets that carried many SIMs (SIM boxes), accounts opened from one
 * handset, address or number, entities named in several reports (across stations), and candidate
 * "same person" links that a user confirms or rejects — decisions kept with who and when.
 */
import { randomUUID } from 'node:crypto';
import { pairKey, scoreSamePerson, type SamePersonCandidate } from '../analysis/samePerson';
import type {
  IdentityReview,
  NamedInReports,
  SamePersonCandidates,
  SharedHandsets,
  SharedOrigins,
} from '../contract/shared';
import type { Executor } from '../db/executor';
import { queries, type IdentityReviewRow } from '../db/queries';
import { notFound } from '../errors';

export const SHARED_DEFAULTS = {
  minSims: 4,
  minAccounts: 2,
  maxAccounts: 50,
  minCases: 2,
  /** Things linking more identities than this say nothing about one person. */
  maxShared: 10,
  /** Most candidate pairs read before scoring. */
  scanCap: 20_000,
  minScore: 0.5,
} as const;

export interface Page {
  readonly skip: number;
  readonly limit: number;
}

/** A SIM box holds many SIMs and calls a lot; burner handsets cycle a few. */
export function describeHandset(row: { sims: number; numbers: number; calls: number }) {
  const simBox = row.sims >= 8 && row.calls >= row.sims * 10;
  return {
    kind: simBox ? 'likely SIM box' : 'SIM cycling',
    reasons: [
      `Carried ${row.sims} SIMs with ${row.numbers} numbers.`,
      `${row.calls} calls made through it.`,
    ],
  };
}

export async function devicesWithManySims(
  executor: Executor,
  minSims: number,
  page: Page,
): Promise<SharedHandsets['handsets']> {
  const rows = await executor.run(queries.devicesWithManySims, { minSims, ...page });
  return rows.map((row) => ({ ...row, ...describeHandset(row) }));
}

export async function sharedOrigins(
  executor: Executor,
  minAccounts: number,
  page: Page,
): Promise<SharedOrigins['origins']> {
  return executor.run(queries.sharedOrigins, {
    minAccounts,
    maxAccounts: SHARED_DEFAULTS.maxAccounts,
    ...page,
  });
}

export async function namedInReports(
  executor: Executor,
  minCases: number,
  acrossStations: boolean,
  page: Page,
): Promise<NamedInReports['entities']> {
  return executor.run(queries.namedInReports, {
    minCases,
    minStations: acrossStations ? 2 : 0,
    ...page,
  });
}

export type Decision = 'confirmed' | 'rejected';

export interface ReviewedCandidate extends SamePersonCandidate {
  readonly status: 'open' | Decision;
  readonly review: IdentityReviewRow | null;
}

async function scoredCandidates(
  executor: Executor,
  entity?: { type: 'Person' | 'PlatformAccount'; id: string },
) {
  const params = { maxShared: SHARED_DEFAULTS.maxShared, scanCap: SHARED_DEFAULTS.scanCap };
  const rows = entity
    ? await executor.run(queries.samePersonEvidenceOf, { ...params, ...entity })
    : await executor.run(queries.samePersonEvidence, params);
  return {
    candidates: rows.map((row) => scoreSamePerson(row.a, row.b, row.shared)),
    capped: rows.length >= SHARED_DEFAULTS.scanCap,
  };
}

/** Candidate same-person links, best first, with the latest decision on each. */
export async function samePersonCandidates(
  executor: Executor,
  options: {
    entity?: { type: 'Person' | 'PlatformAccount'; id: string };
    minScore: number;
    status?: 'open' | Decision;
  } & Page,
): Promise<Omit<SamePersonCandidates, 'skip' | 'limit'>> {
  const { candidates, capped } = await scoredCandidates(executor, options.entity);
  const ranked = candidates
    .filter((candidate) => candidate.score >= options.minScore)
    .sort((x, y) => y.score - x.score || (pairKey(x.a, x.b) < pairKey(y.a, y.b) ? -1 : 1));
  const reviews = await executor.run(queries.identityReviews, {
    pairs: ranked.map((candidate) => pairKey(candidate.a, candidate.b)),
  });
  const latest = new Map<string, IdentityReviewRow>();
  for (const review of reviews) if (!latest.has(review.pair)) latest.set(review.pair, review);
  const reviewed: ReviewedCandidate[] = ranked
    .map((candidate): ReviewedCandidate => {
      const review = latest.get(pairKey(candidate.a, candidate.b)) ?? null;
      const status: ReviewedCandidate['status'] =
        review?.decision === 'confirmed' || review?.decision === 'rejected'
          ? review.decision
          : 'open';
      return { ...candidate, status, review };
    })
    .filter((candidate) => !options.status || candidate.status === options.status);
  return {
    total: reviewed.length,
    candidates: reviewed.slice(options.skip, options.skip + options.limit),
    more: reviewed.length > options.skip + options.limit,
    capped,
  };
}

export interface ReviewRequest {
  readonly a: { type: 'Person' | 'PlatformAccount'; id: string };
  readonly b: { type: 'Person' | 'PlatformAccount'; id: string };
  readonly decision: Decision;
  readonly note?: string | undefined;
}

/** Records a decision on a candidate; the pair must be a current candidate. */
export async function reviewSamePerson(
  executor: Executor,
  request: ReviewRequest,
  decidedBy: string,
): Promise<IdentityReview> {
  const { candidates } = await scoredCandidates(executor, request.a);
  const key = pairKey(request.a, request.b);
  const candidate = candidates.find((found) => pairKey(found.a, found.b) === key);
  if (!candidate) {
    throw notFound(
      `${request.a.type}:${request.a.id} and ${request.b.type}:${request.b.id} are not a ` +
        'candidate same-person pair (they share no handset, address or number).',
    );
  }
  const row = await executor.first(queries.recordIdentityReview, {
    id: randomUUID(),
    pair: key,
    aType: request.a.type,
    aId: request.a.id,
    bType: request.b.type,
    bId: request.b.id,
    decision: request.decision,
    score: candidate.score,
    reasons: candidate.reasons,
    note: request.note ?? null,
    decidedBy,
  });
  if (!row) throw notFound('The pair is no longer in the graph.');
  return row;
}
