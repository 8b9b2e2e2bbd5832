/**
 * Analysis runs kept in Neo4j, so the API, the client and exports read the same results: each run
 * with its parameters, time, engine and version, its progress, and when finished its rings
 * (`(:AnalysisRun)-[:FOUND]->(:Ring)`) with every member's role, score and reasons
 * (`(:Ring)-[:HAS_MEMBER]->(entity)`). Two runs can be compared ring by ring.
 */
import type { AnalysisRun, RingDetail, RunComparison } from '../contract/analysis';
import { RingtraceError } from '../errors';
import type { Executor } from '../db/executor';
import { queries, type RingRow, type RunRow } from '../db/queries';
import type { AnalysisGraph } from '../analysis/rings/graphBuilder';
import type { RingAnalysis } from '../analysis/rings/detect';

export type { AnalysisRun, RingDetail, RunComparison };

/** A candidate ring that fell short, as a run keeps it: entities as `Type:id`. */
export type NearMissRow = AnalysisRun['nearMisses'][number];

/** One ring of a run compared with its best match in the other run. */
export type RingComparison = RunComparison['rings'][number];

export interface Page {
  skip?: number;
  limit?: number;
}

/** Rows per write transaction. */
const WRITE_BATCH = 5_000;
/** Most links a ring's detail returns. */
const RING_LINK_LIMIT = 5_000;
const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;

function page(p: Page = {}): { skip: number; limit: number } {
  const skip = Math.max(0, Math.floor(p.skip ?? 0));
  const limit = Math.min(MAX_PAGE, Math.max(1, Math.floor(p.limit ?? DEFAULT_PAGE)));
  return { skip, limit };
}

function toRun(row: RunRow): AnalysisRun {
  return {
    ...row,
    params: parsedJson<Record<string, unknown>>(row.params, {}),
    nearMisses: parsedJson<NearMissRow[]>(row.nearMisses, []),
  };
}

function parsedJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Records a new run, status running. */
export async function createRun(
  executor: Executor,
  run: {
    id: string;
    params: object;
    engine: 'ringtrace' | 'gds';
    version: string;
    startedBy: string;
  },
): Promise<void> {
  await executor.run(queries.createAnalysisRun, {
    id: run.id,
    params: JSON.stringify(run.params),
    engine: run.engine,
    version: run.version,
    startedBy: run.startedBy,
  });
}

/** Records how far a running analysis has got (`fraction` in 0..1). */
export async function updateRunProgress(
  executor: Executor,
  id: string,
  step: string,
  fraction: number,
): Promise<void> {
  await executor.run(queries.updateAnalysisRunProgress, {
    id,
    step,
    fraction: Math.min(1, Math.max(0, fraction)),
  });
}

function splitKey(key: string): { type: string; id: string } {
  const colon = key.indexOf(':');
  return { type: key.slice(0, colon), id: key.slice(colon + 1) };
}

/** Writes the rings and memberships of a finished run in batches, then marks it finished. */
export async function finishRun(
  executor: Executor,
  id: string,
  analysis: RingAnalysis,
  graph: AnalysisGraph,
): Promise<void> {
  const rings = analysis.rings.map((ring, rank) => ({
    id: `${id}/${ring.id}`,
    ring: ring.id,
    rank: rank + 1,
    typology: ring.typology,
    community: ring.community,
    score: ring.score,
    size: ring.size,
    reasons: ring.reasons,
  }));
  for (let at = 0; at < rings.length; at += WRITE_BATCH) {
    await executor.run(queries.writeAnalysisRings, {
      runId: id,
      rings: rings.slice(at, at + WRITE_BATCH),
    });
  }
  const members = analysis.rings.flatMap((ring) =>
    ring.members.map((member) => ({
      ring: `${id}/${ring.id}`,
      ...splitKey(member.key),
      role: member.role,
      score: member.score,
      reasons: member.reasons,
    })),
  );
  for (let at = 0; at < members.length; at += WRITE_BATCH) {
    await executor.run(queries.writeAnalysisMembers, {
      members: members.slice(at, at + WRITE_BATCH),
    });
  }
  let communities = 0;
  for (const c of analysis.communities) if (c + 1 > communities) communities = c + 1;
  await executor.run(queries.finishAnalysisRun, {
    id,
    nodeCount: graph.nodeCount,
    edgeCount: graph.graph.edgeCount,
    communities,
    modularity: analysis.modularity,
    ringCount: analysis.rings.length,
    considered: analysis.considered,
    explanation: analysis.explanation,
    nearMisses: JSON.stringify(
      analysis.nearMisses.map((miss) => ({
        typology: miss.typology,
        size: miss.size,
        score: Math.round(miss.score * 1000) / 1000,
        entities: miss.nodes.map((v) => graph.keys[v]!),
        reasons: miss.reasons,
        missed: miss.missed,
      })),
    ),
  });
}

/** Marks a run failed with a message for its user. */
export async function failRun(executor: Executor, id: string, message: string): Promise<void> {
  await executor.run(queries.failAnalysisRun, { id, message });
}

/** Runs, newest first. */
export async function listRuns(executor: Executor, p: Page = {}): Promise<AnalysisRun[]> {
  const rows = await executor.run(queries.listAnalysisRuns, page(p));
  return rows.map((row) => toRun(row.run));
}

/** One run, or undefined. */
export async function getRun(executor: Executor, id: string): Promise<AnalysisRun | undefined> {
  const row = await executor.first(queries.getAnalysisRun, { id });
  return row ? toRun(row.run) : undefined;
}

async function resolveRun(executor: Executor, runId: string): Promise<string | undefined> {
  if (runId !== 'latest') return runId;
  return (await executor.first(queries.latestAnalysisRun, {}))?.id;
}

/** A run's rings by rank; `'latest'` for the most recent finished run. */
export async function listRings(
  executor: Executor,
  runId: string,
  p: Page = {},
): Promise<RingRow[]> {
  const id = await resolveRun(executor, runId);
  if (!id) return [];
  return executor.run(queries.listAnalysisRings, { runId: id, ...page(p) });
}

/** One ring (`runId/R1`) with its members and the links between them. */
export async function ringDetail(executor: Executor, ringKey: string): Promise<RingDetail> {
  const row = await executor.first(queries.analysisRingDetail, { id: ringKey });
  if (!row) throw new RingtraceError('not-found', `There is no ring ${ringKey}.`);
  const links = await executor.run(queries.analysisRingLinks, {
    id: ringKey,
    limit: RING_LINK_LIMIT,
  });
  return {
    ring: {
      id: row.ring.id,
      typology: row.ring.typology ?? null,
      score: row.ring.score,
      size: row.ring.size,
      reasons: row.ring.reasons,
    },
    members: row.members.map((member) => ({
      entity: { type: member.type, id: member.id, label: member.label },
      role: member.role,
      score: member.score,
      reasons: member.reasons,
    })),
    links,
  };
}

/** Jaccard index of two sets. */
function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** Compares two runs' rings: for each ring of `a`, the best-matching ring of `b`. */
export function compareMemberships(
  a: { ring: string; members: string[] }[],
  b: { ring: string; members: string[] }[],
): Omit<RunComparison, 'a' | 'b'> {
  const setsB = b.map((ring) => ({ ring: ring.ring, members: new Set(ring.members) }));
  const matched = new Set<string>();
  const rings = a.map((ring) => {
    const members = new Set(ring.members);
    let best: { ring: string; members: Set<string> } | undefined;
    let bestJaccard = 0;
    for (const other of setsB) {
      const value = jaccard(members, other.members);
      if (value > bestJaccard) {
        bestJaccard = value;
        best = other;
      }
    }
    if (best) matched.add(best.ring);
    return {
      ring: ring.ring,
      size: members.size,
      match: best?.ring ?? null,
      jaccard: Math.round(bestJaccard * 1000) / 1000,
      added: best ? [...best.members].filter((x) => !members.has(x)).sort() : [],
      removed: best ? [...members].filter((x) => !best.members.has(x)).sort() : [],
    };
  });
  return { rings, unmatched: b.map((ring) => ring.ring).filter((ring) => !matched.has(ring)) };
}

/** Ring overlap between runs `a` and `b` (ids or 'latest'). */
export async function compareRuns(
  executor: Executor,
  a: string,
  b: string,
): Promise<RunComparison> {
  const idA = await resolveRun(executor, a);
  const idB = await resolveRun(executor, b);
  if (!idA || !(await getRun(executor, idA))) {
    throw new RingtraceError('not-found', `There is no analysis run ${a}.`);
  }
  if (!idB || !(await getRun(executor, idB))) {
    throw new RingtraceError('not-found', `There is no analysis run ${b}.`);
  }
  const [ringsA, ringsB] = await Promise.all([
    executor.run(queries.analysisRunMemberships, { runId: idA }),
    executor.run(queries.analysisRunMemberships, { runId: idB }),
  ]);
  return { a: idA, b: idB, ...compareMemberships(ringsA, ringsB) };
}
