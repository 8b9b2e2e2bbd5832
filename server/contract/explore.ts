/**
 * Exploring the graph: search, one entity, its neighbours, paths between entities, timelines and
 * what the graph holds. Entities are `{ type, id }`; keys are `Type:id` everywhere.
 */
import { z } from 'zod';

/** `GET /api/graph/summary`: how many nodes of each kind. */
export const graphSummary = z.object({ counts: z.record(z.string(), z.number()) });
export type GraphSummary = z.infer<typeof graphSummary>;

export const searchHit = z.object({
  type: z.string(),
  id: z.string(),
  label: z.string(),
  rank: z.number(),
  summary: z.string(),
});
export type SearchHit = z.infer<typeof searchHit>;

/** `GET /api/search`. */
export const searchHits = z.object({ hits: z.array(searchHit) });
export type SearchHits = z.infer<typeof searchHits>;

/**
 * What the details panel says of an identity beside its properties: the people holding or using
 * it, the file that first described it, and its links counted by type and direction.
 */
export const entityContext = z.object({
  people: z.array(z.string()),
  source: z
    .object({
      organisation: z.string().nullable(),
      kind: z.string().nullable(),
      fileName: z.string().nullable(),
    })
    .nullable(),
  links: z.array(
    z.object({ relationship: z.string(), outgoing: z.boolean(), count: z.number().int() }),
  ),
});
export type EntityContext = z.infer<typeof entityContext>;

/** `GET /api/entities/:type/:id` (`context` for police users, not for partners). */
export const entityView = z.object({
  type: z.string(),
  id: z.string(),
  labels: z.array(z.string()),
  properties: z.record(z.string(), z.unknown()),
  context: entityContext.optional(),
});
export type EntityView = z.infer<typeof entityView>;

export const neighbourCount = z.object({
  relationship: z.string(),
  outgoing: z.boolean(),
  neighbourType: z.string(),
  count: z.number().int(),
});
export type NeighbourCount = z.infer<typeof neighbourCount>;

/** `GET /api/entities/:type/:id/neighbours/counts`. */
export const neighbourCounts = z.object({
  total: z.number().int(),
  counts: z.array(neighbourCount),
});
export type NeighbourCounts = z.infer<typeof neighbourCounts>;

const pageOfNeighbours = {
  total: z.number().int(),
  skip: z.number().int(),
  limit: z.number().int(),
  /** Neighbours the guard left out (too many, or past the scan cap). */
  leftOut: z.number().int(),
  capped: z.boolean(),
  note: z.string().nullable(),
};

export const neighbour = z.object({
  relationship: z.string(),
  outgoing: z.boolean(),
  type: z.string(),
  id: z.string(),
  /** A person's name (drawn instead of their ID number); null for other kinds. */
  name: z.string().nullable().optional(),
  degree: z.number(),
  at: z.string().nullable(),
  /** The relationship's properties: provenance (`sourceId`, `sourceLine`) or aggregate counts. */
  properties: z.record(z.string(), z.unknown()),
});
export type Neighbour = z.infer<typeof neighbour>;

/** `GET /api/entities/:type/:id/neighbours` (one hop). */
export const neighbourPage = z.object({ neighbours: z.array(neighbour), ...pageOfNeighbours });
export type NeighbourPage = z.infer<typeof neighbourPage>;

/** `GET /api/entities/:type/:id/neighbours?hops=2`: neighbours of neighbours. */
export const twoHopNeighbourPage = z.object({
  hops: z.number().int(),
  /** Neighbours at the first hop the second was reached through. */
  firstHop: z.number().int(),
  neighbours: z.array(
    z.object({
      type: z.string(),
      id: z.string(),
      /** How many first-hop neighbours lead to it, and (some of) their keys. */
      via: z.number().int(),
      through: z.array(z.string()),
    }),
  ),
  ...pageOfNeighbours,
});
export type TwoHopNeighbourPage = z.infer<typeof twoHopNeighbourPage>;

export const neighbourAnswer = z.union([neighbourPage, twoHopNeighbourPage]);

export const pathNode = z.object({ type: z.string(), id: z.string(), label: z.string() });
export type PathNode = z.infer<typeof pathNode>;

/** A link of a path; a transfer or call also carries its time, amount, currency, ... */
export const pathLink = z.looseObject({
  type: z.string(),
  /** `Type:id` of the link's start and end. */
  source: z.string(),
  target: z.string(),
});
export type PathLink = z.infer<typeof pathLink>;

const pair = z.tuple([z.string(), z.string()]);

/** `GET /api/paths`; time-respecting answers also give their window, a note and `capped`. */
export const pathsAnswer = z.object({
  paths: z.array(z.object({ between: pair, nodes: z.array(pathNode), links: z.array(pathLink) })),
  unconnected: z.array(pair),
  capped: z.boolean().optional(),
  window: z.object({ from: z.string(), to: z.string() }).optional(),
  note: z.string().optional(),
});
export type PathsAnswer = z.infer<typeof pathsAnswer>;

export const timelineEvent = z.object({
  kind: z.string(),
  id: z.string(),
  at: z.string(),
  offset: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  amountMinor: z.number().nullable(),
  currency: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  detail: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEvent>;

/** `GET /api/timeline`. */
export const timeline = z.object({
  events: z.array(timelineEvent),
  skip: z.number().int(),
  limit: z.number().int(),
  more: z.boolean(),
});
export type Timeline = z.infer<typeof timeline>;
