/** Runs ring detection or report-based risk in a worker thread (`worker.ts`). */
import { Worker } from 'node:worker_threads';
import type { DetectParams, RingAnalysis } from './rings/detect';
import type { AnalysisGraph } from './rings/graphBuilder';
import type { AnalysisJob, WorkerMessage } from './worker';

const WORKER_URL = new URL('./worker.ts', import.meta.url);
/** Ringtrace runs its TypeScript through tsx; a worker thread registers the same loader first. */
const WORKER_BOOT =
  "import('tsx/esm/api').then(({ register }) => { register(); " +
  `return import(${JSON.stringify(WORKER_URL.href)}); })`;

function inWorker(
  job: AnalysisJob,
  onProgress: (step: string, fraction: number) => void,
): Promise<WorkerMessage> {
  const worker = new Worker(WORKER_BOOT, { eval: true });
  return new Promise<WorkerMessage>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.step, message.fraction);
      else if (message.type === 'failed') settle(() => reject(new Error(message.message)));
      else settle(() => resolve(message));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`The analysis worker stopped (exit code ${code}).`))),
    );
    worker.postMessage(job);
  });
}

export async function detectRingsInWorker(
  graph: AnalysisGraph,
  params: DetectParams,
  communities: Int32Array | undefined,
  onProgress: (step: string, fraction: number) => void,
): Promise<RingAnalysis> {
  const job: AnalysisJob = communities
    ? { kind: 'rings', graph, params, communities }
    : { kind: 'rings', graph, params };
  const message = await inWorker(job, onProgress);
  if (message.type !== 'rings') throw new Error('The analysis worker answered out of turn.');
  return message.analysis;
}

export async function scoreRiskInWorker(
  graph: AnalysisGraph,
  reported: number[],
): Promise<Float64Array> {
  const message = await inWorker({ kind: 'risk', graph, reported }, () => undefined);
  if (message.type !== 'risk') throw new Error('The analysis worker answered out of turn.');
  return message.scores;
}
