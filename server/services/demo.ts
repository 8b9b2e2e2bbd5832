/**
 * The demo scenario: on a start with an empty graph, Ringtrace generates a small scam network
 * (seed/, size `demo`) and loads it through the ordinary ingestion, so a new user sees a network
 * at once. Its ground truth stays in the generated folder and never enters the graph.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { writeScenario } from '../../seed/index';
import type { Executor } from '../db/executor';
import { queries } from '../db/queries';
import { loadScenario } from '../ingest/scenario';

export const DEMO_SEED = 42;

/** Loads the demo scenario if the graph is empty; resolves with whether it did. */
export async function loadDemoIfEmpty(
  executor: Executor,
  settings: { dataDir: string; ingestDir: string },
  logger: Logger,
): Promise<boolean> {
  if (!(await executor.first(queries.graphIsEmpty, {}))?.empty) return false;
  const dir = path.join(settings.dataDir, 'demo-scenario');
  logger.info({ dir }, 'The graph is empty: generating the demo scenario');
  const scenario = await writeScenario({ size: 'demo', seed: DEMO_SEED, outDir: dir });
  logger.info({ rings: scenario.rings }, 'Loading the demo scenario');
  const summaries = await loadScenario(executor, dir, {
    workDir: settings.ingestDir,
    onFile: (kind) => logger.info(`Loading demo ${kind}`),
  });
  const loaded = summaries.reduce((total, summary) => total + summary.loaded, 0);
  const rejected = summaries.reduce((total, summary) => total + summary.rejected, 0);
  logger.info({ loaded, rejected }, 'Demo scenario loaded');
  return true;
}
