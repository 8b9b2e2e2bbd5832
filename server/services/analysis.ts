/**
 * Running ring analyses and report-based risk for the API. A run is recorded at once and answered
 * with its id; the work goes on in the background: the analysis graph is read from Neo4j, the
 * communities are found by Ringtrace (in a worker thread) or by GDS, rings and roles are found in
 * the worker, and the result is written back. Progress is kept on the run, so any request (and
 * any server of a cluster) can read it. One run at a time per server protects the database.
 * Report-based risk keeps the whole-graph analysis graph between requests until something is
 * loaded (this server's uploads say so; a stamp of what the database holds, checked on each
 * request, catches the rest), and keeps each ranking so that its pages come from one scoring.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  detectRingsInWorker,
  limitAnalysisHeap,
  prepareAnalysisWorker,
  scoreRiskInWorker,
} from '../analysis/runInWorker';
import type { AnalysisGraph } from '../analysis/rings/graphBuilder';
import type { RiskPage } from '../contract/analysis';
import type { Executor } from '../db/executor';
import { queries } from '../db/queries';
import { RingtraceError, badRequest } from '../errors';
import { RINGTRACE_VERSION } from '../version';
import {
  ANALYSIS_NODE_TYPES,
  readAnalysisGraph,
  readAnalysisGraphNamedLater,
  type AnalysisNodeType,
  type AnalysisScope,
} from './analysisGraph';
import { createRun, failRun, finishRun, updateRunProgress } from './analysisRuns';
import { gdsCommunities } from './gdsCommunities';

export interface RunRequest {
  readonly algorithm: 'leiden' | 'louvain';
  readonly engine: 'ringtrace' | 'gds';
  readonly resolution: number;
  readonly seed: number;
  readonly scope: AnalysisScope;
}

/** Progress is written to the run at most this often (and at every new step). */
const PROGRESS_EVERY_MS = 1_000;

/** How report-based risk keeps what it read and scored between requests. */
export const RISK_DEFAULTS = {
  /**
   * How long the whole-graph analysis graph is reused while the stamp of what is loaded is
   * unchanged and this server signalled no load (10 minutes).
   */
  graphTtlMs: 10 * 60_000,
  /** Rankings (one per set of reported identities) kept with the graph, for paging (4). */
  rankingsKept: 4,
  /**
   * Identities found absent after a fresh read, remembered with the graph so that naming them
   * again does not read it again (100,000).
   */
  absentKept: 100_000,
} as const;

/** Identity types ranked when a request names none: every type but `Case`. */
const DEFAULT_RANKED_TYPES = ANALYSIS_NODE_TYPES.filter((type) => type !== 'Case');

export interface RiskRequest {
  readonly reported: readonly { readonly type: string; readonly id: string }[];
  /** Position in the ranking of the first entry answered (0 for the top). */
  readonly offset: number;
  readonly limit: number;
  /** Types to rank; default every type but `Case`. */
  readonly types?: readonly AnalysisNodeType[] | undefined;
  /** Rank `Case` nodes too. */
  readonly includeCases?: boolean | undefined;
}

/** One page of a risk ranking, and what it was computed from (the API contract's answer). */
export type { RiskPage };
export type RiskEntry = RiskPage['ranking'][number];

/** The whole-graph analysis graph as kept for risk requests. */
interface KeptGraph {
  readonly graph: AnalysisGraph;
  readonly index: Map<string, number>;
  /** When its read began (epoch ms). */
  readonly readAt: number;
  /** The loaded stamp and this server's load count when its read began. */
  readonly stamp: string;
  readonly loads: number;
  /** Rankings by their reported nodes, least recently used first. */
  readonly rankings: Map<string, Promise<Ranking>>;
  readonly absent: Set<string>;
}

export interface Ranking {
  readonly scores: Float64Array;
  readonly method: string;
  readonly methodReason: string;
  /** Nodes with a score above 0, the reported ones left out, best first. */
  readonly order: Int32Array;
}

/** The reported identities as nodes of the kept graph (distinct, in order), and those it lacks. */
function seedsIn(
  kept: Pick<KeptGraph, 'index'>,
  reported: RiskRequest['reported'],
): { seeds: number[]; unknown: string[] } {
  const seeds = new Set<number>();
  const unknown = new Set<string>();
  for (const entity of reported) {
    const key = `${entity.type}:${entity.id}`;
    const node = kept.index.get(key);
    if (node === undefined) unknown.add(key);
    else seeds.add(node);
  }
  return { seeds: [...seeds].sort((a, b) => a - b), unknown: [...unknown] };
}

/** The types a request ranks: those it names (every type but `Case` if none), `Case` if asked. */
export function rankedTypes(
  types: readonly AnalysisNodeType[] | undefined,
  includeCases: boolean,
): AnalysisNodeType[] {
  const chosen = new Set<AnalysisNodeType>(types ?? DEFAULT_RANKED_TYPES);
  if (includeCases) chosen.add('Case');
  return ANALYSIS_NODE_TYPES.filter((type) => chosen.has(type));
}

/**
 * Nodes with a score above 0, `reported` left out, best first; ties in key order, so that pages
 * of one ranking never overlap.
 */
export function rankByScore(
  scores: Float64Array,
  keys: readonly string[],
  reported: ReadonlySet<number>,
): Int32Array {
  const nodes: number[] = [];
  for (let node = 0; node < scores.length; node += 1) {
    if ((scores[node] ?? 0) > 0 && !reported.has(node)) nodes.push(node);
  }
  return Int32Array.from(nodes).sort((a, b) => {
    const byScore = (scores[b] ?? 0) - (scores[a] ?? 0);
    if (byScore !== 0) return byScore;
    const keyA = keys[a] ?? '';
    const keyB = keys[b] ?? '';
    return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
  });
}

/** Entries `offset` to `offset + limit` of a ranking, counting only nodes of `types`. */
export function pageOfRanking(
  graph: Pick<AnalysisGraph, 'keys' | 'types'>,
  ranking: Pick<Ranking, 'scores' | 'order'>,
  types: readonly AnalysisNodeType[],
  offset: number,
  limit: number,
): { entries: RiskEntry[]; total: number } {
  const wanted = new Set(types.map((type) => ANALYSIS_NODE_TYPES.indexOf(type)));
  const entries: RiskEntry[] = [];
  let total = 0;
  for (const node of ranking.order) {
    if (!wanted.has(graph.types[node] ?? -1)) continue;
    if (total >= offset && entries.length < limit) {
      const key = graph.keys[node] ?? '';
      const colon = key.indexOf(':');
      entries.push({
        rank: total + 1,
        type: key.slice(0, colon),
        id: key.slice(colon + 1),
        score: ranking.scores[node] ?? 0,
      });
    }
    total += 1;
  }
  return { entries, total };
}

/**
 * The graph a run analyses. Over the whole graph or a time window, it comes as soon as it is
 * built and its keys follow (read while communities are found); around chosen cases, the cases'
 * keys are needed first.
 */
export async function readRunGraph(
  executor: Executor,
  scope: AnalysisScope,
  onProgress: (step: string, fraction: number) => void,
): Promise<{ graph: AnalysisGraph; keys?: Promise<string[]> }> {
  if (scope.cases && scope.cases.length > 0) {
    return { graph: await readAnalysisGraph(executor, scope, onProgress) };
  }
  return readAnalysisGraphNamedLater(executor, scope, onProgress);
}

export class AnalysisService {
  readonly #executor: Executor;
  readonly #logger: Logger;
  readonly #running = new Map<string, Promise<void>>();
  #riskGraph: KeptGraph | undefined;
  /** The whole-graph read in progress for risk requests, if any. */
  #riskRead:
    { graph: Promise<KeptGraph>; readAt: number; stamp: string; loads: number } | undefined;
  /** Loads this server signalled (`dataLoaded`). */
  #loads = 0;

  /** `heapMegabytes`: the analysis threads' heap (`Config.analysisHeapMegabytes`). */
  constructor(executor: Executor, logger: Logger, heapMegabytes?: number) {
    this.#executor = executor;
    this.#logger = logger.child({ component: 'analysis' });
    if (heapMegabytes !== undefined) limitAnalysisHeap(heapMegabytes);
  }

  /** Records a run and starts it in the background; resolves with its id. */
  async start(request: RunRequest, startedBy: string): Promise<{ id: string }> {
    const [busy] = this.#running.keys();
    if (busy) {
      throw new RingtraceError(
        'conflict',
        `Analysis ${busy} is still running; wait for it to finish before starting another.`,
      );
    }
    if (request.engine === 'gds' && !(await this.#gdsLoaded())) {
      throw badRequest(
        'Graph Data Science is not installed on this Neo4j; use engine "ringtrace".',
      );
    }
    const id = randomUUID();
    const params = {
      algorithm: request.algorithm,
      resolution: request.resolution,
      seed: request.seed,
      scope: request.scope,
    };
    await createRun(this.#executor, {
      id,
      params,
      engine: request.engine,
      version: RINGTRACE_VERSION,
      startedBy,
    });
    const work = this.#run(id, request).finally(() => this.#running.delete(id));
    this.#running.set(id, work);
    return { id };
  }

  /** Resolves when no run is in progress (tests, and a graceful stop). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.#running.values()]);
  }

  async #gdsLoaded(): Promise<boolean> {
    try {
      return (await this.#executor.first(queries.gdsVersion, {})) !== undefined;
    } catch {
      return false;
    }
  }

  async #run(id: string, request: RunRequest): Promise<void> {
    let lastWrite = 0;
    let lastStep = '';
    let writing = Promise.resolve();
    const progress = (step: string, fraction: number) => {
      const now = Date.now();
      if (step === lastStep && now - lastWrite < PROGRESS_EVERY_MS) return;
      lastStep = step;
      lastWrite = now;
      writing = writing
        .then(() => updateRunProgress(this.#executor, id, step, fraction))
        .catch((error: unknown) => this.#logger.warn({ err: error, id }, 'Progress not saved'));
    };
    const started = Date.now();
    // The worker starts while the graph is read.
    prepareAnalysisWorker();
    try {
      const { graph, keys } = await readRunGraph(this.#executor, request.scope, (step, fraction) =>
        progress(step, fraction * 0.4),
      );
      let communities: Int32Array | undefined;
      if (request.engine === 'gds') {
        progress('GDS: finding communities', 0.45);
        communities = await gdsCommunities(this.#executor, graph.graph, request);
      }
      const analysis = await detectRingsInWorker(
        graph,
        { algorithm: request.algorithm, resolution: request.resolution, seed: request.seed },
        communities,
        (step, fraction) => progress(step, 0.5 + fraction * 0.4),
        keys,
      );
      progress('saving rings', 0.9);
      await writing;
      await finishRun(this.#executor, id, analysis, graph);
      this.#logger.info(
        { id, rings: analysis.rings.length, seconds: (Date.now() - started) / 1000 },
        'Analysis finished',
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#logger.error({ err: error, id }, 'Analysis failed');
      await writing;
      await failRun(this.#executor, id, message).catch(() => undefined);
    }
  }

  /**
   * Data was loaded into the graph by this server (an upload finished, or stopped part way): the
   * next risk request reads the analysis graph again instead of using the one it keeps.
   */
  dataLoaded(): void {
    this.#loads += 1;
  }

  /**
   * Who works most closely with the reported identities: every identity of the graph scored
   * (report-based risk), the reported ones left out of the ranking, and one page of the ranking
   * answered. The whole-graph analysis graph is kept between requests while nothing was loaded
   * (see `RISK_DEFAULTS`); a reported identity it lacks makes it read again once before the
   * identity is called absent. The ranking of one list of reported identities is kept with the
   * graph, so the pages of a ranking come from one scoring.
   */
  async risk(request: RiskRequest): Promise<RiskPage> {
    const asked = Date.now();
    let kept = await this.#graphForRisk();
    let found = seedsIn(kept, request.reported);
    if (found.unknown.some((key) => !kept.absent.has(key)) && kept.readAt < asked) {
      kept = await this.#graphForRisk(asked);
      found = seedsIn(kept, request.reported);
    }
    if (kept.absent.size + found.unknown.length <= RISK_DEFAULTS.absentKept) {
      for (const key of found.unknown) kept.absent.add(key);
    }
    if (found.seeds.length === 0) {
      const shown = found.unknown.slice(0, 20).join(', ');
      const more = found.unknown.length > 20 ? ` and ${found.unknown.length - 20} more` : '';
      throw badRequest(
        `None of the reported identities is in the analysis graph (${shown}${more}), read ` +
          `${new Date(kept.readAt).toISOString()}; only identities with transfers, calls, ` +
          'handsets, platform links, holders or reports are in it. Check the type and id.',
      );
    }
    const ranking = await this.#ranking(kept, found.seeds);
    const types = rankedTypes(request.types, request.includeCases ?? false);
    const page = pageOfRanking(kept.graph, ranking, types, request.offset, request.limit);
    return {
      ranking: page.entries,
      total: page.total,
      offset: request.offset,
      limit: request.limit,
      nextOffset:
        request.offset + page.entries.length < page.total
          ? request.offset + page.entries.length
          : null,
      types,
      reported: found.seeds.length + found.unknown.length,
      inGraph: found.seeds.length,
      notInGraph: found.unknown,
      graphReadAt: new Date(kept.readAt).toISOString(),
      graphAgeSeconds: Math.round((Date.now() - kept.readAt) / 1000),
      method: ranking.method,
      methodReason: ranking.methodReason,
    };
  }

  /**
   * The whole-graph analysis graph: the one kept while it is younger than the time to live, the
   * stamp of what is loaded has not changed and no load was signalled; otherwise read again (one
   * read at a time serves every request that can use it). With `since`, only a graph whose read
   * began at or after that time will do.
   */
  async #graphForRisk(since?: number): Promise<KeptGraph> {
    const stamp = await this.#loadedStamp();
    const loads = this.#loads;
    const usable = (read: { readAt: number; stamp: string; loads: number }) =>
      read.stamp === stamp &&
      read.loads === loads &&
      (since === undefined
        ? Date.now() - read.readAt < RISK_DEFAULTS.graphTtlMs
        : read.readAt >= since);
    const kept = this.#riskGraph;
    if (kept && usable(kept)) return kept;
    const reading = this.#riskRead;
    if (reading && usable(reading)) return reading.graph;
    const readAt = Date.now();
    const graph = readAnalysisGraph(this.#executor, {})
      .then((read): KeptGraph => {
        const fresh: KeptGraph = {
          graph: read,
          index: new Map(read.keys.map((key, node) => [key, node])),
          readAt,
          stamp,
          loads,
          rankings: new Map(),
          absent: new Set(),
        };
        if (!this.#riskGraph || this.#riskGraph.readAt <= readAt) this.#riskGraph = fresh;
        return fresh;
      })
      .finally(() => {
        if (this.#riskRead?.graph === graph) this.#riskRead = undefined;
      });
    this.#riskRead = { graph, readAt, stamp, loads };
    return graph;
  }

  /** What is loaded, as a string that changes when anything is loaded (`analysis/loadedStamp`). */
  async #loadedStamp(): Promise<string> {
    const rows = await this.#executor.run(queries.analysisLoadedStamp, {});
    return rows.map((row) => `${row.label}:${row.count}:${row.lastLoadedAt ?? ''}`).join(',');
  }

  /** The ranking for these reported nodes: kept with the graph, scored once for all its pages. */
  #ranking(kept: KeptGraph, seeds: readonly number[]): Promise<Ranking> {
    const key = seeds.join(',');
    const known = kept.rankings.get(key);
    if (known) {
      kept.rankings.delete(key);
      kept.rankings.set(key, known);
      return known;
    }
    const ranking = scoreRiskInWorker(kept.graph, [...seeds]).then((risk) => ({
      scores: risk.scores,
      method: risk.method,
      methodReason: risk.reason,
      order: rankByScore(risk.scores, kept.graph.keys, new Set(seeds)),
    }));
    ranking.catch(() => kept.rankings.delete(key));
    kept.rankings.set(key, ranking);
    for (const old of kept.rankings.keys()) {
      if (kept.rankings.size <= RISK_DEFAULTS.rankingsKept) break;
      kept.rankings.delete(old);
    }
    return ranking;
  }
}
