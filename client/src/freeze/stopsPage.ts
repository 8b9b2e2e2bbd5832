/**
 * The investigators' stops page: every stop-payment request by status (active by default), holds
 * ending soonest first, each with its account, amounts, legal basis, who asked, the bank's
 * answer, what it secured, and the actions its state allows: renew (once), freeze with a legal
 * basis, release with a reason. The server's answer to an action is shown on the row.
 */
import { errorMessage } from '../api';
import type { StopRequest } from '../../../server/contract/freeze';
import { formatMinor, formatTime } from '../alerts/model';
import { button, make } from './dom';
import {
  STOP_FILTERS,
  STOP_ORIGIN_LABEL,
  STOP_STATUS_LABEL,
  holdActions,
  investigatorOrder,
  stopState,
  timeLeft,
  type StopFilter,
} from './model';
import { freezeHold, releaseStop, renewHold } from './requests';
import { onStopsChanged, stopsChanged } from './session';
import { StopList, clock } from './stopList';

const POLL_MS = 10_000;

/** The account as a row names it: `ICBC:6222… (Holder Name)`. */
export function accountText(stop: Pick<StopRequest, 'account'>): string {
  return stop.account.holderName
    ? `${stop.account.id} (${stop.account.holderName})`
    : stop.account.id;
}

/** Whose money a hold secures: up to three names, else how many victims. */
export function victimsText(stop: Pick<StopRequest, 'secured'>): string {
  const names = [...new Set(stop.secured.map((line) => line.victimName ?? line.transferId))];
  if (names.length > 3) return `${names.length} victims`;
  return names.join(', ');
}

export interface StopsPageOptions {
  /** Whether the user may renew, freeze and release holds (those who may request stops). */
  canAct?: boolean;
  /** Told how many holds in the list end soon, after every change. */
  onEndingSoon?(count: number): void;
}

export class StopsPage {
  private readonly list: StopList;
  private unsubscribe: (() => void) | null = null;

  constructor(root: HTMLElement, options: StopsPageOptions = {}) {
    this.list = new StopList(
      {
        pollMs: POLL_MS,
        order: investigatorOrder,
        onChange: (stops) => {
          const now = Date.now();
          options.onEndingSoon?.(
            stops.filter((stop) => timeLeft(stop, now)?.endingSoon ?? false).length,
          );
        },
        row: (stop, now, old) => this.row(stop, now, old, options.canAct ?? false),
        empty: (filter) =>
          filter === 'active'
            ? 'No open stop. Request one from a money-flow trace, an alert or an account.'
            : 'No stop with this status.',
      },
      'active',
    );
    this.list.element.id = 'fz-stops';
    this.list.element.setAttribute('aria-label', 'Stop payments');
    const head = make('div', undefined, 'al-head');
    const title = make('h2', 'Stop payments');
    title.id = 'stops-title';
    const select = make('select');
    select.id = 'fz-filter';
    for (const filter of STOP_FILTERS) {
      const option = make('option', filter.label);
      option.value = filter.value;
      select.append(option);
    }
    select.addEventListener('change', () => this.list.setFilter(select.value as StopFilter));
    const label = make('label', 'Show ');
    label.append(select);
    const refresh = button('Refresh');
    refresh.addEventListener('click', () => void this.list.reload());
    head.append(title, label, refresh, make('span', '', 'spacer'), this.list.updated);
    root.replaceChildren(head, this.list.message, this.list.element);
  }

  start(): void {
    this.list.start();
    this.unsubscribe ??= onStopsChanged(() => void this.list.poll());
  }

  stop(): void {
    this.list.stop();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private row(
    stop: StopRequest,
    now: number,
    old: HTMLLIElement | undefined,
    canAct: boolean,
  ): HTMLLIElement {
    const words = stopState(stop, now);
    const row = make('li', undefined, `fz-row st-${stop.status} tone-${words.tone}`);
    row.dataset.stopId = stop.id;
    row.dataset.status = stop.status;
    if (words.endingSoon) row.classList.add('ending');

    const top = make('div', undefined, 'fz-top');
    top.append(
      make('span', STOP_STATUS_LABEL[stop.status], `fz-status st-${stop.status}`),
      make('span', accountText(stop), 'fz-account'),
      make('span', `asked ${formatMinor(stop.amountMinor, stop.currency)}`, 'fz-asked'),
    );
    if (stop.status === 'held' && stop.holdUntil) {
      top.append(clock('left', stop.holdUntil, now, words.endingSoon ? 'ending' : ''));
    }
    if (stop.escalated) top.append(make('span', 'Escalated', 'al-escalated'));
    row.append(top);

    const state = make('div', undefined, 'fz-state-line');
    state.append(make('strong', words.headline));
    if (stop.status === 'requested') {
      state.append(' · ', make('span', `${stop.account.bank} has not answered: `, 'fz-detail'));
      state.append(clock('waited', stop.requestedAt, now));
    }
    if (words.detail) state.append(' · ', make('span', words.detail, 'fz-detail'));
    row.append(state);

    if (stop.securedMinor > 0) {
      row.append(
        make(
          'div',
          `Secures ${formatMinor(stop.securedMinor, stop.currency)} paid by ${victimsText(stop)}`,
          'fz-secured-line',
        ),
      );
    }
    const meta = [
      `Legal basis: ${stop.legalBasis}`,
      stop.caseId && !stop.legalBasis.includes(stop.caseId) ? `case ${stop.caseId}` : '',
      `asked by ${stop.requestedBy} ${formatTime(stop.requestedAt)} ${STOP_ORIGIN_LABEL[stop.origin]}`,
      stop.answeredAt ? `answered by ${stop.answeredBy ?? '?'} ${formatTime(stop.answeredAt)}` : '',
    ].filter(Boolean);
    row.append(make('div', meta.join(' · '), 'fz-meta'));
    if (canAct) row.append(this.actions(stop, old));
    return row;
  }

  private actions(stop: StopRequest, old: HTMLLIElement | undefined): HTMLElement {
    const bar = make('div', undefined, 'fz-actions');
    const problem = make('span', '', 'fz-row-problem');
    problem.setAttribute('role', 'alert');
    const run = (control: HTMLButtonElement, action: () => Promise<StopRequest>) => {
      control.disabled = true;
      problem.textContent = '';
      action().then(
        (answer) => {
          this.list.acted(answer);
          stopsChanged();
        },
        (error: unknown) => {
          control.disabled = false;
          problem.textContent = errorMessage(error);
        },
      );
    };
    const kept = (name: string) =>
      old?.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.value;
    for (const action of holdActions(stop)) {
      if (action === 'renew') {
        const renew = button('Renew 48 h', 'primary');
        renew.title = 'A hold is renewed once; then it must be frozen or it lapses.';
        renew.addEventListener('click', () => run(renew, () => renewHold(stop.id)));
        bar.append(renew);
      } else if (action === 'freeze') {
        const form = make('form', undefined, 'fz-inline');
        const basis = make('input');
        basis.name = 'freezeBasis';
        basis.maxLength = 200;
        basis.placeholder = 'Legal basis of the freeze';
        basis.setAttribute('aria-label', 'Legal basis of the freeze');
        basis.value = kept('freezeBasis') ?? '';
        const freeze = make('button', 'Freeze');
        freeze.type = 'submit';
        form.append(basis, freeze);
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          if (!basis.value.trim()) {
            problem.textContent = 'Give the legal basis of the freeze (e.g. the court order).';
            return;
          }
          run(freeze, () => freezeHold(stop.id, basis.value.trim()));
        });
        bar.append(form);
      } else {
        const form = make('form', undefined, 'fz-inline');
        const reason = make('input');
        reason.name = 'releaseReason';
        reason.maxLength = 500;
        reason.placeholder = 'Reason for releasing';
        reason.setAttribute('aria-label', 'Reason for releasing');
        reason.value = kept('releaseReason') ?? '';
        const release = make('button', 'Release');
        release.type = 'submit';
        form.append(reason, release);
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          if (!reason.value.trim()) {
            problem.textContent = 'Give the reason for releasing the money.';
            return;
          }
          run(release, () => releaseStop(stop.id, reason.value.trim()));
        });
        bar.append(form);
      }
    }
    bar.append(problem);
    return bar;
  }
}
