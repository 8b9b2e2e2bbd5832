/**
 * The bank commissioner's page: the police's stop-payment requests to this bank, those waiting
 * for an answer on top (how long each has waited), then the newest. Each shows the account and
 * its holder, the amount asked, the legal basis, who asked and when; a waiting one is answered
 * here: held (the amount actually held and the bank's reference), account already empty, or
 * refused (with the reason). The list polls for new requests every few seconds.
 */
import { errorMessage } from '../api';
import type { StopRequest } from '../../../server/contract/freeze';
import { formatMinor, formatTime } from '../alerts/model';
import { button, make } from './dom';
import {
  STOP_STATUS_LABEL,
  bankOrder,
  minorToInput,
  parseAmount,
  stopState,
  type StopFilter,
} from './model';
import { answerStop, type StopAnswerBody } from './requests';
import { StopList, clock } from './stopList';

const POLL_MS = 5_000;

export interface BankPageOptions {
  /** The bank's code (the partner's organisation), for the title. */
  bank: string;
  /** Told how many requests wait for an answer, after every change. */
  onWaiting?(count: number): void;
}

export class BankPage {
  private readonly list: StopList;

  constructor(root: HTMLElement, options: BankPageOptions) {
    this.list = new StopList(
      {
        pollMs: POLL_MS,
        order: bankOrder,
        row: (stop, now, old) => this.row(stop, now, old),
        empty: (filter) =>
          filter === 'requested'
            ? 'No request waits for an answer. New ones appear here.'
            : 'No stop-payment request to this bank yet. New ones appear here.',
        onChange: (stops) => {
          const count = stops.filter((stop) => stop.status === 'requested').length;
          waiting.textContent = count
            ? `${count} waiting for your answer`
            : 'Nothing waiting for an answer';
          waiting.className = count ? 'fz-waiting some' : 'fz-waiting';
          options.onWaiting?.(count);
        },
      },
      'all',
    );
    this.list.element.id = 'fz-bank-stops';
    this.list.element.setAttribute('aria-label', 'Stop-payment requests');
    const head = make('div', undefined, 'al-head');
    const title = make('h2', `Stop-payment requests to ${options.bank || 'your bank'}`);
    title.id = 'stops-title';
    const waiting = make('strong', '', 'fz-waiting');
    waiting.id = 'fz-bank-waiting';
    const select = make('select');
    select.id = 'fz-bank-filter';
    for (const [value, text] of [
      ['all', 'All requests'],
      ['requested', 'Waiting for an answer'],
      ['held', 'Held'],
      ['frozen', 'Frozen'],
    ] as const) {
      const option = make('option', text);
      option.value = value;
      select.append(option);
    }
    select.addEventListener('change', () => this.list.setFilter(select.value as StopFilter));
    const label = make('label', 'Show ');
    label.append(select);
    const refresh = button('Refresh');
    refresh.addEventListener('click', () => void this.list.reload());
    head.append(title, waiting, label, refresh, make('span', '', 'spacer'), this.list.updated);
    root.replaceChildren(head, this.list.message, this.list.element);
  }

  start(): void {
    this.list.start();
  }

  stop(): void {
    this.list.stop();
  }

  private row(stop: StopRequest, now: number, old: HTMLLIElement | undefined): HTMLLIElement {
    const words = stopState(stop, now);
    const row = make('li', undefined, `fz-row bank st-${stop.status} tone-${words.tone}`);
    row.dataset.stopId = stop.id;
    row.dataset.status = stop.status;

    const top = make('div', undefined, 'fz-top');
    top.append(make('span', STOP_STATUS_LABEL[stop.status], `fz-status st-${stop.status}`));
    if (stop.status === 'requested')
      top.append(clock('waited', stop.requestedAt, now, 'fz-waited'));
    if (stop.escalated) top.append(make('span', 'Escalated to the police centre', 'al-escalated'));
    row.append(top);

    const facts = make('dl', undefined, 'fz-facts');
    const fact = (term: string, value: string, className = '') => {
      const dd = make('dd', value, className);
      facts.append(make('dt', term), dd);
    };
    fact('Account', stop.account.number ?? stop.account.id, 'fz-account');
    fact('Holder', stop.account.holderName ?? 'not in the records');
    fact('Amount to hold', formatMinor(stop.amountMinor, stop.currency), 'fz-asked');
    fact('Legal basis', stop.legalBasis);
    fact('Requested by', `${stop.requestedBy}, ${formatTime(stop.requestedAt)}`);
    fact('Victim transfers', stop.transfers.join(', '));
    row.append(facts);

    if (stop.status === 'requested') row.append(this.answerForm(stop, old));
    else {
      const state = make('div', undefined, 'fz-state-line');
      state.append(make('strong', words.headline));
      if (stop.status === 'held' && stop.holdUntil) {
        state.append(
          ' · ',
          clock('left', stop.holdUntil, now),
          ` (until ${formatTime(stop.holdUntil)})`,
        );
      }
      if (words.detail) state.append(' · ', make('span', words.detail, 'fz-detail'));
      row.append(state);
      if (stop.answeredAt) {
        row.append(
          make(
            'div',
            `Answered by ${stop.answeredBy ?? '?'} ${formatTime(stop.answeredAt)}`,
            'fz-meta',
          ),
        );
      }
    }
    return row;
  }

  /** Held (amount and reference), already empty, or refused (reason); typed values carried over. */
  private answerForm(stop: StopRequest, old: HTMLLIElement | undefined): HTMLElement {
    const form = make('form', undefined, 'fz-answer');
    const kept = (name: string) =>
      old?.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.value;
    const choice = old?.querySelector<HTMLInputElement>('input[name^="outcome-"]:checked')?.value;
    const group = `outcome-${stop.id}`;
    const options = make('fieldset', undefined, 'fz-outcomes');
    options.append(make('legend', 'Your answer'));
    const radios = (['held', 'empty', 'refused'] as const).map((value) => {
      const radio = make('input');
      radio.type = 'radio';
      radio.name = group;
      radio.value = value;
      radio.checked = (choice ?? 'held') === value;
      const label = make('label', undefined, `fz-outcome ${value}`);
      label.append(
        radio,
        ` ${value === 'held' ? 'Held' : value === 'empty' ? 'Account already empty' : 'Refused'}`,
      );
      options.append(label);
      return radio;
    });
    const input = (name: string, label: string, value: string, placeholder = '') => {
      const field = make('input');
      field.name = name;
      field.value = kept(name) ?? value;
      field.placeholder = placeholder;
      field.setAttribute('aria-label', label);
      const wrapper = make('label', `${label} `);
      wrapper.append(field);
      return { wrapper, field };
    };
    const held = input('heldAmount', 'Amount held', minorToInput(stop.amountMinor, stop.currency));
    held.wrapper.append(` ${stop.currency}`);
    const reference = input('bankReference', 'Bank reference', '', 'e.g. HOLD-2026-0001');
    const reason = input('refusalReason', 'Reason', '', 'Why the bank refuses');
    const fields = make('div', undefined, 'fz-answer-fields');
    const problem = make('p', '', 'fz-row-problem');
    problem.setAttribute('role', 'alert');
    const send = make('button', 'Send answer', 'primary');
    send.type = 'submit';
    const show = () => {
      const outcome = radios.find((radio) => radio.checked)?.value ?? 'held';
      fields.replaceChildren(
        ...(outcome === 'held'
          ? [held.wrapper, reference.wrapper]
          : outcome === 'empty'
            ? [reference.wrapper]
            : [reason.wrapper]),
        send,
      );
      reference.field.placeholder =
        outcome === 'empty' ? 'Bank reference (optional)' : 'e.g. HOLD-2026-0001';
    };
    for (const radio of radios) radio.addEventListener('change', show);
    show();
    form.append(options, fields, problem);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const outcome = radios.find((radio) => radio.checked)?.value ?? 'held';
      let body: StopAnswerBody;
      if (outcome === 'held') {
        const heldMinor = parseAmount(held.field.value, stop.currency);
        if (heldMinor === null) {
          problem.textContent = 'Give the amount actually held, e.g. 4000.00.';
          return;
        }
        if (heldMinor > stop.amountMinor) {
          problem.textContent = `At most the amount asked can be held: ${formatMinor(stop.amountMinor, stop.currency)}.`;
          return;
        }
        if (!reference.field.value.trim()) {
          problem.textContent = 'Give the bank’s reference for the hold.';
          return;
        }
        body = { outcome, heldMinor, bankReference: reference.field.value.trim() };
      } else if (outcome === 'empty') {
        const bankReference = reference.field.value.trim();
        body = bankReference ? { outcome, bankReference } : { outcome };
      } else {
        if (!reason.field.value.trim()) {
          problem.textContent = 'Give the reason for refusing.';
          return;
        }
        body = { outcome: 'refused', reason: reason.field.value.trim() };
      }
      send.disabled = true;
      problem.textContent = '';
      answerStop(stop.id, body).then(
        (answer) => this.list.acted(answer),
        (error: unknown) => {
          send.disabled = false;
          problem.textContent = errorMessage(error);
        },
      );
    });
    return form;
  }
}
