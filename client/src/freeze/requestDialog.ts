/**
 * The stop-payment request dialog, opened from a money-flow trace, an alert or an account's
 * details: one line per account to stop (its amount prefilled, at most what was traced into it),
 * the victim transfers it concerns, the legal basis the bank reads and the case. The checks of
 * `stopBody` run before sending; the server's own answer (`detail`) is shown as it gives it.
 */
import { errorMessage } from '../api';
import type { StopReceipt } from '../../../server/contract/freeze';
import { formatMinor } from '../alerts/model';
import { button, make, textField } from './dom';
import { minorToInput, stopBody, type StopRequestBody } from './model';
import { requestStop } from './requests';

/** One account to ask a bank about. */
export interface StopLine {
  account: string;
  currency: string;
  /** The amount to prefill (minor units). */
  amountMinor: number;
  /** At most this may be asked (traced into the account), when known. */
  maxMinor?: number;
}

export interface StopDialogOptions {
  title: string;
  lines: StopLine[];
  /** The victim transfers to choose from; all start ticked unless `checked` is false. */
  transfers: { id: string; label: string; checked?: boolean }[];
  legalBasis: string;
  caseId: string | null;
  origin: StopRequestBody['origin'];
  alertId?: string;
  /** Told each request's answer once all are sent (or the dialog is closed after some). */
  onDone(receipts: StopReceipt[]): void;
}

let open: HTMLElement | null = null;

export function closeStopDialog(): void {
  open?.remove();
  open = null;
}

/** Opens the dialog (closing one already open). */
export function openStopDialog(options: StopDialogOptions): void {
  closeStopDialog();
  const dialog = make('div', undefined, 'fz-dialog');
  dialog.id = 'fz-request';
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-labelledby', 'fz-request-title');
  dialog.setAttribute('aria-modal', 'true');
  const title = make('h3', options.title);
  title.id = 'fz-request-title';
  const form = make('form');

  const lines = make('table', undefined, 'fz-lines');
  const head = make('tr');
  head.append(make('th', 'Account'), make('th', 'Amount to hold'), make('th', 'Sent'));
  lines.append(head);
  const rows = options.lines.map((line) => {
    const row = make('tr');
    row.dataset.account = line.account;
    const amount = make('input');
    amount.name = 'amount';
    amount.inputMode = 'decimal';
    amount.value = minorToInput(line.amountMinor, line.currency);
    amount.setAttribute('aria-label', `Amount to hold on ${line.account}`);
    const cell = make('td');
    cell.append(amount, ` ${line.currency}`);
    if (line.maxMinor !== undefined) {
      cell.append(make('span', `traced in: ${formatMinor(line.maxMinor, line.currency)}`, 'hint'));
    }
    const result = make('td', '', 'fz-line-result');
    row.append(make('td', line.account, 'fz-account'), cell, result);
    lines.append(row);
    return { line, row, amount, result, sent: false };
  });

  const transfers = make('fieldset', undefined, 'fz-transfers');
  transfers.append(make('legend', 'Victim transfers it concerns'));
  const boxes = options.transfers.map((transfer) => {
    const box = make('input');
    box.type = 'checkbox';
    box.name = 'transfer';
    box.value = transfer.id;
    box.checked = transfer.checked ?? true;
    const label = make('label');
    label.append(box, ` ${transfer.label}`);
    transfers.append(label);
    return box;
  });
  if (boxes.length === 0) transfers.append(make('p', 'No transfer to name.', 'hint'));

  const basis = textField('Legal basis', {
    name: 'legalBasis',
    value: options.legalBasis,
    placeholder: 'Case number the bank will read',
    maxLength: 200,
  });
  const caseField = textField('Case', {
    name: 'caseId',
    value: options.caseId ?? '',
    placeholder: 'optional',
  });
  const problem = make('p', '', 'fz-problem');
  problem.setAttribute('role', 'alert');
  const banks = [...new Set(options.lines.map((line) => line.account.split(':')[0] ?? ''))];
  const send = make(
    'button',
    rows.length > 1 ? `Send ${rows.length} requests` : `Send to ${banks[0] ?? 'the bank'}`,
    'primary',
  );
  send.type = 'submit';
  const cancel = button('Cancel');
  const receipts: StopReceipt[] = [];
  const finish = () => {
    closeStopDialog();
    if (receipts.length) options.onDone(receipts);
  };
  cancel.addEventListener('click', finish);
  const actions = make('div', undefined, 'fz-dialog-actions');
  actions.append(send, cancel);
  form.append(lines, transfers, basis.label, caseField.label, problem, actions);
  dialog.append(title, form);
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') finish();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = boxes.filter((box) => box.checked).map((box) => box.value);
    const bodies: { entry: (typeof rows)[number]; body: StopRequestBody }[] = [];
    for (const entry of rows.filter((one) => !one.sent)) {
      const checked = stopBody({
        account: entry.line.account,
        currency: entry.line.currency,
        amountText: entry.amount.value,
        transfers: chosen,
        legalBasis: basis.input.value,
        caseId: caseField.input.value,
        origin: options.origin,
        ...(options.alertId ? { alertId: options.alertId } : {}),
        ...(entry.line.maxMinor !== undefined ? { maxMinor: entry.line.maxMinor } : {}),
      });
      if ('problem' in checked) {
        problem.textContent =
          rows.length > 1 ? `${entry.line.account}: ${checked.problem}` : checked.problem;
        entry.amount.focus();
        return;
      }
      bodies.push({ entry, body: checked.body });
    }
    problem.textContent = '';
    send.disabled = true;
    void (async () => {
      let failed = 0;
      for (const { entry, body } of bodies) {
        entry.result.textContent = 'Sending…';
        try {
          const receipt = await requestStop(body);
          receipts.push(receipt);
          entry.sent = true;
          entry.amount.disabled = true;
          entry.result.textContent = receipt.created
            ? 'Sent'
            : `Already open (${receipt.stop.status})`;
          entry.result.className = 'fz-line-result ok';
        } catch (error) {
          failed += 1;
          entry.result.textContent = errorMessage(error);
          entry.result.className = 'fz-line-result error';
        }
      }
      send.disabled = false;
      if (failed === 0) finish();
      else {
        problem.textContent =
          failed === bodies.length
            ? 'Nothing was sent: see the answer beside the account.'
            : `${bodies.length - failed} sent; ${failed} not: see the answer beside the account, correct it and send again.`;
        cancel.textContent = 'Close';
      }
    })();
  });

  document.body.append(dialog);
  open = dialog;
  (rows[0]?.amount ?? basis.input).focus();
}
