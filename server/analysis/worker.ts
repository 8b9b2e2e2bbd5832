/**
 * The worker thread ring analysis and report-based risk run in, so a long computation never
 * blocks the server's event loop: it receives the analysis graph (typed arrays), computes, and
 * posts progress and the result back.
 */
import { parentPort } from 'node:worker_threads';
import { detectRings, type DetectParams, type RingAnalysis } from './rings/detect';
import type { AnalysisGraph } from './rings/graphBuilder';
import { scoreRisk } from './rings/risk';

export type AnalysisJob =
  | {
      readonly kind: 'rings';
      readonly graph: AnalysisGraph;
      readonly params: DetectParams;
      readonly communities?: Int32Array;
    }
  | { readonly kind: 'risk'; readonly graph: AnalysisGraph; readonly reported: number[] };

export type WorkerMessage =
  | { readonly type: 'progress'; readonly step: string; readonly fraction: number }
  | { readonly type: 'rings'; readonly analysis: RingAnalysis }
  | { readonly type: 'risk'; readonly scores: Float64Array }
  | { readonly type: 'failed'; readonly message: string };

parentPort?.once('message', (job: AnalysisJob) => {
  const post = (message: WorkerMessage) => parentPort?.postMessage(message);
  try {
    if (job.kind === 'risk') {
      post({ type: 'risk', scores: scoreRisk(job.graph, job.reported) });
      return;
    }
    const analysis = detectRings(job.graph, job.params, job.communities, (step, fraction) =>
      post({ type: 'progress', step, fraction }),
    );
    post({ type: 'rings', analysis });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
