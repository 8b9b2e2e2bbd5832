/**
 * The simulated banks of `bench:warning`: one partner user per bank code of the scenario, each
 * polling `GET /api/stops?since=` for its own bank's stop-payment requests and answering each one
 * `bankDelayMs` of scenario time after the event it answers (its `eventAt`), once the replay's
 * scenario clock has passed that moment. A bank answers from the scenario's own ledger: the
 * account's balance at that moment, held up to the amount asked, or empty when there is nothing.
 *
 * It also keeps what it saw, for the report: every request, when it was first seen (wall and
 * scenario time), every change of it, and anything that looked wrong (a request of another bank,
 * an answer refused, a malformed page).
 */
import { stopPage, type StopRequest } from '../../../server/contract/freeze';
import type { Executor } from '../../../server/db/executor';
import { RingtraceError } from '../../../server/errors';
import { UserService } from '../../../server/services/users';
import type { Ledger } from './freezeMetrics';

const PASSWORD = 'bench password for a simulated bank';

/** A signed-in partner user of one bank. */
export interface BankSession {
  readonly bank: string;
  readonly cookie: string;
  readonly csrfToken: string;
}

/** Creates (if missing) and signs in one partner user per bank code. */
export async function bankSessions(
  executor: Executor,
  base: string,
  banks: readonly string[],
): Promise<BankSession[]> {
  const users = new UserService(executor);
  const sessions: BankSession[] = [];
  for (const bank of banks) {
    const username = `bench.bank.${bank.toLowerCase()}`;
    await users
      .create(
        {
          username,
          displayName: `${bank} stop-payment desk`,
          role: 'partner',
          organisation: bank,
          sector: 'bank',
          password: PASSWORD,
        },
        'bench',
      )
      .catch((error: unknown) => {
        if (!(error instanceof RingtraceError && error.kind === 'conflict')) throw error;
      });
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`${bank} sign-in failed: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    sessions.push({ bank, cookie, csrfToken });
  }
  return sessions;
}

/** A request as a bank saw it. */
export interface SeenStop {
  readonly id: string;
  readonly bank: string;
  readonly account: string;
  readonly origin: StopRequest['origin'];
  readonly alertId: string | null;
  readonly legalBasis: string;
  /** Its `eventAt` (ms), or null. */
  readonly eventAt: number | null;
  readonly requestedAt: string;
  readonly firstSeenWall: number;
  /** Its change number when first seen, and the bank's cursor before that poll. */
  readonly firstSeq: number;
  readonly cursorBefore: number;
  /** The replay's scenario clock when the bank first saw it. */
  readonly firstSeenScenario: number;
  /** The amount asked when first seen, and as last seen (more money may be added before the answer). */
  readonly firstAmountMinor: number;
  amountMinor: number;
  transfers: readonly string[];
  status: StopRequest['status'];
  /** Times it was listed again with a change. */
  changes: number;
  /** Why the server refused the bank's answer, if it did. */
  answerError: string | null;
  answer: {
    readonly outcome: 'held' | 'empty';
    readonly heldMinor: number;
    /** The scenario moment the answer stands for (eventAt + delay). */
    readonly holdAt: number;
    /** The replay's scenario clock when it was sent. */
    readonly sentScenario: number;
  } | null;
}

export interface BankOptions {
  readonly base: string;
  readonly sessions: readonly BankSession[];
  readonly ledger: Ledger;
  readonly bankDelayMs: number;
  /** The replay's scenario clock (ms): the end of the latest window posted. */
  readonly clock: () => number;
  /** Wall time between two polls of every bank. */
  readonly pollMs?: number;
}

/** The simulated banks at work during the live replay. */
export class SimulatedBanks {
  readonly stops = new Map<string, SeenStop>();
  readonly problems: string[] = [];
  /** Wall milliseconds each answer took the server. */
  readonly answerMs: number[] = [];
  /** Answers the server refused with 409 (the stop changed meanwhile) and that were sent again. */
  conflicts = 0;
  polls = 0;
  readonly #cursor = new Map<string, number>();
  readonly #options: BankOptions;
  #running: Promise<void> | null = null;
  #stopping = false;
  #references = 0;

  constructor(options: BankOptions) {
    this.#options = options;
  }

  #problem(text: string): void {
    if (this.problems.length < 200) this.problems.push(text);
  }

  async #call(session: BankSession, url: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.#options.base}${url}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as unknown;
  }

  /** Reads every change since the bank's cursor. */
  async #poll(session: BankSession): Promise<void> {
    for (;;) {
      const since = this.#cursor.get(session.bank) ?? 0;
      let page;
      try {
        page = stopPage.parse(await this.#call(session, `/api/stops?since=${since}&limit=200`));
      } catch (error) {
        this.#problem(`${session.bank}: poll since ${since}: ${String(error).slice(0, 300)}`);
        return;
      }
      for (const stop of page.stops) this.#see(session.bank, stop, since);
      if (page.stops.length > 0 && page.cursor <= since) {
        this.#problem(`${session.bank}: cursor ${page.cursor} did not move past ${since}`);
        return;
      }
      this.#cursor.set(session.bank, Math.max(since, page.cursor));
      if (page.stops.length < 200) return;
    }
  }

  #see(bank: string, stop: StopRequest, since: number): void {
    if (stop.account.bank.toUpperCase() !== bank) {
      this.#problem(`${bank} was shown ${stop.id} of ${stop.account.bank}`);
      return;
    }
    const seen = this.stops.get(stop.id);
    if (!seen) {
      this.stops.set(stop.id, {
        id: stop.id,
        bank,
        account: stop.account.id.toUpperCase(),
        origin: stop.origin,
        alertId: stop.alertId,
        legalBasis: stop.legalBasis,
        eventAt: stop.eventAt === null ? null : Date.parse(stop.eventAt),
        requestedAt: stop.requestedAt,
        firstSeenWall: Date.now(),
        firstSeq: stop.seq,
        cursorBefore: since,
        firstSeenScenario: this.#options.clock(),
        firstAmountMinor: stop.amountMinor,
        amountMinor: stop.amountMinor,
        transfers: stop.transfers,
        status: stop.status,
        changes: 0,
        answerError: null,
        answer: null,
      });
      return;
    }
    seen.changes += 1;
    seen.amountMinor = stop.amountMinor;
    seen.transfers = stop.transfers;
    if (seen.answer && stop.status === 'requested') {
      this.#problem(`${stop.id} listed as requested after the bank answered it`);
    }
    seen.status = stop.status;
  }

  /** Answers every request whose answer is due by the scenario clock. */
  async #answerDue(session: BankSession, now: number): Promise<void> {
    const { ledger, bankDelayMs } = this.#options;
    const due = [...this.stops.values()].filter(
      (stop) =>
        stop.bank === session.bank &&
        !stop.answer &&
        !stop.answerError &&
        stop.status === 'requested' &&
        stop.eventAt !== null &&
        stop.eventAt + bankDelayMs <= now,
    );
    for (const stop of due) {
      const holdAt = (stop.eventAt ?? 0) + bankDelayMs;
      const balance = ledger.balance(stop.account, holdAt);
      this.#references += 1;
      const heldMinor = Math.min(stop.amountMinor, balance);
      const body =
        heldMinor > 0
          ? {
              outcome: 'held',
              heldMinor,
              bankReference: `SIM-${session.bank}-${this.#references}`,
            }
          : { outcome: 'empty', bankReference: `SIM-${session.bank}-${this.#references}` };
      const started = Date.now();
      try {
        const answered = (await this.#call(
          session,
          `/api/stops/${encodeURIComponent(stop.id)}/answer`,
          body,
        )) as Partial<StopRequest> & { stop?: StopRequest };
        this.answerMs.push(Date.now() - started);
        const status = answered.status ?? answered.stop?.status;
        if (status) stop.status = status;
        stop.answer = {
          outcome: heldMinor > 0 ? 'held' : 'empty',
          heldMinor: Math.max(0, heldMinor),
          holdAt,
          sentScenario: now,
        };
      } catch (error) {
        if (String(error).includes('HTTP 409')) {
          // Changed meanwhile (money added to it): answered again after the next poll.
          this.conflicts += 1;
          continue;
        }
        stop.answerError = String(error).slice(0, 300);
        this.#problem(`${session.bank}: answer ${stop.id}: ${stop.answerError}`);
      }
    }
  }

  /** One round: every bank, side by side, polls and then answers what is due. */
  async round(): Promise<void> {
    this.polls += 1;
    await Promise.all(
      this.#options.sessions.map(async (session) => {
        await this.#poll(session);
        await this.#answerDue(session, this.#options.clock());
      }),
    );
  }

  /** Polls and answers every `pollMs` of wall time until `stop`. */
  start(): void {
    const pollMs = this.#options.pollMs ?? 250;
    const loop = async () => {
      while (!this.#stopping) {
        const started = Date.now();
        await this.round();
        await new Promise((resolve) =>
          setTimeout(resolve, Math.max(0, pollMs - (Date.now() - started))),
        );
      }
    };
    this.#running = loop();
  }

  /** Stops polling after a last round. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#running;
    await this.round();
  }
}
