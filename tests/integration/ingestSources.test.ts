/**
 * A file loaded by two organisations (a call record file both an operator and a reseller supply,
 * each with its own mapping) is two sources: each load sums up what it really added, each Source
 * names its organisation with counts that add up, and one organisation's interrupted load is never
 * resumed by another's.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import { loadFile, type LoadOptions } from '../../server/ingest/loader';
import type { Mapping } from '../../server/ingest/mapping';
import { fixtureQueries, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();
const cdr = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'ingest', 'cdr.csv');

/** Both organisations load into one work folder, as `npm run ingest` does. */
function loads(): (organisation: string, extra?: Partial<LoadOptions>) => LoadOptions {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-sources-'));
  return (organisation, extra = {}) => ({ kind: 'telecom-cdr', organisation, workDir, ...extra });
}

/** The reseller's file names its cells differently. */
const resellerMapping: Mapping = { columns: { cell_id: { template: 'R-{cell_id}' } } };

async function sources() {
  const nodes = await db.executor.run(fixtureQueries.allNodes, {});
  return nodes
    .filter((node) => node.labels.includes('Source'))
    .map(({ props }) => ({
      id: props.id,
      organisation: props.organisation,
      rowsRead: props.rowsRead,
      rowsLoaded: props.rowsLoaded,
      rowsRejected: props.rowsRejected,
    }))
    .sort((a, b) => String(a.organisation).localeCompare(String(b.organisation)));
}

async function callsBySource(): Promise<Record<string, number>> {
  const nodes = await db.executor.run(fixtureQueries.allNodes, {});
  const counts: Record<string, number> = {};
  for (const { labels, props } of nodes) {
    if (!labels.includes('Call')) continue;
    const source = String(props.sourceId);
    counts[source] = (counts[source] ?? 0) + 1;
  }
  return counts;
}

/** A call record file of `count` good calls, one a line from line 2. */
function callFile(count: number): string {
  const lines = ['record_id,calling_number,called_number,start_time,duration_s,cell_id'];
  for (let index = 1; index <= count; index += 1) {
    const minute = String(index).padStart(2, '0');
    lines.push(`K${index},13800138000,13912345678,2026-10-05T10:${minute}:00+08:00,${index},C7`);
  }
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ringtrace-calls-')), 'calls.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('the same file from two organisations', () => {
  it('is two sources, each load counting the calls it really added', async () => {
    const as = loads();
    const operator = await loadFile(db.executor, cdr, as('CMCC'));
    expect(operator).toMatchObject({ rowsRead: 6, loaded: 3, duplicates: 0, rejected: 3 });
    const reseller = await loadFile(db.executor, cdr, as('RESELLER', { mapping: resellerMapping }));
    expect(reseller).toMatchObject({ rowsRead: 6, loaded: 3, duplicates: 0, rejected: 3 });
    expect(reseller.sourceId).not.toBe(operator.sourceId);

    expect(await callsBySource()).toEqual({ [operator.sourceId]: 3, [reseller.sourceId]: 3 });
    expect(await sources()).toEqual([
      { id: operator.sourceId, organisation: 'CMCC', rowsRead: 6, rowsLoaded: 3, rowsRejected: 3 },
      {
        id: reseller.sourceId,
        organisation: 'RESELLER',
        rowsRead: 6,
        rowsLoaded: 3,
        rowsRejected: 3,
      },
    ]);
    // Each load keeps its own rejects file.
    expect(reseller.rejectsFile).not.toBe(operator.rejectsFile);
    expect(existsSync(operator.rejectsFile ?? '')).toBe(true);
    expect(existsSync(reseller.rejectsFile ?? '')).toBe(true);

    // Loaded again by the reseller: nothing new, and its Source still adds up.
    const again = await loadFile(db.executor, cdr, as('RESELLER', { mapping: resellerMapping }));
    expect(again).toMatchObject({ loaded: 0, duplicates: 3, rejected: 3 });
    expect(again.sourceId).toBe(reseller.sourceId);
    expect(await callsBySource()).toEqual({ [operator.sourceId]: 3, [reseller.sourceId]: 3 });
    expect((await sources())[1]).toMatchObject({ rowsRead: 6, rowsLoaded: 3 });
  });

  it("never resumes another organisation's interrupted load", async () => {
    const as = loads();
    const file = callFile(10);
    const cut = await loadFile(
      db.executor,
      file,
      as('CMCC', { batchSize: 4, stopAfterBatches: 1 }),
    );
    expect(cut).toMatchObject({ complete: false, loaded: 4 });

    const reseller = await loadFile(
      db.executor,
      file,
      as('RESELLER', { batchSize: 4, mapping: resellerMapping }),
    );
    expect(reseller).toMatchObject({
      complete: true,
      resumedAfterLine: null,
      rowsRead: 10,
      loaded: 10,
      duplicates: 0,
    });

    // The operator's own load still resumes where it stopped.
    const resumed = await loadFile(db.executor, file, as('CMCC', { batchSize: 4 }));
    expect(resumed).toMatchObject({ resumedAfterLine: 5, rowsRead: 10, loaded: 10 });
    expect(await callsBySource()).toEqual({ [cut.sourceId]: 10, [reseller.sourceId]: 10 });
  });

  it('does not resume a load interrupted under another mapping: it loads again, counting truly', async () => {
    const as = loads();
    const file = callFile(10);
    await loadFile(db.executor, file, as('CMCC', { batchSize: 4, stopAfterBatches: 1 }));
    const remapped = await loadFile(
      db.executor,
      file,
      as('CMCC', { batchSize: 4, mapping: resellerMapping }),
    );
    expect(remapped).toMatchObject({
      resumedAfterLine: null,
      rowsRead: 10,
      loaded: 6,
      duplicates: 4,
    });
  });
});
