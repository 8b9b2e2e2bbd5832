/**
 * Running ring analyses and report-based risk for the API. A run is recorded at once and answered
 * with its id; the work goes on in the background: the analysis graph is read from Neo4j, the
 * communities are found by Ringtrace (in a worker thread) or by GDS, rings and roles are found in
 * the worker, and the result is written back. Progress is kept on the run, so any request (and
 * any server of a cluster) can read it. One run at a time per server protects the database.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  detectRingsInWorker,
  prepareAnalysisWorker,
  scoreRiskInWorker,
} from '../analysis/runInWorker';
import type { AnalysisGraph } from '../analysis/rings/graphBuilder';
import type { Executor } from '../db/executor';
import { queries } from '../db/queries';
import { RingtraceError, badRequest } from '../errors';
import { RINGTRACE_VERSION } from '../version';
import {
  readAnalysisGraph,
  readAnalysisGraphNamedLater,
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

/** How long the whole-graph analysis graph read for risk queries is reused. */
const RISK_GRAPH_TTL_MS = 10 * 60_000;
/** Progress is written to the run at most this often (and at every new step). */
const PROGRESS_EVERY_MS = 1_000;

export interface RiskEntry {
  readonly type: string;
  readonly id: string;
  readonly score: number;
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
  #riskGraph: { at: number; graph: AnalysisGraph; index: Map<string, number> } | undefined;

  constructor(executor: Executor, logger: Logger) {
    this.#executor = executor;
    this.#logger = logger.child({ component: 'analysis' });
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
   * Who works most closely with the reported identities: every identity of the graph scored
   * (report-based risk), the reported ones left out of the ranking.
   */
  async risk(reported: readonly { type: string; id: string }[], limit: number) {
    const { graph, index } = await this.#graphForRisk();
    const seeds: number[] = [];
    const unknown: string[] = [];
    for (const entity of reported) {
      const node = index.get(`${entity.type}:${entity.id}`);
      if (node === undefined) unknown.push(`${entity.type}:${entity.id}`);
      else seeds.push(node);
    }
    if (seeds.length === 0) {
      throw badRequest(
        `None of the reported identities is in the analysis graph (${unknown.join(', ')}).`,
      );
    }
    const scores = await scoreRiskInWorker(graph, seeds);
    const isSeed = new Set(seeds);
    const ranked: RiskEntry[] = [];
    for (let node = 0; node < scores.length; node += 1) {
      if (isSeed.has(node) || !((scores[node] ?? 0) > 0)) continue;
      const key = graph.keys[node] ?? '';
      const colon = key.indexOf(':');
      ranked.push({
        type: key.slice(0, colon),
        id: key.slice(colon + 1),
        score: scores[node] ?? 0,
      });
    }
    ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return { ranking: ranked.slice(0, limit), scored: ranked.length, notInGraph: unknown };
  }

  async #graphForRisk() {
    const cached = this.#riskGraph;
    if (cached && Date.now() - cached.at < RISK_GRAPH_TTL_MS) return cached;
    const graph = await readAnalysisGraph(this.#executor, {});
    const index = new Map(graph.keys.map((key, node) => [key, node]));
    this.#riskGraph = { at: Date.now(), graph, index };
    return this.#riskGraph;
  }
}
