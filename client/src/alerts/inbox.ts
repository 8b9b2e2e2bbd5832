/**
 * The alert inbox: the list of alerts in inbox order, new and changed ones merged in live from the
 * stream (a changed alert replaces its row in place), the status filter, the live indicator, and
 * on each row the person to call and their number, the reasons, the money, Acknowledge, then an
 * outcome with a note and Close, "Request stop" where the alert proposes one, and "Open in
 * workspace".
 */
import { api, errorMessage } from '../api';
import {
  ALERT_OUTCOMES,
  type Alert,
  type AlertOutcome,
  type AlertPage,
} from '../../../server/contract/warning';
import {
  OUTCOME_LABEL,
  SEVERITY_LABEL,
  STATUS_LABEL,
  ago,
  contactLine,
  displayPhone,
  formatMinor,
  formatTime,
  latestSeq,
  mergeAlert,
  nextAction,
  sortAlerts,
  stationLabel,
  statusQuery,
  telHref,
  workspaceRefs,
  type AlertAccess,
  type CanvasRef,
  type StatusFilter,
} from './model';
import type { AlertStream, StreamState } from './stream';

/** How many alerts the inbox loads at once (most severe and newest first). */
const PAGE = 200;
/** How long a row that just arrived or changed stays highlighted. */
const FRESH_MS = 8_000;

export interface InboxOptions {
  access: AlertAccess;
  stream: AlertStream;
  /** Opens the workspace with these entities on the canvas, the first selected. */
  openInWorkspace(refs: CanvasRef[]): void;
  /** Told how many alerts in the list are new (not yet acknowledged) after every change. */
  onNewCount?(count: number): void;
  /**
   * The stop-payment state of the account an alert proposes to stop (or whose stop raised it),
   * with "Request stop" for those who may request one; `say` shows a line above the list.
   */
  stopControl?: (alert: Alert, say: (message: string) => void) => HTMLElement;
}

function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  if (className) element.className = className;
  return element;
}

function button(text: string, className = ''): HTMLButtonElement {
  const result = make('button', text, className);
  result.type = 'button';
  return result;
}

const STATE_TEXT: Readonly<Record<StreamState, string>> = {
  live: '● Live',
  connecting: '◌ Connecting…',
  offline: '○ Offline: retrying',
};

export class Inbox {
  private alerts: Alert[] = [];
  private total = 0;
  private filter: StatusFilter = 'open';
  /** Readings of the list under way; only the latest one started is shown. */
  private loading = 0;
  private generation = 0;
  /** Alerts that arrived while the list was loading, merged in once it is there. */
  private pending: Alert[] = [];
  /** Alerts acted on here: they stay in view (closed) until the next reload. */
  private readonly keep = new Set<string>();
  private readonly fresh = new Map<string, number>();
  private readonly rows = new Map<string, { seq: number; row: HTMLLIElement }>();
  private unsubscribe: (() => void) | null = null;
  private readonly list = make('ol', undefined, 'al-list');
  private readonly live = make('span', '', 'al-live');
  private readonly count = make('span', '', 'al-count');
  private readonly message = make('p', '', 'al-message');
  private readonly select = make('select');

  constructor(
    private readonly root: HTMLElement,
    private readonly options: InboxOptions,
  ) {
    this.live.setAttribute('role', 'status');
    this.live.id = 'al-live';
    this.list.id = 'al-list';
    this.list.setAttribute('aria-label', 'Alerts');
    this.message.setAttribute('role', 'alert');
    this.select.id = 'al-filter';
    for (const [value, text] of [
      ['open', 'Open (new and acknowledged)'],
      ['closed', 'Closed'],
      ['all', 'All'],
    ] as const) {
      const option = make('option', text);
      option.value = value;
      this.select.append(option);
    }
    this.select.addEventListener('change', () => {
      this.filter = this.select.value as StatusFilter;
      void this.reload();
    });
    const label = make('label', 'Show ');
    label.append(this.select);
    const refresh = button('Refresh');
    refresh.addEventListener('click', () => void this.reload());
    const head = make('div', undefined, 'al-head');
    const title = make('h2', 'Alerts');
    title.id = 'alerts-title';
    const scope = make(
      'span',
      options.access.stationOnly ? 'Your station’s alerts' : 'All stations and the centre',
      'hint',
    );
    head.append(title, scope, label, refresh, this.count, make('span', '', 'spacer'), this.live);
    root.replaceChildren(head, this.message, this.list);
  }

  /** Starts following the stream and loads the list. */
  start(): void {
    this.unsubscribe ??= this.options.stream.subscribe({
      alert: (alert) => this.arrived(alert),
      state: (state) => {
        this.live.textContent = STATE_TEXT[state];
        this.live.className = `al-live ${state}`;
        // Connected (or back after an outage): the list is read again, so a change made before
        // the stream was there is not missed; later ones come on the stream.
        if (state === 'live' && this.unsubscribe) void this.reload();
      },
    });
    void this.reload();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Reads the list for the filter, then merges what the stream brought meanwhile. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    this.loading += 1;
    const query = new URLSearchParams({ limit: String(PAGE), status: statusQuery(this.filter) });
    let page: AlertPage | null = null;
    try {
      page = await api<AlertPage>('GET', `/alerts?${query.toString()}`);
      if (generation === this.generation) this.say('');
    } catch (error) {
      if (generation === this.generation) this.say(errorMessage(error), 'error');
    } finally {
      this.loading -= 1;
    }
    if (page && generation === this.generation) {
      this.keep.clear();
      this.alerts = sortAlerts(page.alerts);
      this.total = page.total;
      this.options.stream.seen(latestSeq(page.alerts));
    }
    // A later reading is still under way: it merges what arrived meanwhile.
    if (this.loading > 0) return;
    const pending = this.pending;
    this.pending = [];
    for (const alert of pending) {
      const current = this.alerts.find((one) => one.id === alert.id);
      if (current && current.seq >= alert.seq) continue;
      this.alerts = mergeAlert(this.alerts, alert, this.filter);
      this.fresh.set(alert.id, Date.now());
    }
    this.render();
  }

  private arrived(alert: Alert): void {
    if (this.loading > 0) {
      this.pending.push(alert);
      return;
    }
    const current = this.alerts.find((one) => one.id === alert.id);
    if (current && current.seq >= alert.seq) return;
    this.alerts = mergeAlert(this.alerts, alert, this.filter, this.keep);
    if (!current && this.alerts.some((one) => one.id === alert.id)) this.total += 1;
    this.fresh.set(alert.id, Date.now());
    this.render();
  }

  private say(text: string, tone: 'info' | 'error' = 'info'): void {
    this.message.textContent = text;
    this.message.className = `al-message ${tone}`;
  }

  /** Brings the rows in line with the list: changed rows rebuilt in place, order kept. */
  private render(): void {
    const now = Date.now();
    const ids = new Set(this.alerts.map((alert) => alert.id));
    for (const [id, entry] of this.rows) {
      if (!ids.has(id)) {
        entry.row.remove();
        this.rows.delete(id);
      }
    }
    let previous: HTMLLIElement | null = null;
    for (const alert of this.alerts) {
      let entry = this.rows.get(alert.id);
      if (!entry || entry.seq !== alert.seq) {
        const row = this.row(alert, now, entry?.row);
        if (entry) entry.row.replaceWith(row);
        entry = { seq: alert.seq, row };
        this.rows.set(alert.id, entry);
      }
      const wanted: ChildNode | null = previous ? previous.nextSibling : this.list.firstChild;
      if (wanted !== entry.row) this.list.insertBefore(entry.row, wanted);
      const since = this.fresh.get(alert.id);
      entry.row.classList.toggle('fresh', since !== undefined && now - since < FRESH_MS);
      previous = entry.row;
    }
    if (this.alerts.length === 0) {
      this.list.replaceChildren(
        make(
          'li',
          this.filter === 'closed' ? 'No closed alerts.' : 'No open alerts. New ones appear here.',
          'al-empty',
        ),
      );
      this.rows.clear();
    } else {
      for (const child of [...this.list.children]) {
        if (child.classList.contains('al-empty')) child.remove();
      }
    }
    this.options.onNewCount?.(this.alerts.filter((alert) => alert.status === 'new').length);
    const shown = this.alerts.length;
    this.count.textContent =
      this.total > shown
        ? `${shown} of ${this.total} shown`
        : `${shown} alert${shown === 1 ? '' : 's'}`;
    if (this.fresh.size) {
      setTimeout(() => {
        for (const [id, since] of this.fresh)
          if (Date.now() - since >= FRESH_MS) this.fresh.delete(id);
        for (const [id, entry] of this.rows)
          entry.row.classList.toggle('fresh', this.fresh.has(id));
      }, FRESH_MS);
    }
  }

  /** One alert's row; the outcome and note being typed in `old` are carried over. */
  private row(alert: Alert, now: number, old?: HTMLLIElement): HTMLLIElement {
    const row = make('li', undefined, `al-row sev-${alert.severity} st-${alert.status}`);
    row.dataset.alertId = alert.id;
    row.dataset.status = alert.status;

    const top = make('div', undefined, 'al-top');
    top.append(make('span', SEVERITY_LABEL[alert.severity], `al-sev sev-${alert.severity}`));
    if (alert.escalated) {
      const mark = make('span', 'Escalated', 'al-escalated');
      mark.title = alert.escalatedAt
        ? `Nobody acknowledged it in time: sent to the centre ${formatTime(alert.escalatedAt)}.`
        : 'Nobody acknowledged it in time: sent to the centre.';
      top.append(mark);
    }
    top.append(make('span', alert.title, 'al-title'));
    top.append(make('span', STATUS_LABEL[alert.status], `al-status st-${alert.status}`));
    row.append(top);

    const meta = make('div', undefined, 'al-meta');
    const occurrences = alert.occurrences > 1 ? ` · ${alert.occurrences} events` : '';
    meta.append(
      make('span', stationLabel(alert.station), 'al-station'),
      make(
        'span',
        ` · ${formatTime(alert.lastEventAt)} (${ago(alert.lastEventAt, now)})${occurrences}`,
      ),
    );
    row.append(meta);

    const { name, phone } = contactLine(alert);
    const call = make('div', undefined, 'al-call');
    call.append(make('span', 'Call', 'al-call-label'), make('span', name, 'al-call-name'));
    if (phone) {
      const link = make('a', displayPhone(phone), 'al-phone');
      link.title = `Call ${phone}`;
      link.href = telHref(phone);
      call.append(link);
    } else {
      call.append(make('span', 'no number in the records', 'al-phone none'));
    }
    row.append(call);

    if (alert.reasons.length) {
      const reasons = make('ul', undefined, 'al-reasons');
      reasons.append(...alert.reasons.map((reason) => make('li', reason)));
      row.append(reasons);
    }

    const money: string[] = [];
    if (alert.amount)
      money.push(`Amount ${formatMinor(alert.amount.amountMinor, alert.amount.currency)}`);
    if (alert.proposedStop) {
      const stop = alert.proposedStop;
      money.push(
        `Proposed stop ${formatMinor(stop.amountMinor, stop.currency)} on ${stop.account}`,
      );
    }
    if (money.length) row.append(make('div', money.join(' · '), 'al-money'));

    if (alert.status === 'closed') {
      const outcome = make('div', undefined, 'al-outcome');
      outcome.append(
        make('strong', `Outcome: ${alert.outcome ? OUTCOME_LABEL[alert.outcome] : 'closed'}`),
      );
      if (alert.outcomeNote) outcome.append(` — “${alert.outcomeNote}”`);
      row.append(outcome);
    }
    const history: string[] = [];
    if (alert.acknowledgedAt) {
      history.push(
        `Acknowledged by ${alert.acknowledgedBy ?? '?'} ${formatTime(alert.acknowledgedAt)}`,
      );
    }
    if (alert.closedAt) {
      history.push(`closed by ${alert.closedBy ?? '?'} ${formatTime(alert.closedAt)}`);
    }
    if (history.length) row.append(make('div', history.join(' · '), 'al-history'));

    row.append(this.actions(alert, old));
    return row;
  }

  private actions(alert: Alert, old?: HTMLLIElement): HTMLElement {
    const bar = make('div', undefined, 'al-actions');
    const action = this.options.access.handle ? nextAction(alert) : null;
    if (action === 'acknowledge') {
      const acknowledge = button('Acknowledge', 'primary');
      acknowledge.addEventListener('click', () => {
        acknowledge.disabled = true;
        void this.act(alert, `/alerts/${encodeURIComponent(alert.id)}/acknowledge`);
      });
      bar.append(acknowledge);
    } else if (action === 'close') {
      const form = make('form', undefined, 'al-close');
      const outcome = make('select');
      outcome.name = 'outcome';
      outcome.setAttribute('aria-label', 'Outcome');
      const choose = make('option', 'Outcome…');
      choose.value = '';
      outcome.append(choose);
      for (const value of ALERT_OUTCOMES) {
        const option = make('option', OUTCOME_LABEL[value]);
        option.value = value;
        outcome.append(option);
      }
      outcome.required = true;
      const note = make('input');
      note.name = 'note';
      note.placeholder = 'Note (optional)';
      note.maxLength = 2000;
      note.setAttribute('aria-label', 'Note');
      const previous = old?.querySelector<HTMLFormElement>('form.al-close');
      if (previous) {
        outcome.value = previous.querySelector('select')?.value ?? '';
        note.value = previous.querySelector('input')?.value ?? '';
      }
      const close = make('button', 'Close', 'primary');
      close.type = 'submit';
      form.append(outcome, note, close);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (!outcome.value) {
          this.say('Choose the outcome before closing the alert.', 'error');
          return;
        }
        close.disabled = true;
        const body: { outcome: AlertOutcome; note?: string } = {
          outcome: outcome.value as AlertOutcome,
        };
        if (note.value.trim()) body.note = note.value.trim();
        void this.act(alert, `/alerts/${encodeURIComponent(alert.id)}/outcome`, body).finally(
          () => {
            close.disabled = false;
          },
        );
      });
      bar.append(form);
    }
    if (this.options.stopControl) {
      bar.append(this.options.stopControl(alert, (message) => this.say(message)));
    }
    if (this.options.access.workspace) {
      const open = button('Open in workspace');
      open.title = 'Put the subject and the evidence on the workspace canvas';
      open.addEventListener('click', () => this.options.openInWorkspace(workspaceRefs(alert)));
      bar.append(open);
    }
    return bar;
  }

  /** Sends an action and shows the alert as the server answers it. */
  private async act(alert: Alert, path: string, body?: unknown): Promise<void> {
    try {
      const answer = await api<Alert>('POST', path, body);
      this.keep.add(answer.id);
      this.alerts = mergeAlert(this.alerts, answer, this.filter, this.keep);
      this.say('');
    } catch (error) {
      this.say(`${alert.title}: ${errorMessage(error)}`, 'error');
      // The row is drawn again in place, so its buttons work again.
      const entry = this.rows.get(alert.id);
      if (entry) entry.seq = -1;
    }
    this.render();
  }
}
