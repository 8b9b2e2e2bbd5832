/**
 * Paths between entities: the shortest ones over chosen link types (k of them per pair), or
 * time-respecting ones over money transfers or calls, each hop later than the one before within a
 * window (found by an earliest-arrival search, one query per hop, supernodes capped).
 */
import type { PathLink, PathNode, PathsAnswer } from '../contract/explore';
import type { Executor } from '../db/executor';
import { queries } from '../db/queries';
import { badRequest } from '../errors';
import type { EntityType } from './entities';
import { IDENTITY_LINK_TYPES } from './expand';

export const PATH_DEFAULTS = {
  k: 1,
  maxK: 5,
  maxHops: 4,
  /** The most hops any search goes. */
  hopCap: 6,
  maxEntities: 5,
  /** Most events followed out of one entity per hop of a time-respecting search. */
  perNode: 200,
  /** Most entities reached by a time-respecting search before it gives up. */
  reachCap: 20_000,
  windowDays: 30,
} as const;

/** Identity-level links and aggregates a path may use (events are summarised by aggregates). */
export const PATH_LINK_TYPES = IDENTITY_LINK_TYPES;
export type PathLinkType = (typeof PATH_LINK_TYPES)[number];

export interface EntityRef {
  readonly type: EntityType;
  readonly id: string;
}

export type { PathLink, PathNode };

export interface Path {
  readonly nodes: PathNode[];
  readonly links: PathLink[];
}

/** Every pair of the given entities, in order. */
function pairs<T>(items: readonly T[]): [T, T][] {
  const result: [T, T][] = [];
  items.forEach((first, index) => {
    for (const second of items.slice(index + 1)) result.push([first, second]);
  });
  return result;
}

export interface ShortestPathOptions {
  readonly relationships: readonly PathLinkType[];
  readonly k: number;
  readonly maxHops: number;
}

/** Up to k shortest paths between every pair of the entities. */
export async function shortestPaths(
  executor: Executor,
  entities: readonly EntityRef[],
  options: ShortestPathOptions,
): Promise<Pick<PathsAnswer, 'paths' | 'unconnected'>> {
  const found: (Path & { between: [string, string] })[] = [];
  const unconnected: [string, string][] = [];
  for (const [from, to] of pairs(entities)) {
    const between: [string, string] = [`${from.type}:${from.id}`, `${to.type}:${to.id}`];
    const rows = await executor.run(queries.shortestPaths, {
      fromType: from.type,
      fromId: from.id,
      toType: to.type,
      toId: to.id,
      relationships: [...options.relationships],
      maxHops: options.maxHops,
      k: options.k,
    });
    if (rows.length === 0) unconnected.push(between);
    for (const row of rows) found.push({ between, nodes: row.nodes, links: row.links });
  }
  return { paths: found, unconnected };
}

export interface TimeRespectingOptions {
  readonly maxHops: number;
  /** ISO-8601 window; the first hop may not start before `from`. */
  readonly from: string;
  readonly to: string;
}

/**
 * The earliest-arriving time-respecting path from each entity to each later one in the list:
 * transfers between accounts or calls between numbers, each later than the one before.
 */
export async function timeRespectingPaths(
  executor: Executor,
  entities: readonly EntityRef[],
  options: TimeRespectingOptions,
): Promise<Pick<PathsAnswer, 'paths' | 'unconnected'> & { capped: boolean }> {
  const kind = entities[0]?.type;
  if ((kind !== 'BankAccount' && kind !== 'PhoneNumber') || entities.some((e) => e.type !== kind)) {
    throw badRequest(
      'Time-respecting paths run over transfers between bank accounts or calls between phone ' +
        'numbers: give only BankAccount or only PhoneNumber entities.',
    );
  }
  const found: (Path & { between: [string, string] })[] = [];
  const unconnected: [string, string][] = [];
  let capped = false;
  for (const [from, to] of pairs(entities)) {
    const between: [string, string] = [`${kind}:${from.id}`, `${kind}:${to.id}`];
    const search = await earliestArrival(executor, kind, from.id, to.id, options);
    capped ||= search.capped;
    if (search.path) found.push({ between, ...search.path });
    else unconnected.push(between);
  }
  return { paths: found, unconnected, capped };
}

interface Arrival {
  readonly from: string;
  readonly event: string;
  readonly at: string;
  readonly amountMinor: number | null;
  readonly currency: string | null;
}

async function earliestArrival(
  executor: Executor,
  kind: 'BankAccount' | 'PhoneNumber',
  source: string,
  target: string,
  options: TimeRespectingOptions,
): Promise<{ path?: Path; capped: boolean }> {
  const arrivals = new Map<string, Arrival | null>([[source, null]]);
  let frontier = [{ node: source, after: options.from }];
  let capped = false;
  for (let hop = 1; hop <= options.maxHops && frontier.length > 0; hop += 1) {
    const rows = await executor.run(queries.eventsOutAfter, {
      kind,
      frontier,
      until: options.to,
      perNode: PATH_DEFAULTS.perNode,
    });
    const next = new Map<string, string>();
    for (const row of rows) {
      if (arrivals.has(row.to)) continue;
      const at = new Date(row.at).toISOString();
      arrivals.set(row.to, { ...row, at });
      next.set(row.to, at);
    }
    if (arrivals.has(target)) break;
    if (arrivals.size > PATH_DEFAULTS.reachCap) {
      capped = true;
      break;
    }
    frontier = [...next.entries()].map(([node, after]) => ({ node, after }));
  }
  if (!arrivals.has(target)) return { capped };

  const links: PathLink[] = [];
  const ids = [target];
  for (let at = arrivals.get(target); at; at = arrivals.get(at.from)) {
    links.unshift({
      type: kind === 'BankAccount' ? 'TRANSFER' : 'CALL',
      source: `${kind}:${at.from}`,
      target: `${kind}:${ids[0] ?? ''}`,
      event: at.event,
      time: at.at,
      ...(at.amountMinor === null ? {} : { amountMinor: at.amountMinor, currency: at.currency }),
    });
    ids.unshift(at.from);
  }
  return {
    path: { nodes: ids.map((id) => ({ type: kind, id, label: id })), links },
    capped,
  };
}
