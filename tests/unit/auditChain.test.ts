import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  canonicalJson,
  chainEntry,
  verifyChain,
  type AuditEntry,
  type AuditRecord,
} from '../../server/audit/chain';

function record(action: string, resultSize = 1): AuditRecord {
  return {
    actor: 'ivy.investigator',
    role: 'investigator',
    action,
    target: 'BankAccount:ICBC:6222001',
    params: { depth: 3, window: { from: '2026-11-01', to: '2026-11-02' } },
    resultSize,
    outcome: 'ok',
    requestId: 'req-1',
  };
}

function chain(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let index = 0; index < length; index += 1) {
    const at = new Date(Date.UTC(2026, 10, 28, 9, 0, index));
    entries.push(chainEntry(record(`entity.view`, index), entries[index - 1], at));
  }
  return entries;
}

describe('canonical JSON', () => {
  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});

describe('the audit hash chain', () => {
  it('links the first entry to the genesis hash and each next one to the last', () => {
    const entries = chain(3);
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(verifyChain(entries, { seq: 3, hash: entries[2]?.hash ?? '' })).toMatchObject({
      ok: true,
      entries: 3,
    });
  });

  it('catches an edited entry', () => {
    const entries = chain(4);
    entries[1] = { ...(entries[1] as AuditEntry), actor: 'someone.else' };
    const result = verifyChain(entries);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ seq: 2, problem: expect.stringMatching(/edited/) }]);
  });

  it('catches a deleted entry', () => {
    const entries = chain(4);
    entries.splice(2, 1);
    const result = verifyChain(entries);
    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.seq)).toEqual([4, 4]);
    expect(result.problems[0]?.problem).toMatch(/3\.\.3 are missing/);
  });

  it('catches entries cut off the end only when given the head', () => {
    const entries = chain(4);
    const head = { seq: 4, hash: entries[3]?.hash ?? '' };
    const cut = entries.slice(0, 3);
    expect(verifyChain(cut).ok).toBe(true);
    expect(verifyChain(cut, head).ok).toBe(false);
    expect(verifyChain(cut, { hash: head.hash }).problems[0]?.problem).toMatch(/head hash/);
  });

  it('catches a re-signed forgery that breaks the link to the next entry', () => {
    const entries = chain(3);
    const forged = { ...(entries[1] as AuditEntry), outcome: 'denied' };
    entries[1] = chainEntry(forged, entries[0], new Date(forged.at));
    const result = verifyChain(entries);
    expect(result.problems).toEqual([{ seq: 3, problem: expect.stringMatching(/does not link/) }]);
  });
});
