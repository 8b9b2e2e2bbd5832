/**
 * The audit trail anchored outside Neo4j: someone with write access to the database cuts entries
 * off the end or rewrites and re-chains them. The chain alone still verifies; the signed
 * checkpoints catch every such change.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../server/audit/auditLog';
import { chainEntry, type AuditEntry, type AuditRecord } from '../../server/audit/chain';
import { CheckpointFile, CheckpointSigner } from '../../server/audit/checkpoints';
import { fixtureQueries, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();

function record(n: number): AuditRecord {
  return {
    actor: 'det.wang',
    role: 'investigator',
    action: 'entity.view',
    target: `BankAccount:ICBC:62220${n}`,
    params: {},
    resultSize: 1,
    outcome: 'ok',
    requestId: null,
  };
}

/** An audit log that signs its head after every write, with its key and checkpoints in a temp folder. */
function anchoredLog() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-anchor-'));
  const keyFile = path.join(dir, 'key', 'ed25519.pem');
  const file = new CheckpointFile(path.join(dir, 'checkpoints'));
  const log = new AuditLog(db.executor, {
    anchor: { signer: CheckpointSigner.fromFile(keyFile), file, everyMs: 0 },
  });
  return { log, file, keyFile };
}

async function appendRecords(log: AuditLog, count: number): Promise<void> {
  for (let n = 1; n <= count; n += 1) await log.append(record(n));
}

async function allEntries(log: AuditLog): Promise<AuditEntry[]> {
  const head = await log.head();
  const entries: AuditEntry[] = [];
  for await (const entry of log.entries(head.seq)) entries.push(entry);
  return entries;
}

describe('the audit trail anchored outside the database', () => {
  it('verifies an untouched trail and keeps a signed checkpoint per write, outside Neo4j', async () => {
    const { log, file, keyFile } = anchoredLog();
    await appendRecords(log, 5);
    const result = await log.verify();
    expect(result).toMatchObject({ ok: true, entries: 5, problems: [] });
    const checkpoints = file.read();
    expect(checkpoints.map((checkpoint) => checkpoint.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(checkpoints.at(-1)?.hash).toBe((await log.head()).hash);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(CheckpointSigner.fromFile(keyFile).keyId).toBe(checkpoints[0]?.keyId);
    await log.close();
  });

  it('catches entries cut off the end with the head moved back, which the chain alone misses', async () => {
    const { log } = anchoredLog();
    await appendRecords(log, 10);
    await db.executor.run(fixtureQueries.truncateAuditTrail, { keep: 7 });

    const unanchored = await new AuditLog(db.executor).verify();
    expect(unanchored.ok).toBe(true);

    const result = await log.verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual({
      seq: 10,
      problem: expect.stringMatching(
        /vouches for entry 10, but the trail ends at entry 7 \(entries cut off\)/,
      ),
    });
    await log.close();
  });

  it('catches an entry changed and everything after it re-chained, which the chain alone misses', async () => {
    const { log } = anchoredLog();
    await appendRecords(log, 8);
    const entries = await allEntries(log);
    let previous = entries[2];
    const rewritten = entries.slice(3).map((entry) => {
      const forged = chainEntry(
        { ...entry, actor: entry.seq === 4 ? 'someone.else' : entry.actor },
        previous,
        new Date(entry.at),
      );
      previous = forged;
      return { seq: forged.seq, actor: forged.actor, prevHash: forged.prevHash, hash: forged.hash };
    });
    const last = rewritten.at(-1)!;
    await db.executor.run(fixtureQueries.rewriteAuditEntries, {
      entries: rewritten,
      seq: last.seq,
      hash: last.hash,
    });

    const unanchored = await new AuditLog(db.executor).verify();
    expect(unanchored.ok).toBe(true);

    const result = await log.verify();
    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.seq)).toEqual([4, 5, 6, 7, 8]);
    expect(result.problems[0]?.problem).toMatch(/rewritten/);
    await log.close();
  });

  it('still catches the rewrite after the server has gone on appending to the forged head', async () => {
    const { log } = anchoredLog();
    await appendRecords(log, 6);
    await db.executor.run(fixtureQueries.truncateAuditTrail, { keep: 3 });
    await appendRecords(log, 4);
    const result = await log.verify();
    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.seq)).toEqual([4, 5, 6]);
    await log.close();
  });

  it('catches edited and deleted entries, and a checkpoint that was altered', async () => {
    const { log, file } = anchoredLog();
    await appendRecords(log, 6);
    await db.executor.run(fixtureQueries.editAuditEntry, { seq: 2, actor: 'someone.else' });
    await db.executor.run(fixtureQueries.deleteAuditEntry, { seq: 5 });
    const lines = readFileSync(file.file, 'utf8').trim().split('\n');
    const altered = {
      ...(JSON.parse(lines[0]!) as Record<string, unknown>),
      seq: 1,
      hash: 'f'.repeat(64),
    };
    writeFileSync(file.file, [JSON.stringify(altered), ...lines.slice(1)].join('\n') + '\n');

    const result = await log.verify();
    expect(result.ok).toBe(false);
    const problems = result.problems.map((problem) => problem.problem).join('\n');
    expect(problems).toMatch(/edited/);
    expect(problems).toMatch(/missing \(deleted\?\)/);
    expect(problems).toMatch(/no valid signature by a trusted key/);
    await log.close();
  });
});
