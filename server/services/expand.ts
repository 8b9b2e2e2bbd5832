/**
 * Guarded expansion: first the counts of an entity's neighbours by relationship and kind, then a
 * page of the neighbours chosen by filter. At most `scanCap` neighbours are ever considered, so a
 * supernode (a call centre, a payment processor) cannot overload the server, and the answer says
 * when that cap cut the list short.
 */
import { INVESTIGATION_LABELS, REL_TYPES, type RelType } from '../contract/graph';
import type { NeighbourCounts, NeighbourPage, TwoHopNeighbourPage } from '../contract/explore';
import type { Executor } from '../db/executor';
import { queries } from '../db/queries';
import { notFound } from '../errors';
import type { EntityType } from './entities';

export const EXPAND_DEFAULTS = {
  limit: 50,
  maxLimit: 200,
  scanCap: 5_000,
  /** Two hops: most first-hop neighbours followed, and most links out of each. */
  twoHopFirstCap: 500,
  twoHopPerNeighbourCap: 100,
} as const;

/**
 * What an expansion does with each relationship type: `step` — shown, and a one-hop expansion can
 * be filtered by it (links to and from records); `link` — also followed by two-hop expansions and
 * paths (identity-level links and aggregates); `never` — bookkeeping, never expanded.
 */
export const EXPANSION_RULES = {
  SENT: 'step',
  TO: 'step',
  TRANSFERRED: 'link',
  MADE: 'step',
  CALLED: 'link',
  VIA_SIM: 'step',
  VIA_DEVICE: 'step',
  SEEN_IN: 'link',
  HAS_NUMBER: 'link',
  SIGHTED: 'step',
  IN_DEVICE: 'step',
  WITH_NUMBER: 'step',
  HOLDS: 'link',
  REGISTERED_WITH: 'link',
  REGISTERED_FROM: 'link',
  LOGGED_IN: 'step',
  FROM_IP: 'step',
  FROM_DEVICE: 'step',
  USED_IP: 'link',
  USED_DEVICE: 'link',
  WROTE: 'step',
  MESSAGED: 'link',
  REPORTED: 'link',
  USES_NUMBER: 'link',
  REPORTED_AT: 'link',
  NAMES: 'link',
  FOUND: 'never',
  HAS_MEMBER: 'never',
  ABOUT: 'never',
  OWNED_BY: 'never',
  SESSION_OF: 'never',
  ISSUED_TO: 'never',
  STOP_ON: 'never',
  SECURES: 'never',
} as const satisfies Record<RelType, 'step' | 'link' | 'never'>;

type Rule = (typeof EXPANSION_RULES)[RelType];
type RelTypeWith<Allowed extends Rule> = {
  [R in RelType]: (typeof EXPANSION_RULES)[R] extends Allowed ? R : never;
}[RelType];

/** The relationship types with one of these rules, in the graph model's order. */
function relTypesWith<Allowed extends Rule>(...allowed: Allowed[]) {
  const rules: readonly Rule[] = allowed;
  const chosen = REL_TYPES.filter((type) => rules.includes(EXPANSION_RULES[type]));
  return chosen as unknown as readonly [RelTypeWith<Allowed>, ...RelTypeWith<Allowed>[]];
}

/** Relationship types a user may filter an expansion by. */
export const RELATIONSHIP_TYPES = relTypesWith('step', 'link');

/** Identity-level links and aggregates: what two-hop expansions and paths follow. */
export const IDENTITY_LINK_TYPES = relTypesWith('link');

/** Neighbour kinds a user may filter an expansion by: identities and records. */
export const NEIGHBOUR_TYPES = INVESTIGATION_LABELS;

export interface NeighbourFilter {
  readonly relationships?: readonly string[] | undefined;
  readonly neighbourTypes?: readonly string[] | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly order: 'most' | 'least';
  readonly skip: number;
  readonly limit: number;
}

export async function neighbourCounts(
  executor: Executor,
  type: EntityType,
  id: string,
): Promise<NeighbourCounts> {
  const counts = await executor.run(queries.neighbourCounts, { type, id });
  if (counts.length === 0 && !(await exists(executor, type, id))) {
    throw notFound(`No ${type} with id ${id}.`);
  }
  return { total: counts.reduce((sum, row) => sum + row.count, 0), counts };
}

async function exists(executor: Executor, type: EntityType, id: string): Promise<boolean> {
  return (await executor.first(queries.entityById, { type, id, organisation: null })) !== undefined;
}

export async function neighbourPage(
  executor: Executor,
  type: EntityType,
  id: string,
  filter: NeighbourFilter,
): Promise<NeighbourPage> {
  const row = await executor.first(queries.neighbourPage, {
    type,
    id,
    relationships: filter.relationships ? [...filter.relationships] : null,
    neighbourTypes: filter.neighbourTypes ? [...filter.neighbourTypes] : null,
    from: filter.from ?? null,
    to: filter.to ?? null,
    mostConnected: filter.order === 'most',
    scanCap: EXPAND_DEFAULTS.scanCap,
    skip: filter.skip,
    limit: filter.limit,
  });
  if (!row) {
    if (!(await exists(executor, type, id))) throw notFound(`No ${type} with id ${id}.`);
    return {
      neighbours: [],
      total: 0,
      skip: filter.skip,
      limit: filter.limit,
      leftOut: 0,
      capped: false,
      note: null,
    };
  }
  const capped = row.total >= EXPAND_DEFAULTS.scanCap;
  return {
    neighbours: row.neighbours,
    total: row.total,
    skip: filter.skip,
    limit: filter.limit,
    leftOut: Math.max(0, row.total - filter.skip - row.neighbours.length),
    capped,
    note: capped
      ? `Only the first ${EXPAND_DEFAULTS.scanCap} neighbours were considered; narrow the ` +
        'relationship types, kinds or time window to see the rest.'
      : null,
  };
}

/**
 * Entities two links away (neighbours of neighbours) over identity-level links, ranked by how many
 * neighbours lead to each; guarded at both hops, and the answer says what the guard cut.
 */
export async function twoHopNeighbourPage(
  executor: Executor,
  type: EntityType,
  id: string,
  filter: Pick<NeighbourFilter, 'neighbourTypes' | 'skip' | 'limit'> & {
    relationships: readonly string[];
  },
): Promise<TwoHopNeighbourPage> {
  const row = await executor.first(queries.twoHopNeighbourPage, {
    type,
    id,
    relationships: [...filter.relationships],
    neighbourTypes: filter.neighbourTypes ? [...filter.neighbourTypes] : null,
    firstCap: EXPAND_DEFAULTS.twoHopFirstCap,
    perNeighbourCap: EXPAND_DEFAULTS.twoHopPerNeighbourCap,
    skip: filter.skip,
    limit: filter.limit,
  });
  if (!row && !(await exists(executor, type, id))) throw notFound(`No ${type} with id ${id}.`);
  const notes: string[] = [];
  if (row?.firstHopCapped) {
    notes.push(`Only the first ${EXPAND_DEFAULTS.twoHopFirstCap} neighbours were followed.`);
  }
  if (row && row.cutNeighbours > 0) {
    notes.push(
      `${row.cutNeighbours} neighbours have more than ${EXPAND_DEFAULTS.twoHopPerNeighbourCap} ` +
        'links; only that many of each were followed (narrow the link types to see the rest).',
    );
  }
  return {
    hops: 2,
    firstHop: row?.firstHop ?? 0,
    neighbours: row?.neighbours ?? [],
    total: row?.total ?? 0,
    skip: filter.skip,
    limit: filter.limit,
    leftOut: Math.max(0, (row?.total ?? 0) - filter.skip - (row?.neighbours.length ?? 0)),
    capped: notes.length > 0,
    note: notes.length > 0 ? notes.join(' ') : null,
  };
}
