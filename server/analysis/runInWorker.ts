/**
 * Runs ring detection or report-based risk in a worker thread (`worker.ts`).
 *
 * A finished worker waits (without keeping the process alive) for the next job, so a later
 * analysis neither pays for starting a thread and loading the code again nor runs on code not
 * yet compiled; it stops after `IDLE_MS` without work. Jobs that overlap get a worker each.
 * Workers have the heap `limitAnalysisHeap` sets (Node's default otherwise); a job that runs out
 * of it fails with a message that says so.
 */
import { Worker } from 'node:worker_threads';
import type { DetectParams, RingAnalysis } from './rings/detect';
import type { AnalysisGraph } from './rings/graphBuilder';
import type { RiskResult } from './rings/risk';
import { KEY_SEPARATOR, type AnalysisJob, type PostedGraph, type WorkerMessage } from './worker';

const WORKER_URL = new URL('./worker.ts', import.meta.url);
/** Ringtrace runs its TypeScript through tsx; a worker thread registers the same loader first. */
const WORKER_BOOT =
  "import('tsx/esm/api').then(({ register }) => { register(); " +
  `return import(${JSON.stringify(WORKER_URL.href)}); })`;
/** How long a finished worker waits for the next job before it stops. */
const IDLE_MS = 5 * 60_000;

/** The worker waiting for a job, if any. */
let waiting: { worker: Worker; timer: NodeJS.Timeout } | undefined;
/** The heap of workers started from now on, in MiB; undefined for Node's default. */
let heapMegabytes: number | undefined;

/**
 * Gives workers started from now on a heap of `megabytes` MiB (`Config.analysisHeapMegabytes`); a
 * worker waiting with another limit is stopped.
 */
export function limitAnalysisHeap(megabytes: number | undefined): void {
  if (megabytes === heapMegabytes) return;
  heapMegabytes = megabytes;
  if (waiting) {
    clearTimeout(waiting.timer);
    void waiting.worker.terminate();
    waiting = undefined;
  }
}

function startWorker(): Worker {
  return new Worker(WORKER_BOOT, {
    eval: true,
    ...(heapMegabytes ? { resourceLimits: { maxOldGenerationSizeMb: heapMegabytes } } : {}),
  });
}

function takeWorker(): Worker {
  if (waiting) {
    clearTimeout(waiting.timer);
    const { worker } = waiting;
    waiting = undefined;
    worker.ref();
    return worker;
  }
  return startWorker();
}

function putBack(worker: Worker): void {
  if (waiting) {
    void worker.terminate();
    return;
  }
  worker.unref();
  const timer = setTimeout(() => {
    if (waiting?.worker === worker) waiting = undefined;
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  waiting = { worker, timer };
}

/** Starts a worker ahead of a job (while the graph is read), unless one is already waiting. */
export function prepareAnalysisWorker(): void {
  if (!waiting) putBack(startWorker());
}

/** A typed array's copy in shared memory; plain objects and arrays copied through. */
function shared<T>(value: T): T {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const array = value as unknown as Uint8Array;
    const Kind = array.constructor as new (buffer: SharedArrayBuffer) => Uint8Array;
    const copy = new Kind(new SharedArrayBuffer(array.byteLength));
    copy.set(array);
    return copy as unknown as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => shared(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, shared(item)]),
    ) as T;
  }
  return value;
}

/** Keys as one string (see `PostedGraph`). */
function joinedKeys(keys: readonly string[]): string {
  for (const key of keys) {
    if (key.includes(KEY_SEPARATOR)) throw new RangeError(`A node key holds a NUL: ${key}`);
  }
  return keys.join(KEY_SEPARATOR);
}

/** The graph ready to post (see `PostedGraph`); without its keys when they come later. */
function posted(graph: AnalysisGraph, withKeys = true): PostedGraph {
  const { keys, ...rest } = graph;
  return { ...shared(rest), keys: withKeys ? joinedKeys(keys) : '' };
}

/** The error a job reports for a worker's `error`: running out of memory says which limit to raise. */
export function workerFailure(error: Error): Error {
  if ((error as NodeJS.ErrnoException).code !== 'ERR_WORKER_OUT_OF_MEMORY') return error;
  const limit = heapMegabytes ? `${heapMegabytes.toLocaleString('en')} MiB` : "Node's default";
  return new Error(
    `The analysis ran out of memory: its heap is limited to ${limit} (ANALYSIS_HEAP_MB). ` +
      'Raise the limit, or run it on a machine with more memory.',
  );
}

function inWorker(
  job: AnalysisJob,
  onProgress: (step: string, fraction: number) => void,
  keysLater?: Promise<readonly string[]>,
): Promise<WorkerMessage> {
  const worker = takeWorker();
  return new Promise<WorkerMessage>((resolve, reject) => {
    let settled = false;
    const done = (outcome: () => void, reusable: boolean) => {
      if (settled) return;
      settled = true;
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable) putBack(worker);
      else void worker.terminate();
      outcome();
    };
    const onMessage = (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.step, message.fraction);
      else if (message.type === 'failed') done(() => reject(new Error(message.message)), true);
      else done(() => resolve(message), true);
    };
    const onError = (error: Error) => done(() => reject(workerFailure(error)), false);
    const onExit = (code: number) =>
      done(() => reject(new Error(`The analysis worker stopped (exit code ${code}).`)), false);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
    keysLater
      ?.then((keys) => {
        if (!settled) worker.postMessage({ kind: 'keys', keys: joinedKeys(keys) });
      })
      .catch((error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        done(() => reject(failure), false);
      });
  });
}

/**
 * Rings and roles of `graph`, found in the worker. With `keysLater` (the graph's keys, still being
 * read), the worker finds the communities meanwhile; the graph's own keys are not used.
 */
export async function detectRingsInWorker(
  graph: AnalysisGraph,
  params: DetectParams,
  communities: Int32Array | undefined,
  onProgress: (step: string, fraction: number) => void,
  keysLater?: Promise<readonly string[]>,
): Promise<RingAnalysis> {
  const job: AnalysisJob = {
    kind: 'rings',
    graph: posted(graph, keysLater === undefined),
    params,
    ...(communities ? { communities } : {}),
    ...(keysLater ? { keysFollow: true } : {}),
  };
  const message = await inWorker(job, onProgress, keysLater);
  if (message.type !== 'rings') throw new Error('The analysis worker answered out of turn.');
  return message.analysis;
}

export async function scoreRiskInWorker(
  graph: AnalysisGraph,
  reported: number[],
): Promise<RiskResult> {
  const message = await inWorker({ kind: 'risk', graph: posted(graph), reported }, () => undefined);
  if (message.type !== 'risk') throw new Error('The analysis worker answered out of turn.');
  return message.risk;
}
