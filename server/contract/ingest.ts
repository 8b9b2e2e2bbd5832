/** Partner file uploads as the API answers them. */
import { z } from 'zod';

/** `POST /api/ingest/:kind`: what the load read, loaded, skipped and rejected. */
export const loadSummary = z.object({
  file: z.string(),
  kind: z.string(),
  organisation: z.string(),
  sourceId: z.string(),
  rowsRead: z.number().int(),
  loaded: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  /** The first rejected rows, with why. */
  rejects: z.array(z.object({ line: z.number().int(), reason: z.string() })).readonly(),
  /**
   * Every rejected row counted by its reason, quoted values left out (`amount "…" is too large`),
   * the most common first (20 at most, then `other reasons`).
   */
  rejectReasons: z.array(z.object({ reason: z.string(), rows: z.number().int() })).readonly(),
  /** The line after which this load resumed an interrupted one; null for a full load. */
  resumedAfterLine: z.number().int().nullable(),
  complete: z.boolean(),
  seconds: z.number(),
});
export type LoadSummary = z.infer<typeof loadSummary>;
