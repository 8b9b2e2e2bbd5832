/**
 * The alert stream behind `GET /api/alerts/stream`: one poller per server reads the alerts changed
 * after the last change number it saw (this server's own changes wake it at once; changes made by
 * another process, such as a command-line load, are read within `pollMs`), and hands each to the
 * subscribers who may see it. Change numbers are taken under one lock and so commit in order: a
 * change is never skipped. A subscriber resuming after change `n` is first sent what it missed.
 */
import type { AlertRow } from '../db/queries';
import type { AlertScope, AlertStore } from './alerts';

export interface AlertSubscriber {
  readonly scope: AlertScope;
  readonly send: (alert: AlertRow) => void;
}

/** Most changes read in one go (a resuming subscriber's backlog is read in pages of this). */
const PAGE = 500;

export class AlertHub {
  readonly #store: AlertStore;
  readonly #pollMs: number;
  readonly #subscribers = new Set<AlertSubscriber>();
  #lastSeq = -1;
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<void> | undefined;
  #again = false;
  #onError: (error: unknown) => void;

  constructor(store: AlertStore, pollMs: number, onError: (error: unknown) => void) {
    this.#store = store;
    this.#pollMs = pollMs;
    this.#onError = onError;
  }

  /** Starts polling from the latest change (what came before is history to new subscribers). */
  async start(): Promise<void> {
    this.#timer = setInterval(() => void this.wake(), this.#pollMs);
    this.#timer.unref();
    this.#lastSeq = await this.#latestSeq();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #latestSeq(): Promise<number> {
    let after = this.#lastSeq;
    for (;;) {
      const rows = await this.#store.changedAfter({ stationId: null }, after, PAGE);
      const last = rows.at(-1);
      if (!last) return after;
      after = last.seq;
    }
  }

  /** Reads and hands on the changes since the last one seen; resolves when done. */
  wake(): Promise<void> {
    if (this.#polling) {
      this.#again = true;
      return this.#polling;
    }
    this.#polling = (async () => {
      try {
        do {
          this.#again = false;
          for (;;) {
            const rows = await this.#store.changedAfter({ stationId: null }, this.#lastSeq, PAGE);
            for (const row of rows) {
              this.#lastSeq = row.seq;
              for (const subscriber of this.#subscribers) {
                if (visible(subscriber.scope, row)) subscriber.send(row);
              }
            }
            if (rows.length < PAGE) break;
          }
        } while (this.#again);
      } catch (error) {
        this.#onError(error);
      } finally {
        this.#polling = undefined;
      }
    })();
    return this.#polling;
  }

  /**
   * Subscribes; sends first the changes after `after` (when given) that the subscriber missed.
   * Returns the unsubscribe function.
   */
  async subscribe(subscriber: AlertSubscriber, after: number | null): Promise<() => void> {
    let lastSent = after ?? Number.POSITIVE_INFINITY;
    const buffered: AlertRow[] = [];
    let catchingUp = after !== null;
    const entry: AlertSubscriber = {
      scope: subscriber.scope,
      send: (row) => {
        if (catchingUp) buffered.push(row);
        else if (after === null || row.seq > lastSent) {
          lastSent = row.seq;
          subscriber.send(row);
        }
      },
    };
    this.#subscribers.add(entry);
    if (after !== null) {
      let cursor = after;
      for (;;) {
        const rows = await this.#store.changedAfter(subscriber.scope, cursor, PAGE);
        for (const row of rows) {
          cursor = row.seq;
          lastSent = row.seq;
          subscriber.send(row);
        }
        if (rows.length < PAGE) break;
      }
      catchingUp = false;
      for (const row of buffered) {
        if (row.seq > lastSent) {
          lastSent = row.seq;
          subscriber.send(row);
        }
      }
      buffered.length = 0;
    }
    return () => this.#subscribers.delete(entry);
  }

  get subscribers(): number {
    return this.#subscribers.size;
  }
}

function visible(scope: AlertScope, row: AlertRow): boolean {
  return scope.stationId === null || row.stationId === scope.stationId;
}
