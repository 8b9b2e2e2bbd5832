/** Ring analysis runs, their rings, and report-based risk. */
import { z } from 'zod';

/** `POST /api/analysis/runs`: answered at once; follow `progress`. */
export const runStarted = z.object({
  id: z.string(),
  status: z.literal('running'),
  progress: z.string(),
});
export type RunStarted = z.infer<typeof runStarted>;

/** A candidate ring that fell short, with the thresholds it missed; entities as `Type:id`. */
export const nearMiss = z.object({
  typology: z.string(),
  size: z.number().int(),
  score: z.number(),
  entities: z.array(z.string()),
  reasons: z.array(z.string()),
  missed: z.array(z.string()),
});

const count = z.number().nullable();

/** `GET /api/analysis/runs/:id`: parameters, engine, status, progress and results. */
export const analysisRun = z.object({
  id: z.string(),
  params: z.record(z.string(), z.unknown()),
  engine: z.string(),
  version: z.string(),
  startedBy: z.string(),
  status: z.enum(['running', 'finished', 'failed']),
  step: z.string(),
  /** 0..1 */
  fraction: z.number(),
  error: z.string().nullable(),
  nodeCount: count,
  edgeCount: count,
  communities: count,
  modularity: count,
  ringCount: count,
  considered: count,
  /** What the run weighed and found, in plain words; when no ring, why. */
  explanation: z.string().nullable(),
  nearMisses: z.array(nearMiss),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type AnalysisRun = z.infer<typeof analysisRun>;

/** `GET /api/analysis/runs`. */
export const analysisRuns = z.object({
  runs: z.array(analysisRun),
  skip: z.number().int(),
  limit: z.number().int(),
});
export type AnalysisRuns = z.infer<typeof analysisRuns>;

/** `GET /api/analysis/runs/:id/compare`. */
export const runComparison = z.object({
  a: z.string(),
  b: z.string(),
  rings: z.array(
    z.object({
      ring: z.string(),
      size: z.number().int(),
      /** Best-matching ring of the other run (by Jaccard of members), or null. */
      match: z.string().nullable(),
      jaccard: z.number(),
      added: z.array(z.string()),
      removed: z.array(z.string()),
    }),
  ),
  /** Rings of b that no ring of a matched. */
  unmatched: z.array(z.string()),
});
export type RunComparison = z.infer<typeof runComparison>;

export const ringSummary = z.object({
  /** `runId/R1`: the key `GET /api/rings/:run/:ring` takes. */
  id: z.string(),
  /** `R1`: the ring's name within its run. */
  ring: z.string(),
  rank: z.number().int(),
  /** What kind of ring: `mule_chain`, `fan_in`, `cycle`, `calling_ring`, `community`, ... */
  typology: z.string().nullable(),
  score: z.number(),
  size: z.number().int(),
  reasons: z.array(z.string()),
  /** `Type:id` of the ring's top ringleader, or null. */
  ringleader: z.string().nullable(),
  /**
   * The ringleader's name: the person's, or where the data ties the ringleader's account or
   * number to a person, that person's; null when none is known.
   */
  ringleaderName: z.string().nullable(),
});
export type RingSummary = z.infer<typeof ringSummary>;

/** `GET /api/rings`. */
export const rings = z.object({
  run: z.string(),
  rings: z.array(ringSummary),
  skip: z.number().int(),
  more: z.boolean(),
});
export type Rings = z.infer<typeof rings>;

export const ringRole = z.enum([
  'ringleader',
  'key_member',
  'organiser',
  'caller',
  'mule_herder',
  'mule',
  'cash_out',
  'member',
]);
export type RingRole = z.infer<typeof ringRole>;

/** `GET /api/rings/:run/:ring`: members by role with their reasons, and the links between them. */
export const ringDetail = z.object({
  ring: z.object({
    id: z.string(),
    typology: z.string().nullable(),
    score: z.number(),
    size: z.number().int(),
    reasons: z.array(z.string()),
  }),
  members: z.array(
    z.object({
      entity: z.object({ type: z.string(), id: z.string(), label: z.string() }),
      role: z.string(),
      score: z.number(),
      reasons: z.array(z.string()),
    }),
  ),
  links: z.array(
    z.object({ type: z.string(), source: z.string(), target: z.string(), weight: z.number() }),
  ),
});
export type RingDetail = z.infer<typeof ringDetail>;

/** `GET, POST /api/analysis/risk`: one page of the ranking, and what it was computed from. */
export const riskPage = z.object({
  ranking: z.array(
    z.object({
      /** Position in the ranking of the asked types, from 1. */
      rank: z.number().int(),
      type: z.string(),
      id: z.string(),
      score: z.number(),
    }),
  ),
  /** Identities of the asked types in the whole ranking (every one with a score above 0). */
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  /** `offset` of the next page; null on the last one. */
  nextOffset: z.number().int().nullable(),
  types: z.array(z.string()),
  reported: z.number().int(),
  inGraph: z.number().int(),
  notInGraph: z.array(z.string()),
  /** When the analysis graph used began to be read; data loaded later is not in it. */
  graphReadAt: z.string(),
  graphAgeSeconds: z.number(),
  /**
   * The way of ranking the reports chose (`links`, `quiet links`, `learned`, `both` or `either`),
   * and why.
   */
  method: z.string(),
  methodReason: z.string(),
});
export type RiskPage = z.infer<typeof riskPage>;
