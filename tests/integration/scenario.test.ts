/**
 * A generated scenario goes through the ordinary ingestion: every file loads without a reject,
 * and every hop of every victim payment in the ground truth is a transfer in the graph, with the
 * amount the truth gives. The truth file itself never enters the graph.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeScenario, type Truth } from '../../seed/index';
import { loadScenario } from '../../server/ingest/scenario';
import type { LoadSummary } from '../../server/ingest/loader';
import { fixtureQueries, graphCounts, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();
const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-scenario-'));
let truth: Truth;

beforeAll(async () => {
  await writeScenario({ size: 'demo', seed: 11, outDir: dir });
  truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
}, 60_000);

describe('a generated demo scenario', () => {
  it('loads every file cleanly and keeps every victim payment traceable', async () => {
    const summaries: LoadSummary[] = await loadScenario(db.executor, dir, {
      workDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-work-')),
    });
    expect(summaries.map((summary) => summary.kind)).toHaveLength(8);
    for (const summary of summaries) {
      expect(summary.rejects, summary.file).toEqual([]);
      expect(summary.loaded, summary.file).toBe(summary.rowsRead);
    }

    const hops = truth.victimPayments.flatMap((payment) => payment.paths.flat());
    expect(hops.length).toBeGreaterThan(100);
    const transfers = new Map(
      (await db.executor.run(fixtureQueries.transfersInGraph, {})).map((row) => [row.id, row]),
    );
    for (const hop of hops) {
      const bank = hop.fromAccount.split(':')[0] ?? '';
      const transfer = transfers.get(`${bank}:${hop.transferId}`);
      expect(transfer, hop.transferId).toMatchObject({
        from: hop.fromAccount,
        to: hop.toAccount,
        amountMinor: hop.amountMinor,
        time: new Date(hop.time).toISOString().replace('.000Z', 'Z'),
      });
    }
    const counts = await graphCounts(db.executor);
    const reportedCases = new Set(truth.victimPayments.map((payment) => payment.case));
    reportedCases.delete(null);
    expect(counts.labels.Case).toBe(reportedCases.size);
    expect(Object.keys(counts.labels)).not.toContain('Ring');
  }, 300_000);
});
