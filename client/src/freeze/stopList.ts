/**
 * A live list of stops, shared by the investigators' stops page and the bank's page: it reads a
 * page for the filter, then polls for changes (`since` the highest `seq` seen) every few seconds
 * while shown, merges them in, and redraws only the rows whose stop changed, so what someone is
 * typing into a row survives the poll. Each page says how a row looks and how rows are ordered.
 */
import { errorMessage } from '../api';
import type { StopRequest } from '../../../server/contract/freeze';
import { formatTime } from '../time';
import { make } from './dom';
import { duration, latestStopSeq, mergeStops, type StopFilter } from './model';
import { listStops } from './requests';

/** How many stops a list reads at once. */
const PAGE = 200;

export interface StopListOptions {
  /** Milliseconds between polls while shown. */
  pollMs: number;
  order(stops: readonly StopRequest[]): StopRequest[];
  /** One stop's row; `old` is the row it replaces (to carry over what was typed). */
  row(stop: StopRequest, now: number, old: HTMLLIElement | undefined): HTMLLIElement;
  /** The line shown when the list is empty. */
  empty(filter: StopFilter): string;
  /** Told after every change of the list (counts for a badge, say). */
  onChange?(stops: readonly StopRequest[]): void;
}

export class StopList {
  readonly element = make('ol', undefined, 'fz-list');
  readonly message = make('p', '', 'fz-message');
  readonly updated = make('span', '', 'hint');
  private stops: StopRequest[] = [];
  private filter: StopFilter;
  private cursor = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private generation = 0;
  private polling = false;
  /** Stops acted on here: they stay in view until the next reload. */
  private readonly keep = new Set<string>();
  private readonly rows = new Map<string, { seq: number; row: HTMLLIElement }>();

  constructor(
    private readonly options: StopListOptions,
    filter: StopFilter,
  ) {
    this.filter = filter;
    this.message.setAttribute('role', 'alert');
  }

  setFilter(filter: StopFilter): void {
    this.filter = filter;
    void this.reload();
  }

  /** Shown: reads the list now and polls for changes. */
  start(): void {
    void this.reload();
    this.timer ??= setInterval(() => void this.poll(), this.options.pollMs);
  }

  /** Hidden: no more polling. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  say(text: string, tone: 'info' | 'error' = 'info'): void {
    this.message.textContent = text;
    this.message.className = `fz-message ${tone}`;
  }

  async reload(): Promise<void> {
    const generation = ++this.generation;
    try {
      const page = await listStops({ status: this.filter, limit: PAGE });
      if (generation !== this.generation) return;
      this.keep.clear();
      this.stops = page.stops;
      this.cursor = latestStopSeq(page);
      this.say('');
      this.stamp();
    } catch (error) {
      if (generation === this.generation) this.say(errorMessage(error), 'error');
    }
    this.render();
  }

  /** Reads what changed since the last reading and merges it in. */
  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    const generation = this.generation;
    try {
      const page = await listStops({ since: this.cursor, status: 'all', limit: PAGE });
      if (generation !== this.generation) return;
      this.cursor = latestStopSeq(page, this.cursor);
      if (page.stops.length) {
        this.stops = mergeStops(this.stops, page.stops, this.filter, this.keep);
      }
      this.stamp();
      this.render();
    } catch (error) {
      this.say(errorMessage(error), 'error');
    } finally {
      this.polling = false;
    }
  }

  /** An action's answer: shown at once, and kept in view though it may leave the filter. */
  acted(stop: StopRequest): void {
    this.keep.add(stop.id);
    this.stops = mergeStops(this.stops, [stop], this.filter, this.keep);
    this.render();
  }

  private stamp(): void {
    this.updated.textContent = `Updated ${formatTime(Date.now(), { seconds: true })}`;
  }

  /** Brings the rows in line with the list: changed rows rebuilt in place, order kept. */
  render(): void {
    const now = Date.now();
    const ordered = this.options.order(this.stops);
    const ids = new Set(ordered.map((stop) => stop.id));
    for (const [id, entry] of this.rows) {
      if (!ids.has(id)) {
        entry.row.remove();
        this.rows.delete(id);
      }
    }
    for (const child of [...this.element.children]) {
      if (child.classList.contains('fz-empty')) child.remove();
    }
    let previous: HTMLLIElement | null = null;
    for (const stop of ordered) {
      let entry = this.rows.get(stop.id);
      if (!entry || entry.seq !== stop.seq) {
        const row = this.options.row(stop, now, entry?.row);
        if (entry) entry.row.replaceWith(row);
        entry = { seq: stop.seq, row };
        this.rows.set(stop.id, entry);
      }
      const wanted: ChildNode | null = previous ? previous.nextSibling : this.element.firstChild;
      if (wanted !== entry.row) this.element.insertBefore(entry.row, wanted);
      previous = entry.row;
    }
    for (const clock of this.element.querySelectorAll<HTMLElement>('[data-clock]')) {
      clock.textContent = clockText(clock, now);
    }
    if (ordered.length === 0) {
      this.element.append(make('li', this.options.empty(this.filter), 'fz-empty'));
    }
    this.options.onChange?.(ordered);
  }
}

/**
 * A span that tells time relative to now, kept current on every poll: `data-clock="left"` (a
 * hold's end, `data-at`) or `"waited"` (since a request, `data-at`).
 */
export function clock(
  kind: 'left' | 'waited',
  at: string,
  now: number,
  className = '',
): HTMLElement {
  const span = make('span', '', `fz-clock ${className}`.trim());
  span.dataset.clock = kind;
  span.dataset.at = at;
  span.textContent = clockText(span, now);
  return span;
}

function clockText(span: HTMLElement, now: number): string {
  const at = Date.parse(span.dataset.at ?? '');
  if (!Number.isFinite(at)) return '';
  if (span.dataset.clock === 'left') {
    return at > now ? `${duration(at - now)} left` : 'hold ended';
  }
  return `waiting ${duration(Math.max(0, now - at))}`;
}
