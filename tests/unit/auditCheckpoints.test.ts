import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainEntry, type AuditEntry } from '../../server/audit/chain';
import {
  CheckpointSigner,
  checkAgainstCheckpoints,
  checkpointSigned,
  parseCheckpoints,
} from '../../server/audit/checkpoints';
import { PROJECT_ROOT } from '../../server/config';

function trail(count: number, actorOf: (seq: number) => string = () => 'det.li'): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let seq = 1; seq <= count; seq += 1) {
    const record = {
      actor: actorOf(seq),
      role: 'investigator',
      action: 'trace.forward',
      target: `Transfer:ICBC:T${seq}`,
      params: { depth: 4 },
      resultSize: seq,
      outcome: 'ok',
      requestId: null,
    };
    entries.push(chainEntry(record, entries.at(-1), new Date(Date.UTC(2026, 11, 4, 9, 0, seq))));
  }
  return entries;
}

const signer = CheckpointSigner.fromKey(generateKeyPairSync('ed25519').privateKey);
const at = new Date('2026-12-04T09:10:00Z');

describe('signed checkpoints of the audit head', () => {
  it('verify with the signing key only, and not after any field is changed', () => {
    const checkpoint = signer.sign({ seq: 5, hash: 'a'.repeat(64) }, at);
    expect(checkpointSigned(checkpoint, signer.publicKey)).toBe(true);
    const other = CheckpointSigner.fromKey(generateKeyPairSync('ed25519').privateKey);
    expect(checkpointSigned(checkpoint, other.publicKey)).toBe(false);
    expect(checkpointSigned({ ...checkpoint, seq: 4 }, signer.publicKey)).toBe(false);
    expect(
      checkpointSigned({ ...checkpoint, at: '2026-12-05T00:00:00.000Z' }, signer.publicKey),
    ).toBe(false);
  });

  it('catch a trail cut off after a checkpoint and one re-chained before it', () => {
    const original = trail(6);
    const checkpoints = [signer.sign(original[2]!, at), signer.sign(original[5]!, at)];
    const hashAt = (entries: AuditEntry[]) => (seq: number) => entries[seq - 1]?.hash;

    expect(checkAgainstCheckpoints(checkpoints, [signer.publicKey], hashAt(original), 6)).toEqual(
      [],
    );

    const cut = original.slice(0, 4);
    expect(checkAgainstCheckpoints(checkpoints, [signer.publicKey], hashAt(cut), 4)).toEqual([
      { seq: 6, problem: expect.stringMatching(/trail ends at entry 4 \(entries cut off\)/) },
    ]);

    const rechained = trail(6, (seq) => (seq === 2 ? 'someone.else' : 'det.li'));
    const problems = checkAgainstCheckpoints(checkpoints, [signer.publicKey], hashAt(rechained), 6);
    expect(problems.map((problem) => problem.seq)).toEqual([3, 6]);
  });

  it('skip a torn last line but refuse a damaged file', () => {
    const line = JSON.stringify(signer.sign({ seq: 1, hash: 'b'.repeat(64) }, at));
    expect(parseCheckpoints(`${line}\n${line}\n{"seq":`)).toHaveLength(2);
    expect(() => parseCheckpoints(`${line}\n{"seq":\n${line}\n`)).toThrow(/damaged/);
  });

  it('let the offline verifier catch a re-chained export', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-verify-'));
    const original = trail(5);
    const keyFile = path.join(dir, 'key.pem');
    const checkpointFile = path.join(dir, 'checkpoints.jsonl');
    writeFileSync(keyFile, signer.publicKeyPem);
    writeFileSync(checkpointFile, `${JSON.stringify(signer.sign(original[4]!, at))}\n`);
    const run = (entries: AuditEntry[]) => {
      const file = path.join(dir, 'trail.jsonl');
      writeFileSync(file, entries.map((entry) => JSON.stringify(entry)).join('\n') + '\n');
      const args = ['server/cli/auditVerify.ts', file];
      args.push('--checkpoints', checkpointFile, '--public-key', keyFile);
      return spawnSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), args, {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
      });
    };
    const intact = run(original);
    expect(intact.stdout).toMatch(/OK: 5 entries, chain intact/);
    expect(intact.stdout).toMatch(/All 1 signed checkpoints match/);
    expect(intact.status).toBe(0);

    const forged = run(trail(5, (seq) => (seq === 1 ? 'someone.else' : 'det.li')));
    expect(forged.stdout).toMatch(/TAMPERED/);
    expect(forged.stdout).toMatch(/entry 5: the entry differs from the one signed/);
    expect(forged.status).toBe(1);
  });
});
