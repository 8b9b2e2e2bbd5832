/**
 * A bank account's stops in the workspace's details panel: each request on it (newest first)
 * with its state, and "Request stop", which offers the transfers the account received to choose
 * from (the latest one ticked, its amount prefilled).
 */
import { api, errorMessage } from '../api';
import type { Timeline } from '../../../server/contract';
import type { StopRequest } from '../../../server/contract/freeze';
import { formatMinor, formatTime } from '../alerts/model';
import { button, make } from './dom';
import { isActive, stopState } from './model';
import { openStopDialog } from './requestDialog';
import { stopsOnAccounts } from './requests';
import { currentStopAccess, stopsChanged } from './session';

/** The transfers an account received, newest first (from its timeline). */
async function receivedTransfers(account: string): Promise<Timeline['events']> {
  const query = new URLSearchParams({ entities: `BankAccount:${account}`, limit: '200' });
  const timeline = await api<Timeline>('GET', `/timeline?${query.toString()}`);
  return timeline.events
    .filter((event) => event.kind === 'Transfer' && event.to === account)
    .sort((a, b) => b.at.localeCompare(a.at));
}

async function requestOn(account: string, say: (text: string) => void): Promise<void> {
  let received: Timeline['events'];
  try {
    received = await receivedTransfers(account);
  } catch (error) {
    say(errorMessage(error));
    return;
  }
  if (received.length === 0) {
    say('No transfer into this account is in the records: a stop names the victims’ transfers.');
    return;
  }
  const latest = received[0];
  const currency = latest?.currency ?? 'CNY';
  openStopDialog({
    title: `Request a stop on ${account}`,
    lines: [{ account, currency, amountMinor: latest?.amountMinor ?? 0 }],
    transfers: received.slice(0, 50).map((event, index) => ({
      id: event.id,
      label: `${event.id}: ${formatMinor(event.amountMinor ?? 0, event.currency ?? currency)} from ${event.from ?? '?'}, ${formatTime(event.at)}`,
      checked: index === 0,
    })),
    legalBasis: '',
    caseId: null,
    origin: 'account',
    onDone: () => stopsChanged(),
  });
}

/** The stops section for one account; fills itself once the stops are read. */
export function accountStopsSection(account: string): HTMLElement {
  const section = make('section', undefined, 'fz-account');
  section.dataset.account = account;
  const access = currentStopAccess();
  if (!access.read && !access.request) return section;
  const message = make('p', '', 'hint');
  const list = make('ul', undefined, 'fz-account-stops');
  const actions = make('div');
  section.append(make('h4', 'Stop payments'), list, actions, message);
  const render = (stops: StopRequest[]) => {
    const now = Date.now();
    const sorted = [...stops].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
    list.replaceChildren(
      ...sorted.map((stop) => {
        const words = stopState(stop, now);
        const item = make(
          'li',
          undefined,
          `fz-state tone-${words.tone}${words.endingSoon ? ' ending' : ''}`,
        );
        item.append(
          make('strong', words.headline),
          make('span', words.timing, 'fz-timing'),
          make('span', words.detail, 'fz-detail'),
          make(
            'span',
            `${stop.legalBasis} · asked by ${stop.requestedBy} ${formatTime(stop.requestedAt)}`,
            'fz-detail',
          ),
        );
        return item;
      }),
    );
    if (stops.length === 0) list.append(make('li', 'No stop asked on this account.', 'hint'));
    actions.replaceChildren();
    if (access.request && !stops.some(isActive)) {
      const ask = button('Request stop');
      ask.addEventListener(
        'click',
        () => void requestOn(account, (text) => (message.textContent = text)),
      );
      actions.replaceChildren(ask);
    }
  };
  stopsOnAccounts([account]).then(render, (error: unknown) => {
    message.textContent = errorMessage(error);
  });
  return section;
}
