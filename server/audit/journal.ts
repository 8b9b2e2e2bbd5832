/**
 * The audit journal: a local append-only file where each audit record is made durable (written
 * and synced) before the request it describes is answered. The trail in Neo4j is written from it
 * in the background, so a request waits for a local disk sync, not for a database commit.
 *
 * Each running AuditLog keeps its own file, `journal-<pid>-<random>.jsonl`, emptied from time to
 * time when everything in it is in Neo4j, and removed when the server stops. A file whose process has stopped (or that this process, restarted
 * with the same id, no longer has open) holds records that may not have reached Neo4j yet: the next AuditLog started on the same folder claims it (an atomic rename,
 * so two servers never both do) and replays it. Records carry an id, so a replay adds nothing
 * twice.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fdatasync,
  fdatasyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  unlinkSync,
  write,
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AuditRecord } from './chain';

/** One record as journaled: its id and the time of the action. */
export interface JournaledRecord {
  readonly recordId: string;
  readonly at: string;
  readonly record: AuditRecord;
}

/** Size past which the journal is emptied once everything in it is in Neo4j. */
const EMPTY_AFTER_BYTES = 1_048_576;

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);

/** A journal, or one being replayed: the process that holds it is the replayer if there is one. */
const JOURNAL_FILE = /^(journal-(\d+)-[0-9a-f]+\.jsonl)(?:\.replay-(\d+))?$/;

/** Journal files this process has open (a restarted server may get its old process id). */
const openJournals = new Set<string>();

function inUse(file: string, pid: number): boolean {
  if (pid === process.pid) return openJournals.has(file);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Parses a journal's lines; a torn last line (the process died while writing it) is skipped. */
function parseJournal(text: string): JournaledRecord[] {
  const records: JournaledRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as JournaledRecord);
    } catch {
      // Only the last line can be torn; it was never acknowledged to anyone.
    }
  }
  return records;
}

/** Journals left by processes that have stopped, claimed by this one. */
export interface ClaimedJournal {
  readonly file: string;
  readonly records: JournaledRecord[];
}

export class AuditJournal {
  readonly file: string;
  readonly #fd: number;
  #queued: {
    line: string;
    durable: () => void;
    resolve: () => void;
    reject: (error: unknown) => void;
  }[] = [];
  #writing = false;
  /** Bytes written since the file was last emptied. */
  #bytes = 0;

  readonly #syncEveryMs: number;
  #syncTimer: NodeJS.Timeout | undefined;
  #unsynced = false;

  /**
   * `syncEveryMs`: 0 syncs each write to disk before it resolves; otherwise a write resolves once
   * the operating system has it (it survives Ringtrace stopping, not the machine losing power)
   * and the file is synced in the background at most this many milliseconds later.
   */
  constructor(dir: string, syncEveryMs = 0) {
    mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, `journal-${process.pid}-${randomBytes(6).toString('hex')}.jsonl`);
    this.#fd = openSync(this.file, 'a');
    this.#syncEveryMs = syncEveryMs;
    openJournals.add(this.file);
  }

  /** Claims the journals in `dir` whose processes have died, for replay. */
  static claimAbandoned(dir: string): ClaimedJournal[] {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    const claimed: ClaimedJournal[] = [];
    for (const name of names) {
      const match = JOURNAL_FILE.exec(name);
      if (!match || inUse(path.join(dir, name), Number(match[3] ?? match[2]))) continue;
      const file = path.join(dir, `${match[1]}.replay-${process.pid}`);
      try {
        renameSync(path.join(dir, name), file);
      } catch {
        continue; // another server claimed it first
      }
      openJournals.add(file);
      claimed.push({ file, records: parseJournal(readFileSync(file, 'utf8')) });
    }
    return claimed;
  }

  /** Removes a replayed journal once its records are in Neo4j. */
  static discard(file: string): void {
    openJournals.delete(file);
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }

  /**
   * Appends a record and resolves once it is written. `durable` is called as soon as it is,
   * before the journal can be seen idle again (so `clear` never drops a record nobody holds).
   * Records that arrive while a write is in flight share the next write and sync.
   */
  append(record: JournaledRecord, durable: () => void): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    return new Promise<void>((resolve, reject) => {
      this.#queued.push({ line, durable, resolve, reject });
      if (!this.#writing) void this.#writeQueued();
    });
  }

  get idle(): boolean {
    return !this.#writing && this.#queued.length === 0;
  }

  /**
   * Called when everything in the file is in Neo4j: empties it once it has grown past
   * `EMPTY_AFTER_BYTES` (records replayed after a crash that are already in Neo4j are skipped,
   * so there is no need to pay for emptying it after every write). Only while no write is in
   * flight.
   */
  clear(): void {
    if (this.idle && this.#bytes >= EMPTY_AFTER_BYTES) {
      ftruncateSync(this.#fd, 0);
      this.#bytes = 0;
    }
  }

  #syncSoon(): void {
    this.#unsynced = true;
    if (this.#syncTimer) return;
    this.#syncTimer = setTimeout(() => {
      this.#syncTimer = undefined;
      if (!this.#unsynced) return;
      this.#unsynced = false;
      fdatasync(this.#fd, () => undefined);
    }, this.#syncEveryMs).unref();
  }

  /** Closes the file; removes it when `empty` (everything in it is in Neo4j), else keeps it. */
  close(empty: boolean): void {
    clearTimeout(this.#syncTimer);
    if (this.#unsynced && !empty) fdatasyncSync(this.#fd);
    closeSync(this.#fd);
    openJournals.delete(this.file);
    if (empty) unlinkSync(this.file);
  }

  async #writeQueued(): Promise<void> {
    this.#writing = true;
    while (this.#queued.length > 0) {
      const batch = this.#queued;
      this.#queued = [];
      try {
        const buffer = Buffer.from(batch.map((item) => item.line).join(''), 'utf8');
        let offset = 0;
        while (offset < buffer.length) {
          const { bytesWritten } = await writeAsync(this.#fd, buffer, offset);
          offset += bytesWritten;
        }
        if (this.#syncEveryMs === 0) await fdatasyncAsync(this.#fd);
        else this.#syncSoon();
        this.#bytes += buffer.length;
        for (const item of batch) item.durable();
        for (const item of batch) item.resolve();
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    this.#writing = false;
  }
}
