/**
 * The audit trail's hash chain, as pure functions shared by the server and the offline verifier.
 *
 * Each entry's `hash` is SHA-256 over the canonical JSON of its fields and the `prevHash` of the
 * entry before it; the first entry links to `GENESIS_HASH`. Editing an entry breaks its own hash;
 * deleting one breaks the sequence and the link of the next; cutting off the end is caught by
 * comparing the last hash with the head the server reports.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What is recorded about one action. */
export interface AuditRecord {
  /** Username, or `anonymous` for a failed login with an unknown name. */
  readonly actor: string;
  readonly role: string | null;
  /** What was done, e.g. `auth.login`, `entity.view`, `users.create`. */
  readonly action: string;
  /** What it was done to, e.g. `BankAccount:ICBC:6222...`; null when nothing in particular. */
  readonly target: string | null;
  /** The request's parameters, secrets removed. */
  readonly params: { readonly [key: string]: JsonValue };
  /** How many records the answer held. */
  readonly resultSize: number;
  /** `ok`, `denied`, `failed`, `throttled`, ... */
  readonly outcome: string;
  readonly requestId: string | null;
}

export interface AuditEntry extends AuditRecord {
  /** 1, 2, 3, ... without gaps. */
  readonly seq: number;
  /** ISO-8601 UTC time with milliseconds. */
  readonly at: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
}

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const content = canonicalJson({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    role: entry.role,
    action: entry.action,
    target: entry.target,
    params: entry.params,
    resultSize: entry.resultSize,
    outcome: entry.outcome,
    requestId: entry.requestId,
    prevHash: entry.prevHash,
  });
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/** Builds the entry that follows `previous` (or the first one). */
export function chainEntry(
  record: AuditRecord,
  previous: { seq: number; hash: string } | undefined,
  at: Date,
): AuditEntry {
  const unsigned = {
    ...record,
    seq: (previous?.seq ?? 0) + 1,
    at: at.toISOString(),
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  return { ...unsigned, hash: entryHash(unsigned) };
}

export interface ChainProblem {
  readonly seq: number;
  readonly problem: string;
}

export interface ChainVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** Hash of the last entry checked. */
  readonly head: string;
  readonly problems: readonly ChainProblem[];
}

/**
 * Checks a run of entries in sequence order. `previous` is the entry before the first one given
 * (for verifying a page at a time); `expectedHead` is the head hash the server reported.
 */
export class ChainVerifier {
  #previous: { seq: number; hash: string } | undefined;
  #entries = 0;
  readonly #problems: ChainProblem[] = [];

  constructor(previous?: { seq: number; hash: string }) {
    this.#previous = previous;
  }

  add(entry: AuditEntry): void {
    this.#entries += 1;
    const expectedSeq = (this.#previous?.seq ?? 0) + 1;
    if (entry.seq !== expectedSeq) {
      this.#problems.push({
        seq: entry.seq,
        problem:
          entry.seq > expectedSeq
            ? `entries ${expectedSeq}..${entry.seq - 1} are missing (deleted?)`
            : `sequence number repeats or goes back (expected ${expectedSeq})`,
      });
    }
    const expectedPrev = this.#previous?.hash ?? GENESIS_HASH;
    if (entry.prevHash !== expectedPrev) {
      this.#problems.push({
        seq: entry.seq,
        problem: 'does not link to the entry before it (an entry was removed or replaced)',
      });
    }
    if (entryHash(entry) !== entry.hash) {
      this.#problems.push({ seq: entry.seq, problem: 'content does not match its hash (edited)' });
    }
    this.#previous = { seq: entry.seq, hash: entry.hash };
  }

  /** Ends the check; `expectedHead` is the head the server reported (its seq when known). */
  finish(expectedHead?: { seq?: number; hash: string }): ChainVerification {
    const head = this.#previous?.hash ?? GENESIS_HASH;
    const lastSeq = this.#previous?.seq ?? 0;
    if (expectedHead?.seq !== undefined && expectedHead.seq !== lastSeq) {
      this.#problems.push({
        seq: expectedHead.seq,
        problem: `the trail ends at entry ${lastSeq}, but the head is entry ${expectedHead.seq} (entries cut off, or the head altered)`,
      });
    } else if (expectedHead && expectedHead.hash !== head) {
      this.#problems.push({
        seq: lastSeq,
        problem:
          'the last entry does not match the head hash (entries cut off, or the head altered)',
      });
    }
    return {
      ok: this.#problems.length === 0,
      entries: this.#entries,
      head,
      problems: this.#problems,
    };
  }
}

export function verifyChain(
  entries: Iterable<AuditEntry>,
  expectedHead?: { seq?: number; hash: string },
): ChainVerification {
  const verifier = new ChainVerifier();
  for (const entry of entries) verifier.add(entry);
  return verifier.finish(expectedHead);
}
