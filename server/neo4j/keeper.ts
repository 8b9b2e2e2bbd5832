/**
 * Keeps the local Neo4j running while Ringtrace runs: when the server exits without being asked
 * to (killed, out of memory, crashed), it is started again at once, then after growing pauses if
 * starting fails. `/api/health` reports what happened, so an operator sees the restart.
 */
import type { Logger } from 'pino';
import type { LocalNeo4j } from './localServer';

/** Pauses before each restart attempt after an unexpected exit; the last one repeats. */
const RESTART_DELAYS_MS = [0, 5_000, 15_000, 30_000] as const;

export interface LocalNeo4jStatus {
  /** `running`; `restarting` after an unexpected exit until it is up again; `stopped` at shutdown. */
  readonly state: 'running' | 'restarting' | 'stopped';
  /** Times the server was started again after exiting on its own. */
  readonly restarts: number;
  /** When it last exited without being asked to, and how. */
  readonly lastExitAt: string | null;
  readonly lastExit: string | null;
  /** When it was last started again. */
  readonly lastRestartAt: string | null;
}

export class LocalNeo4jKeeper {
  readonly #server: LocalNeo4j;
  readonly #logger: Logger;
  readonly #delaysMs: readonly number[];
  #status: LocalNeo4jStatus = {
    state: 'running',
    restarts: 0,
    lastExitAt: null,
    lastExit: null,
    lastRestartAt: null,
  };
  #timer: NodeJS.Timeout | undefined;
  #attempt = 0;
  #restarting: Promise<void> | undefined;

  constructor(server: LocalNeo4j, logger: Logger, delaysMs: readonly number[] = RESTART_DELAYS_MS) {
    this.#server = server;
    this.#logger = logger.child({ component: 'local-neo4j' });
    this.#delaysMs = delaysMs;
    server.onUnexpectedExit((reason) => this.#exited(reason));
  }

  get status(): LocalNeo4jStatus {
    return this.#status;
  }

  /** Stops watching (before the server is stopped on purpose); waits for a restart under way. */
  async stop(): Promise<void> {
    this.#status = { ...this.#status, state: 'stopped' };
    clearTimeout(this.#timer);
    await this.#restarting?.catch(() => undefined);
  }

  #exited(reason: string): void {
    if (this.#stopped()) return;
    this.#logger.error({ reason }, 'The local Neo4j stopped unexpectedly; starting it again');
    this.#status = {
      ...this.#status,
      state: 'restarting',
      lastExitAt: new Date().toISOString(),
      lastExit: reason,
    };
    this.#attempt = 0;
    this.#schedule();
  }

  #schedule(): void {
    const delay = this.#delaysMs[Math.min(this.#attempt, this.#delaysMs.length - 1)] ?? 0;
    this.#attempt += 1;
    this.#timer = setTimeout(() => {
      this.#restarting = this.#restart().finally(() => {
        this.#restarting = undefined;
      });
    }, delay);
    this.#timer.unref();
  }

  /** True once `stop()` was called (read through a method: it changes while a start awaits). */
  #stopped(): boolean {
    return this.#status.state === 'stopped';
  }

  async #restart(): Promise<void> {
    if (this.#stopped()) return;
    try {
      await this.#server.start();
    } catch (error) {
      if (this.#stopped()) return;
      this.#logger.error({ err: error }, 'Starting the local Neo4j again failed; will retry');
      this.#schedule();
      return;
    }
    if (this.#stopped()) {
      await this.#server.stop();
      return;
    }
    this.#status = {
      ...this.#status,
      state: 'running',
      restarts: this.#status.restarts + 1,
      lastRestartAt: new Date().toISOString(),
    };
    this.#logger.warn({ restarts: this.#status.restarts }, 'The local Neo4j runs again');
  }
}
