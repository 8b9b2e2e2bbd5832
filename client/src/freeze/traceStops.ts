/**
 * The money-flow trace's stops: under the workspace toolbar, the accounts still holding the
 * victim's traced money, most first, each with its stop (requested, held and for how long,
 * frozen, empty, refused) and "Request stop"; "Request stops on all holding accounts"; and what
 * the holds secured of this payment (and, when the payment's case is known, the case's money).
 * Stops are read again every 30 seconds while shown and whenever one changes here.
 */
import { api, errorMessage } from '../api';
import type { ForwardTrace, NeighbourPage } from '../../../server/contract';
import type { MoneySummary, StopRequest } from '../../../server/contract/freeze';
import { formatMinor, formatTime } from '../alerts/model';
import { button, make } from './dom';
import {
  caseOfTransfer,
  defaultLegalBasis,
  isActive,
  securedMinor,
  stopByAccount,
  stopState,
} from './model';
import { openStopDialog, type StopLine } from './requestDialog';
import { moneySummary, stopsOnAccounts } from './requests';
import { currentStopAccess, onStopsChanged, stopsChanged } from './session';

const REFRESH_MS = 30_000;

export interface TraceStopsHost {
  /** Selects and centres an account on the canvas (`BankAccount:` key). */
  focusAccount(account: string): void;
  /** Told after the stops were read again (the canvas marks follow). */
  stopsRead?(): void;
}

function neighboursPath(type: string, id: string, query: Record<string, string>): string {
  return `/entities/${type}/${encodeURIComponent(id)}/neighbours?${new URLSearchParams(query).toString()}`;
}

/**
 * The case the victim reported for this payment, found through the records: the payer account's
 * holders and the cases they reported, the first reported after the payment (else the latest).
 * Null when the records name none, or the look-up fails.
 */
export async function findCase(trace: ForwardTrace): Promise<string | null> {
  try {
    const holders = await api<NeighbourPage>(
      'GET',
      neighboursPath('BankAccount', trace.transfer.from, {
        relationships: 'HOLDS',
        types: 'Person',
        limit: '5',
      }),
    );
    const cases: { id: string; at: string }[] = [];
    for (const holder of holders.neighbours.slice(0, 3)) {
      const reported = await api<NeighbourPage>(
        'GET',
        neighboursPath('Person', holder.id, {
          relationships: 'REPORTED',
          types: 'Case',
          limit: '20',
        }),
      );
      for (const row of reported.neighbours) cases.push({ id: row.id, at: row.at ?? '' });
    }
    cases.sort((a, b) => a.at.localeCompare(b.at));
    return (
      (cases.find((one) => one.at >= trace.transfer.time) ?? cases[cases.length - 1])?.id ?? null
    );
  } catch {
    return null;
  }
}

/** Whether a trace starts from money put into an account (no victim transfer in the records). */
function isDeposit(trace: ForwardTrace): boolean {
  return trace.transfer.id.startsWith('deposit:');
}

/**
 * The transfers a trace's stops name: the victim's payment; for money put into an account, the
 * transfers that took it on from there (the first that the records hold).
 */
export function traceTransfers(trace: ForwardTrace): { id: string; label: string }[] {
  const label = (hop: { id: string; amountMinor: number; from: string; time: string }) =>
    `${hop.id}: ${formatMinor(hop.amountMinor, trace.transfer.currency)} from ${hop.from}, ${formatTime(hop.time)}`;
  if (!isDeposit(trace)) return [{ id: trace.transfer.id, label: label(trace.transfer) }];
  return trace.hops
    .filter((hop) => hop.from === trace.transfer.to)
    .slice(0, 50)
    .map((hop) => ({ id: hop.id, label: label(hop) }));
}

export class TraceStops {
  private trace: ForwardTrace | null = null;
  private stops: StopRequest[] = [];
  private caseId: string | null = null;
  /** The look-up of the payment's case, made once a trace. */
  private caseLookup: Promise<string | null> = Promise.resolve(null);
  private money: MoneySummary | null = null;
  private problem = '';
  /** Whether the stops were read since the trace was shown (requests are offered only then). */
  private loaded = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private generation = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: TraceStopsHost,
  ) {
    root.id ||= 'fz-trace';
    onStopsChanged(() => {
      if (this.trace) void this.reload();
    });
  }

  /** Shows a forward trace's holdings and reads their stops. */
  show(trace: ForwardTrace): void {
    this.trace = trace;
    this.stops = [];
    this.caseId = null;
    this.money = null;
    this.problem = '';
    this.loaded = false;
    this.caseLookup = isDeposit(trace) ? Promise.resolve(null) : findCase(trace);
    this.root.hidden = false;
    this.render();
    void this.reload();
    clearInterval(this.timer);
    this.timer = setInterval(() => {
      if (!this.root.hidden && this.root.isConnected) void this.reload();
    }, REFRESH_MS);
  }

  hide(): void {
    this.trace = null;
    this.root.hidden = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private holdings(): ForwardTrace['holdings'] {
    return (this.trace?.holdings ?? [])
      .filter((holding) => holding.tracedMinor > 0)
      .sort((a, b) => b.tracedMinor - a.tracedMinor || a.account.localeCompare(b.account));
  }

  /** Reads the stops on the holding accounts (and waits for the payment's case). */
  async reload(): Promise<void> {
    const trace = this.trace;
    if (!trace) return;
    const generation = ++this.generation;
    const access = currentStopAccess();
    try {
      const accounts = this.holdings().map((holding) => holding.account);
      const [stops, found] = await Promise.all([
        access.read || access.request ? stopsOnAccounts(accounts) : Promise.resolve([]),
        this.caseLookup,
      ]);
      if (generation !== this.generation) return;
      this.stops = stops;
      this.loaded = true;
      this.host.stopsRead?.();
      this.caseId = found ?? caseOfTransfer(stops, trace.transfer.id);
      this.problem = '';
      this.money = this.caseId ? await moneySummary({ case: this.caseId }).catch(() => null) : null;
    } catch (error) {
      if (generation === this.generation) this.problem = errorMessage(error);
    }
    if (generation === this.generation) this.render();
  }

  private request(lines: StopLine[]): void {
    const trace = this.trace;
    if (!trace) return;
    openStopDialog({
      title:
        lines.length > 1
          ? `Request stops on ${lines.length} accounts holding the traced money`
          : `Request a stop on ${lines[0]?.account ?? ''}`,
      lines,
      transfers: traceTransfers(trace),
      legalBasis: defaultLegalBasis(this.caseId),
      caseId: this.caseId,
      origin: 'trace',
      onDone: () => stopsChanged(),
    });
  }

  private render(): void {
    const trace = this.trace;
    if (!trace) return;
    const now = Date.now();
    const { currency } = trace.transfer;
    const holdings = this.holdings();
    const shown = stopByAccount(this.stops);
    const held = holdings.reduce((sum, holding) => sum + holding.tracedMinor, 0);
    const secured = securedMinor(this.stops, trace.transfer.id);
    const access = currentStopAccess();

    const head = make('div', undefined, 'fz-trace-head');
    const title = make('h3', `Money still held from ${trace.transfer.id}`);
    title.id = 'fz-trace-title';
    const securedBox = make('div', undefined, `fz-secured${secured > 0 ? ' some' : ''}`);
    securedBox.id = 'fz-trace-secured';
    securedBox.append(
      'Secured by holds: ',
      make('strong', formatMinor(secured, currency)),
      ` of ${formatMinor(held, currency)} still in ${holdings.length} account${holdings.length === 1 ? '' : 's'}`,
    );
    head.append(title, securedBox);
    const open = holdings.filter((holding) => {
      const stop = shown.get(holding.account);
      return !stop || !isActive(stop);
    });
    if (!this.loaded && !this.problem) head.append(make('span', 'Reading the stops…', 'hint'));
    if (this.loaded && access.request && open.length > 1) {
      const all = button(`Request stops on all holding accounts (${open.length})`, 'primary');
      all.id = 'fz-trace-request-all';
      all.addEventListener('click', () =>
        this.request(
          open.map((holding) => ({
            account: holding.account,
            currency: holding.currency,
            amountMinor: holding.tracedMinor,
            maxMinor: holding.tracedMinor,
          })),
        ),
      );
      head.append(all);
    }
    const refresh = button('Refresh');
    refresh.addEventListener('click', () => void this.reload());
    const close = button('Close');
    close.addEventListener('click', () => this.hide());
    head.append(make('span', '', 'spacer'), refresh, close);

    const parts: HTMLElement[] = [head];
    if (this.money) parts.push(caseLine(this.money));
    if (this.problem) parts.push(make('p', this.problem, 'fz-problem'));
    if (holdings.length === 0) {
      parts.push(make('p', 'None of the traced money is still held in an account.', 'hint'));
    } else {
      const table = make('table', undefined, 'fz-holdings');
      table.id = 'fz-holdings';
      const header = make('tr');
      header.append(
        ...['Account', 'Traced money held', 'Hop', 'Stop', ''].map((text) => make('th', text)),
      );
      table.append(header);
      for (const holding of holdings) {
        const stop = shown.get(holding.account);
        const row = make('tr');
        row.dataset.account = holding.account;
        row.dataset.stop = stop?.status ?? 'none';
        const account = button(holding.account, 'fz-link');
        account.title = 'Show it on the canvas';
        account.addEventListener('click', () => this.host.focusAccount(holding.account));
        const accountCell = make('td');
        accountCell.append(account);
        const state = make('td', undefined, 'fz-state');
        if (stop) {
          const words = stopState(stop, now);
          state.classList.add(`tone-${words.tone}`);
          if (words.endingSoon) state.classList.add('ending');
          state.append(make('strong', words.headline));
          if (words.timing) state.append(make('span', words.timing, 'fz-timing'));
          if (words.detail) state.append(make('span', words.detail, 'fz-detail'));
        } else state.append(make('span', 'No stop asked', 'hint'));
        const action = make('td');
        if (this.loaded && access.request && (!stop || !isActive(stop))) {
          const ask = button(stop ? 'Request again' : 'Request stop');
          ask.addEventListener('click', () =>
            this.request([
              {
                account: holding.account,
                currency: holding.currency,
                amountMinor: holding.tracedMinor,
                maxMinor: holding.tracedMinor,
              },
            ]),
          );
          action.append(ask);
        }
        row.append(
          accountCell,
          make('td', formatMinor(holding.tracedMinor, holding.currency), 'fz-amount'),
          make('td', holding.depth === null ? '' : String(holding.depth)),
          state,
          action,
        );
        table.append(row);
      }
      parts.push(table);
    }
    this.root.replaceChildren(...parts);
  }
}

/** The case's money in one line: paid, secured, still moving, lost. */
function caseLine(money: MoneySummary): HTMLElement {
  const line = make('p', undefined, 'fz-case-money');
  line.id = 'fz-trace-case';
  line.append(make('strong', `Case ${money.scope.id ?? ''}: `));
  const parts = money.totals.map(
    (total) =>
      `paid ${formatMinor(total.paidMinor, total.currency)} · secured ${formatMinor(total.securedMinor, total.currency)} · ` +
      `still moving ${formatMinor(total.movingMinor, total.currency)} · lost ${formatMinor(total.lostMinor, total.currency)}`,
  );
  line.append(parts.join('; ') || 'no payments found');
  if (money.partial)
    line.append(make('span', ' (partial: more payments than one answer traces)', 'hint'));
  return line;
}
