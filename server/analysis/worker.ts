/**
 * The worker thread ring analysis and report-based risk run in, so a long computation never
 * blocks the server's event loop: it receives the analysis graph (typed arrays), computes, and
 * posts progress and the result back. One worker takes jobs one after another (see
 * `runInWorker.ts`), so its compiled code stays warm from one analysis to the next.
 */
import { parentPort } from 'node:worker_threads';
import { detectRings, type DetectParams, type RingAnalysis } from './rings/detect';
import type { AnalysisGraph } from './rings/graphBuilder';
import { scoreRisk } from './rings/risk';

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
    }
  | { readonly kind: 'risk'; readonly graph: PostedGraph; readonly reported: number[] };

function received(graph: PostedGraph): AnalysisGraph {
  return { ...graph, keys: graph.keys === '' ? [] : graph.keys.split(KEY_SEPARATOR) };
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly step: string; readonly fraction: number }
  | { readonly type: 'rings'; readonly analysis: RingAnalysis }
  | { readonly type: 'risk'; readonly scores: Float64Array }
  | { readonly type: 'failed'; readonly message: string };

parentPort?.on('message', (job: AnalysisJob) => {
  const post = (message: WorkerMessage) => parentPort?.postMessage(message);
  try {
    if (job.kind === 'risk') {
      post({ type: 'risk', scores: scoreRisk(received(job.graph), job.reported) });
      return;
    }
    const analysis = detectRings(
      received(job.graph),
      job.params,
      job.communities,
      (step, fraction) => post({ type: 'progress', step, fraction }),
    );
    post({ type: 'rings', analysis });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
