/**
 * Call records whose parties are pseudonymised subscriber ids of varying length load in full
 * through a mapping that pads the ids into +86 138 mobile numbers (`{caller:08}`), the example of
 * docs/data-formats.md.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import { loadFile } from '../../server/ingest/loader';
import { loadMappingFile } from '../../server/ingest/mapping';
import { fixtureQueries, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();
const fixture = (name: string) => path.join(PROJECT_ROOT, 'tests', 'fixtures', 'ingest', name);

describe('a mapping that pads subscriber ids into phone numbers', () => {
  it('loads every row, each party a valid +86 138 number', async () => {
    const summary = await loadFile(db.executor, fixture('cdr-subscribers.csv'), {
      kind: 'telecom-cdr',
      organisation: 'CMCC',
      workDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-subscribers-')),
      mapping: loadMappingFile(fixture('cdr-subscribers.mapping.json')),
    });
    expect(summary).toMatchObject({ rowsRead: 5, loaded: 5, duplicates: 0, rejected: 0 });

    const nodes = await db.executor.run(fixtureQueries.allNodes, {});
    const numbers = nodes
      .filter((node) => node.labels.includes('PhoneNumber'))
      .map(({ props }) => [props.id, props.raw])
      .sort();
    expect(numbers).toEqual([
      ['+8613800000005', '+8613800000005'],
      ['+8613800000007', '+8613800000007'],
      ['+8613800000042', '+8613800000042'],
      ['+8613800000123', '+8613800000123'],
      ['+8613800045678', '+8613800045678'],
      ['+8613812345678', '+8613812345678'],
      ['+8613898765432', '+8613898765432'],
    ]);
    const caller = await db.executor.run(fixtureQueries.linksOf, { id: '+8613800045678' });
    expect(
      caller.filter((link) => link.type === 'CALLED').map((link) => [link.other, link.outgoing]),
    ).toEqual(
      expect.arrayContaining([
        ['+8613800000007', true],
        ['+8613800000123', false],
      ]),
    );
  });
});
