/**
 * The audit trail in Neo4j: append-only, chained by hash (see `chain.ts`). Appends take the lock
 * on the chain's head inside the same transaction as the write, so concurrent requests (and
 * several Ringtrace servers on one database) still produce one unbroken chain. Records that
 * arrive while a write is in flight are written together in the next transaction (group commit).
 *
 * With a journal folder (the server's default), `append` resolves once the record is synced to
 * the local journal (see `journal.ts`) and the chain in Neo4j is written from it in the
 * background, retried until it succeeds; reading the trail (`head`, `search`, `entries`,
 * `verify`) first waits until everything appended so far is in Neo4j. Without one, `append`
 * waits for the Neo4j commit itself. Either way a request whose record cannot be made durable
 * fails instead of going unrecorded.
 */
import { randomUUID } from 'node:crypto';
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
import {
  checkAgainstCheckpoints,
  type AuditCheckpoint,
  type CheckpointFile,
  type CheckpointSigner,
} from './checkpoints';
import { AuditJournal, type JournaledRecord } from './journal';

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

export interface AuditLogOptions {
  /** Folder of the local journal; without it each append waits for its Neo4j commit. */
  readonly journalDir?: string | undefined;
  /** 0: each record is synced to disk before its request is answered; else the journal is synced this often. */
  readonly journalSyncMs?: number | undefined;
  readonly now?: () => Date;
  /** Told when writing journaled records to Neo4j fails (they are kept and retried). */
  readonly onWriteError?: (error: unknown) => void;
  /** Signs the head after writes and keeps the checkpoints outside Neo4j (`checkpoints.ts`). */
  readonly anchor?: AuditAnchor | undefined;
}

export interface AuditAnchor {
  readonly signer: CheckpointSigner;
  readonly file: CheckpointFile;
  /** Least time between two checkpoints; the head is also signed when the log closes. */
  readonly everyMs: number;
}

const EXPORT_PAGE = 5_000;

/** Most records written in one transaction. */
const GROUP_LIMIT = 500;

/**
 * How long journaled records wait to be written to Neo4j together. A write transaction costs
 * Neo4j some 15–20 ms of CPU however few records it holds (0.2–0.4 ms more per record), so a busy
 * server writes the trail once a second. Nothing waits for it: the records are safe in the journal,
 * and readers of the trail flush it first.
 */
const WRITE_DELAY_MS = 1_000;

/** Wait before writing journaled records to Neo4j again after a failure. */
const RETRY_MS = 1_000;

function parse(stored: StoredAuditEntry): AuditEntry {
  return { ...stored, params: JSON.parse(stored.params) as { [key: string]: JsonValue } };
}

interface Pending extends JournaledRecord {
  /** From a journal left by a stopped process: may already be in Neo4j. */
  readonly replayed: boolean;
  /** Settles the append waiting for this record (no journal). */
  readonly stored?: (error?: unknown) => void;
}

export class AuditLog {
  readonly #executor: Executor;
  readonly #now: () => Date;
  readonly #onWriteError: (error: unknown) => void;
  readonly #journal: AuditJournal | undefined;
  /** Journals of stopped processes, removed once their records are in Neo4j. */
  readonly #replaying: string[] = [];
  readonly #pending: Pending[] = [];
  /** Records ever queued for Neo4j, and those done with (written, or failed without a journal). */
  #queued = 0;
  #done = 0;
  #writer: Promise<void> | undefined;
  #retry: NodeJS.Timeout | undefined;
  #delayed: NodeJS.Timeout | undefined;
  readonly #anchor: AuditAnchor | undefined;
  /** The head this log last wrote, and the time of its last checkpoint. */
  #written: { seq: number; hash: string } | undefined;
  #checkpointed: { seq: number; time: number } | undefined;

  constructor(executor: Executor, options: AuditLogOptions = {}) {
    this.#executor = executor;
    this.#now = options.now ?? (() => new Date());
    this.#onWriteError = options.onWriteError ?? (() => undefined);
    this.#anchor = options.anchor;
    if (options.journalDir) {
      for (const { file, records } of AuditJournal.claimAbandoned(options.journalDir)) {
        this.#replaying.push(file);
        for (const record of records) this.#queue({ ...record, replayed: true });
      }
      this.#journal = new AuditJournal(options.journalDir, options.journalSyncMs ?? 0);
      if (this.#pending.length > 0 || this.#replaying.length > 0) void this.#startWriting();
    }
  }

  /** Records one action; resolves once the record is durable (journal or Neo4j). */
  async append(record: AuditRecord): Promise<void> {
    const item = { recordId: randomUUID(), at: this.#now().toISOString(), record };
    const journal = this.#journal;
    if (journal) {
      await journal.append(item, () => {
        this.#queue({ ...item, replayed: false });
        this.#writeSoon();
      });
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const stored = (error?: unknown) => {
        if (error === undefined) resolve();
        else reject(error instanceof Error ? error : new Error('Writing the audit trail failed.'));
      };
      this.#queue({ ...item, replayed: false, stored });
      void this.#startWriting();
    });
  }

  /** Resolves once every record appended so far is in Neo4j; rejects when that fails. */
  async flush(): Promise<void> {
    // Records appended later are not waited for, so a busy server cannot keep a reader waiting.
    const target = this.#queued;
    while (this.#done < target) await this.#startWriting();
  }

  #queue(item: Pending): void {
    this.#pending.push(item);
    this.#queued += 1;
  }

  /** Writes what is pending and closes the journal (kept on disk if Neo4j could not be reached). */
  async close(): Promise<void> {
    clearTimeout(this.#retry);
    let flushed = true;
    await this.flush().catch(() => {
      flushed = false;
    });
    this.#journal?.close(flushed && this.#pending.length === 0 && this.#journal.idle);
    this.#checkpoint(true);
  }

  /**
   * Signs the head this log last wrote and keeps the checkpoint, at most once per
   * `anchor.everyMs` unless `force`d.
   */
  #checkpoint(force: boolean): void {
    const anchor = this.#anchor;
    const head = this.#written;
    if (!anchor || !head || head.seq === this.#checkpointed?.seq) return;
    const now = this.#now();
    if (!force && this.#checkpointed && now.getTime() - this.#checkpointed.time < anchor.everyMs) {
      return;
    }
    anchor.file.append(anchor.signer.sign(head, now));
    this.#checkpointed = { seq: head.seq, time: now.getTime() };
  }

  /**
   * Journaled records go to Neo4j together a moment later (`WRITE_DELAY_MS`), so a busy server
   * commits one transaction a second to the trail, not one per request; readers of the trail
   * do not wait for the delay (`flush`).
   */
  #writeSoon(): void {
    if (this.#delayed || this.#writer) return;
    this.#delayed = setTimeout(() => {
      this.#delayed = undefined;
      void this.#startWriting();
    }, WRITE_DELAY_MS);
    this.#delayed.unref();
  }

  #startWriting(): Promise<void> {
    clearTimeout(this.#delayed);
    this.#delayed = undefined;
    if (!this.#writer) {
      const writer = this.#writeAll().finally(() => {
        this.#writer = undefined;
        if (this.#pending.length === 0 || this.#retry) return;
        // Appends without a journal are waiting for their commit: no delay for them.
        if (this.#journal) this.#writeSoon();
        else void this.#startWriting();
      });
      writer.catch(() => undefined); // reported by onWriteError and to whoever flushes
      this.#writer = writer;
    }
    return this.#writer;
  }

  /** Writes the records pending now (those that arrive meanwhile wait for the next round). */
  async #writeAll(): Promise<void> {
    clearTimeout(this.#retry);
    this.#retry = undefined;
    let left = this.#pending.length;
    while (left > 0) {
      const group = this.#pending.slice(0, Math.min(GROUP_LIMIT, left));
      left -= group.length;
      try {
        await this.#store(group);
      } catch (error) {
        if (this.#journal) {
          this.#onWriteError(error);
          this.#retry = setTimeout(() => {
            this.#retry = undefined;
            void this.#startWriting();
          }, RETRY_MS).unref();
          throw error;
        }
        this.#pending.splice(0, group.length);
        this.#done += group.length;
        for (const item of group) item.stored?.(error);
        continue;
      }
      this.#pending.splice(0, group.length);
      this.#done += group.length;
      for (const item of group) item.stored?.();
    }
    if (this.#pending.length === 0 && this.#journal?.idle) this.#journal.clear();
    for (const file of this.#replaying.splice(0)) AuditJournal.discard(file);
    this.#checkpoint(false);
  }

  /** Chains a group of records onto the head and writes them in one transaction. */
  async #store(group: readonly Pending[]): Promise<void> {
    const written = await this.#executor.transaction('write', async (tx) => {
      const [head] = await tx.run(queries.lockAuditHead, { genesis: GENESIS_HASH });
      let records: readonly Pending[] = group;
      if (group.some((item) => item.replayed)) {
        const recordIds = group.map((item) => item.recordId);
        const stored = await tx.run(queries.storedAuditRecordIds, { recordIds });
        const already = new Set(stored.map((row) => row.recordId));
        records = group.filter((item) => !already.has(item.recordId));
      }
      let previous = head && head.seq > 0 ? head : undefined;
      const entries = records.map((item) => {
        const entry = chainEntry(item.record, previous, new Date(item.at));
        previous = entry;
        return { ...entry, params: canonicalJson(entry.params), recordId: item.recordId };
      });
      if (previous && entries.length > 0) {
        await tx.run(queries.appendAuditEntries, {
          entries,
          seq: previous.seq,
          hash: previous.hash,
        });
      }
      return previous && { seq: previous.seq, hash: previous.hash };
    });
    if (written) this.#written = written;
  }

  async head(): Promise<{ seq: number; hash: string }> {
    await this.flush();
    const head = await this.#executor.first(queries.auditHead, {});
    return { seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH };
  }

  /** Newest first, `limit` at a time. */
  async search(filter: AuditFilter, before: number | undefined, limit: number): Promise<AuditPage> {
    await this.flush();
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
    await this.flush();
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

  /**
   * What anchors the trail outside Neo4j, for supervisors to copy: the signing key's public half
   * and every checkpoint so far, after signing the head as it is now. Undefined when not anchored.
   */
  async anchorState(): Promise<
    { signer: CheckpointSigner; checkpoints: AuditCheckpoint[] } | undefined
  > {
    const anchor = this.#anchor;
    if (!anchor) return undefined;
    await this.flush();
    this.#checkpoint(true);
    return { signer: anchor.signer, checkpoints: anchor.file.read() };
  }

  /**
   * Walks the whole chain in the database and checks it against the head and, with an anchor,
   * against every signed checkpoint kept outside Neo4j.
   */
  async verify(): Promise<ChainVerification> {
    const head = await this.head();
    this.#checkpoint(true);
    const checkpoints = this.#anchor?.file.read() ?? [];
    const wanted = new Set(checkpoints.map((checkpoint) => checkpoint.seq));
    const hashes = new Map<number, string>();
    const verifier = new ChainVerifier();
    for await (const entry of this.entries(head.seq)) {
      verifier.add(entry);
      if (wanted.has(entry.seq)) hashes.set(entry.seq, entry.hash);
    }
    const result = verifier.finish(head);
    if (!this.#anchor) return result;
    const problems = checkAgainstCheckpoints(
      checkpoints,
      [this.#anchor.signer.publicKey],
      (seq) => hashes.get(seq),
      head.seq,
    );
    if (problems.length === 0) return result;
    return { ...result, ok: false, problems: [...result.problems, ...problems] };
  }
}
