import { describe, expect, it } from 'vitest';
import { RingtraceError } from '../../server/errors';
import { applySchema } from '../../server/db/schema';
import { queries } from '../../server/db/queries';
import { fixtureQueries, useTestDatabase } from './support/testDatabase';

// A pool of two connections: a session left open on any path would exhaust it quickly.
const db = useTestDatabase({ maxConnectionPoolSize: 2, connectionAcquisitionTimeout: 3_000 });

const number = {
  id: '+8613800138000',
  raw: '138 0013 8000',
  firstSeen: '2026-03-01T21:15:00+08:00',
  calls: 42,
};

describe('executor on a real Neo4j', () => {
  it('writes a record and reads it back as plain values', async () => {
    await db.executor.run(fixtureQueries.createPhoneNumber, number);
    const row = await db.executor.first(fixtureQueries.phoneNumberById, { id: number.id });
    expect(row).toEqual({
      id: number.id,
      raw: number.raw,
      // Neo4j Integer -> number; DateTime -> ISO string keeping the original offset.
      calls: 42,
      firstSeen: '2026-03-01T21:15:00+08:00',
      node: {
        labels: ['PhoneNumber'],
        properties: {
          id: number.id,
          raw: number.raw,
          calls: 42,
          firstSeen: '2026-03-01T21:15:00+08:00',
        },
      },
    });
  });

  it('sends integer parameters as Neo4j integers (LIMIT refuses floats)', async () => {
    for (const suffix of ['3', '1', '2']) {
      await db.executor.run(fixtureQueries.createPhoneNumber, {
        ...number,
        id: `+861380013800${suffix}`,
      });
    }
    const rows = await db.executor.run(fixtureQueries.phoneNumbersInOrder, { limit: 2 });
    expect(rows.map((row) => row.id)).toEqual(['+8613800138001', '+8613800138002']);
  });

  it('maps a uniqueness violation to a conflict, and closes sessions on every path', async () => {
    await db.executor.run(fixtureQueries.createPhoneNumber, number);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const failure = db.executor.run(fixtureQueries.createPhoneNumber, number);
      await expect(failure).rejects.toBeInstanceOf(RingtraceError);
      await expect(failure).rejects.toMatchObject({ kind: 'conflict', status: 409 });
    }
    // Still able to get connections from the pool of two after ten failed writes.
    expect(await db.executor.first(fixtureQueries.countNodes, {})).toEqual({ count: 1 });
  });

  it('sends a labelled query with its label written in, and refuses a label off its list', async () => {
    await db.executor.run(fixtureQueries.createPhoneNumber, number);
    const lookup = (label: string) =>
      db.executor.run(fixtureQueries.identityIdByLabel, { label, id: number.id });
    expect(await lookup('PhoneNumber')).toEqual([{ id: number.id }]);
    expect(await lookup('BankAccount')).toEqual([]);
    for (const label of ['SIM', 'PhoneNumber {id: $id}) DETACH DELETE n //']) {
      await expect(lookup(label)).rejects.toMatchObject({ kind: 'internal' });
    }
    expect(await db.executor.first(fixtureQueries.countNodes, {})).toEqual({ count: 1 });
  });

  it('starts every test from an empty graph', async () => {
    expect(await db.executor.first(fixtureQueries.countNodes, {})).toEqual({ count: 0 });
  });

  it('applies the schema again without changing it', async () => {
    const before = await db.executor.run(queries.schemaIndexes, {});
    await applySchema(db.executor, db.schema);
    const after = await db.executor.run(queries.schemaIndexes, {});
    expect(after.map((row) => row.name).sort()).toEqual(before.map((row) => row.name).sort());
    expect(before.map((row) => row.name)).toEqual(
      expect.arrayContaining(['phone_number_id', 'device_id', 'bank_account_id', 'transfer_time']),
    );
  });
});
