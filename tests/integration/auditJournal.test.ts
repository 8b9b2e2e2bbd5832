import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../server/audit/auditLog';
import type { AuditRecord } from '../../server/audit/chain';
import type { JournaledRecord } from '../../server/audit/journal';
import { loadAllQueries } from '../../server/db/database';
import { Executor } from '../../server/db/executor';
import { silentLogger, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();

function record(action: string): AuditRecord {
  return {
    actor: 'ivy.investigator',
    role: 'investigator',
    action,
    target: 'BankAccount:ICBC:1',
    params: {},
    resultSize: 1,
    outcome: 'ok',
    requestId: null,
  };
}

function journaled(action: string, index: number): JournaledRecord {
  return {
    recordId: `replayed-${action}`,
    at: new Date(Date.UTC(2026, 10, 28, 9, 0, index)).toISOString(),
    record: record(action),
  };
}

/** A journal as a stopped server leaves it: this process's id, but not opened by it. */
function leftBehind(dir: string, records: JournaledRecord[], tornTail = false): string {
  const file = path.join(dir, `journal-${process.pid}-0badc0de.jsonl`);
  const lines = records.map((entry) => `${JSON.stringify(entry)}\n`).join('');
  writeFileSync(file, lines + (tornTail ? '{"recordId":"half-writ' : ''));
  return file;
}

describe('the audit journal', () => {
  it.each([
    ['synced before each answer', 0],
    ['synced every 100 ms', 100],
  ])(
    'answers once the record is in the journal (%s) and has it in Neo4j before the trail is read',
    async (_, journalSyncMs) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-journal-'));
      const audit = new AuditLog(db.executor, { journalDir: dir, journalSyncMs });
      await Promise.all(['a', 'b', 'c'].map((action) => audit.append(record(`view.${action}`))));
      const [file] = readdirSync(dir);
      const onDisk = readFileSync(path.join(dir, file ?? ''), 'utf8');
      expect(onDisk).toMatch(/view\.a/);
      expect(onDisk).toMatch(/view\.b/);
      expect(onDisk).toMatch(/view\.c/);
      const page = await audit.search({}, undefined, 10);
      expect(page.entries.map((entry) => entry.action).sort()).toEqual([
        'view.a',
        'view.b',
        'view.c',
      ]);
      expect(await audit.verify()).toMatchObject({ ok: true, entries: 3 });
      // Everything is in Neo4j, so a server that stops leaves no journal behind.
      await audit.close();
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it('replays the journal a stopped server left, once, skipping a torn last line', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-journal-'));
    const records = ['x', 'y', 'z'].map(journaled);
    leftBehind(dir, records, true);
    const first = new AuditLog(db.executor, { journalDir: dir });
    await first.flush();
    const replayed = await first.search({}, undefined, 10);
    expect(replayed.entries.map((entry) => entry.action).reverse()).toEqual(['x', 'y', 'z']);
    expect(replayed.entries.map((entry) => entry.at).reverse()).toEqual(
      records.map((entry) => entry.at),
    );
    await first.close();
    expect(readdirSync(dir)).toEqual([]);

    // The server stopped after writing to Neo4j but before emptying its journal: the same
    // records come back, and nothing is added twice.
    leftBehind(dir, records);
    const second = new AuditLog(db.executor, { journalDir: dir });
    await second.append(record('after the restart'));
    expect(await second.verify()).toMatchObject({ ok: true, entries: 4 });
    await second.close();
  });

  it('keeps what Neo4j could not take and hands it to the next server', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-journal-'));
    const driver = neo4j.driver('bolt://127.0.0.1:1', neo4j.auth.basic('neo4j', 'x'), {
      maxTransactionRetryTime: 100,
      connectionTimeout: 1_000,
    });
    const unreachable = new Executor(driver, {
      database: 'neo4j',
      texts: loadAllQueries().texts,
      logger: silentLogger,
    });
    const errors: unknown[] = [];
    const audit = new AuditLog(unreachable, {
      journalDir: dir,
      onWriteError: (error) => errors.push(error),
    });
    try {
      // The request is recorded (on disk) even though the database is away.
      await audit.append(record('view.while-away'));
      await expect(audit.flush()).rejects.toThrow();
      await audit.close();
    } finally {
      await driver.close();
    }
    expect(errors.length).toBeGreaterThan(0);
    const [kept] = readdirSync(dir);
    expect(kept).toMatch(/^journal-\d+-[0-9a-f]+\.jsonl$/);
    // As if that server had stopped: the next one started on the folder writes the record.
    renameSync(path.join(dir, kept ?? ''), path.join(dir, `journal-${process.pid}-00.jsonl`));
    const next = new AuditLog(db.executor, { journalDir: dir });
    const page = await next.search({}, undefined, 10);
    expect(page.entries.map((entry) => entry.action)).toEqual(['view.while-away']);
    await next.close();
    expect(existsSync(path.join(dir, `journal-${process.pid}-00.jsonl`))).toBe(false);
  });

  it('leaves alone the journal of a server that is still running', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-journal-'));
    const running = new AuditLog(db.executor, { journalDir: dir });
    const other = new AuditLog(db.executor, { journalDir: dir });
    await running.append(record('view.first'));
    await other.append(record('view.second'));
    expect(await other.verify()).toMatchObject({ ok: true });
    expect(readdirSync(dir)).toHaveLength(2);
    await Promise.all([running.close(), other.close()]);
    const trail = await other.search({}, undefined, 10);
    expect(trail.entries.map((entry) => entry.action).sort()).toEqual([
      'view.first',
      'view.second',
    ]);
  });
});
