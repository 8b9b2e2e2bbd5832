/** Shared identifiers: SIM-box handsets, shared origins, repeatedly reported ones, same-person. */
import { z } from 'zod';

const page = { skip: z.number().int(), limit: z.number().int() };

/** `GET /api/shared/handsets`. */
export const sharedHandsets = z.object({
  handsets: z.array(
    z.object({
      device: z.string(),
      kind: z.string(),
      reasons: z.array(z.string()),
      sims: z.number().int(),
      numbers: z.number().int(),
      calls: z.number().int(),
      first: z.string(),
      last: z.string(),
    }),
  ),
  ...page,
});
export type SharedHandsets = z.infer<typeof sharedHandsets>;

/** `GET /api/shared/origins`. */
export const sharedOrigins = z.object({
  origins: z.array(
    z.object({
      type: z.string(),
      id: z.string(),
      accounts: z.array(z.string()),
      total: z.number().int(),
    }),
  ),
  ...page,
});
export type SharedOrigins = z.infer<typeof sharedOrigins>;

/** `GET /api/shared/reported`. */
export const namedInReports = z.object({
  entities: z.array(
    z.object({
      type: z.string(),
      id: z.string(),
      cases: z.array(z.string()),
      stations: z.array(z.string()),
      lossMinor: z.number(),
    }),
  ),
  ...page,
});
export type NamedInReports = z.infer<typeof namedInReports>;

/** A decision on a same-person pair (`POST /api/shared/same-person/reviews`). */
export const identityReview = z.object({
  id: z.string(),
  /** The pair's key: both `Type:id`, in order. */
  pair: z.string(),
  decision: z.string(),
  score: z.number(),
  reasons: z.array(z.string()),
  note: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});
export type IdentityReview = z.infer<typeof identityReview>;

const identity = z.object({ type: z.string(), id: z.string(), name: z.string().nullable() });

/** `GET /api/shared/same-person`. */
export const samePersonCandidates = z.object({
  total: z.number().int(),
  candidates: z.array(
    z.object({
      a: identity,
      b: identity,
      score: z.number(),
      reasons: z.array(z.string()),
      status: z.enum(['open', 'confirmed', 'rejected']),
      review: identityReview.nullable(),
    }),
  ),
  more: z.boolean(),
  capped: z.boolean(),
  ...page,
});
export type SamePersonCandidates = z.infer<typeof samePersonCandidates>;
