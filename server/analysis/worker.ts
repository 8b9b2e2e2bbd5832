/**
 * The worker thread ring analysis and report-based risk run in, so a long computation never
 * blocks the server's event loop: it receives the analysis graph (typed arrays), computes, and
 * posts progress and the result back. One worker takes jobs one after another (see
 * `runInWorker.ts`), so its compiled code stays warm from one analysis to the next.
 */
import { parentPort } from 'node:worker_threads';
import {
  communitiesFor,
  detectRings,
  ringsOfCommunities,
  type DetectParams,
  type RingAnalysis,
} from './rings/detect';
import type { AnalysisGraph } from './rings/graphBuilder';
import { explainRisk, type RiskResult } from './rings/risk';

/**
 * The analysis graph as posted to the worker: its typed arrays in shared memory (posting them
 * copies nothing) and its keys joined into one string (one string copies far faster than
 * hundreds of thousands).
 */
export type PostedGraph = Omit<AnalysisGraph, 'keys'> & { readonly keys: string };

/** Separates keys in `PostedGraph.keys`; ids never hold it. */
export const KEY_SEPARATOR = '\u0000';

export type AnalysisJob =
  | {
      readonly kind: 'rings';
      readonly graph: PostedGraph;
      readonly params: DetectParams;
      readonly communities?: Int32Array;
      /**
       * The graph's keys come later in a `keys` message (they are still being read): the worker
       * finds the communities meanwhile, then waits for them.
       */
      readonly keysFollow?: boolean;
    }
  | { readonly kind: 'risk'; readonly graph: PostedGraph; readonly reported: number[] }
  | { readonly kind: 'keys'; readonly keys: string };

function received(graph: PostedGraph, keys = graph.keys): AnalysisGraph {
  return { ...graph, keys: keys === '' ? [] : keys.split(KEY_SEPARATOR) };
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly step: string; readonly fraction: number }
  | { readonly type: 'rings'; readonly analysis: RingAnalysis }
  | { readonly type: 'risk'; readonly risk: RiskResult }
  | { readonly type: 'failed'; readonly message: string };

const post = (message: WorkerMessage) => parentPort?.postMessage(message);
const failed = (error: unknown) =>
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });

/** What a job that waits for its keys does with them. */
let whenKeys: ((keys: string) => void) | undefined;

parentPort?.on('message', (job: AnalysisJob) => {
  try {
    if (job.kind === 'keys') {
      const next = whenKeys;
      whenKeys = undefined;
      next?.(job.keys);
      return;
    }
    if (job.kind === 'risk') {
      post({ type: 'risk', risk: explainRisk(received(job.graph), job.reported) });
      return;
    }
    const progress = (step: string, fraction: number) => post({ type: 'progress', step, fraction });
    if (!job.keysFollow) {
      post({
        type: 'rings',
        analysis: detectRings(received(job.graph), job.params, job.communities, progress),
      });
      return;
    }
    progress('finding communities', 0);
    const found = communitiesFor(received(job.graph, ''), job.params, job.communities);
    whenKeys = (keys) => {
      try {
        post({
          type: 'rings',
          analysis: ringsOfCommunities(received(job.graph, keys), job.params, found, progress),
        });
      } catch (error) {
        failed(error);
      }
    };
  } catch (error) {
    failed(error);
  }
});
