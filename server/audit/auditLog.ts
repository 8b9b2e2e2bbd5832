/**
 * The audit trail in Neo4j: append-only, chained by hash (see `chain.ts`). Appends take the lock
 * on the chain's head inside the same transaction as the write, so concurrent requests (and
 * several Ringtrace servers on one database) still produce one unbroken chain. Records that
 * arrive while a write is in flight are written together in the next transaction (group commit):
 * each request still waits until its own entry is stored, but concurrent requests share one lock
 * and one commit instead of queueing for the head one by one.
 */
import type { Executor } from '../db/executor';
import { queries, type StoredAuditEntry } from '../db/queries';
import {
  ChainVerifier,
  GENESIS_HASH,
  canonicalJson,
  chainEntry,
  type AuditEntry,
  type AuditRecord,
  type ChainVerification,
  type JsonValue,
} from './chain';

export interface AuditFilter {
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export interface AuditPage {
  readonly entries: AuditEntry[];
  /** Pass as `before` to get the next (older) page; null on the last page. */
  readonly nextBefore: number | null;
}

const EXPORT_PAGE = 5_000;

function parse(stored: StoredAuditEntry): AuditEntry {
  return { ...stored, params: JSON.parse(stored.params) as { [key: string]: JsonValue } };
}

/** Most records written in one transaction. */
const GROUP_LIMIT = 200;

interface Pending {
  readonly record: AuditRecord;
  readonly resolve: (entry: AuditEntry) => void;
  readonly reject: (error: unknown) => void;
}

export class AuditLog {
  readonly #executor: Executor;
  readonly #now: () => Date;
  readonly #pending: Pending[] = [];
  #writing = false;

  constructor(executor: Executor, now: () => Date = () => new Date()) {
    this.#executor = executor;
    this.#now = now;
  }

  /** Appends one record and resolves with the entry as chained, once it is stored. */
  append(record: AuditRecord): Promise<AuditEntry> {
    return new Promise<AuditEntry>((resolve, reject) => {
      this.#pending.push({ record, resolve, reject });
      if (!this.#writing) void this.#writeGroups();
    });
  }

  async #writeGroups(): Promise<void> {
    this.#writing = true;
    while (this.#pending.length > 0) {
      const group = this.#pending.splice(0, GROUP_LIMIT);
      try {
        const entries = await this.#executor.transaction('write', async (tx) => {
          const [head] = await tx.run(queries.lockAuditHead, { genesis: GENESIS_HASH });
          let previous = head && head.seq > 0 ? head : undefined;
          const written: AuditEntry[] = [];
          for (const { record } of group) {
            const entry = chainEntry(record, previous, this.#now());
            await tx.run(queries.appendAuditEntry, {
              ...entry,
              params: canonicalJson(entry.params),
            });
            written.push(entry);
            previous = entry;
          }
          return written;
        });
        group.forEach((pending, index) => pending.resolve(entries[index] as AuditEntry));
      } catch (error) {
        for (const pending of group) pending.reject(error);
      }
    }
    this.#writing = false;
  }

  async head(): Promise<{ seq: number; hash: string }> {
    const head = await this.#executor.first(queries.auditHead, {});
    return { seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH };
  }

  /** Newest first, `limit` at a time. */
  async search(filter: AuditFilter, before: number | undefined, limit: number): Promise<AuditPage> {
    const rows = await this.#executor.run(queries.searchAudit, {
      actor: filter.actor ?? null,
      action: filter.action ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      beforeSeq: before ?? null,
      limit: limit + 1,
    });
    const entries = rows.slice(0, limit).map(parse);
    const last = entries[entries.length - 1];
    return { entries, nextBefore: rows.length > limit && last ? last.seq : null };
  }

  /** Entries in chain order up to `upTo`, a page at a time (for export and verification). */
  async *entries(upTo: number): AsyncGenerator<AuditEntry> {
    let after = 0;
    for (;;) {
      const page = await this.#executor.run(queries.auditEntriesAfter, {
        afterSeq: after,
        limit: EXPORT_PAGE,
      });
      for (const row of page) {
        if (row.seq > upTo) return;
        yield parse(row);
      }
      const last = page[page.length - 1];
      if (page.length < EXPORT_PAGE || !last) return;
      after = last.seq;
    }
  }

  /** Walks the whole chain in the database and checks it against the head. */
  async verify(): Promise<ChainVerification> {
    const head = await this.head();
    const verifier = new ChainVerifier();
    for await (const entry of this.entries(head.seq)) verifier.add(entry);
    return verifier.finish(head);
  }
}
