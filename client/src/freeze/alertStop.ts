/**
 * The stop on an alert that proposes one, or that a stop raised (the bank is late, a hold ends
 * soon or lapsed): what the bank has done with the account (the centre's policy may already have
 * asked), "Request stop" while nothing is open there, which opens the request with the account
 * and amount, the alert's transfers as the victims' payments, and its case (when the evidence
 * names one) as the legal basis, and a way to the stops page where a hold is renewed or frozen.
 * The alerts' accounts are asked about together, every 30 seconds and whenever a stop changes.
 */
import type { StopRequest } from '../../../server/contract/freeze';
import type { Alert } from '../../../server/contract/warning';
import { button, make } from './dom';
import { defaultLegalBasis, isActive, isHolding, stopByAccount, stopState } from './model';
import { openStopDialog } from './requestDialog';
import { stopsOnAccounts } from './requests';
import { currentStopAccess, onStopsChanged, stopsChanged } from './session';

type AlertWithStop = Pick<
  Alert,
  'id' | 'rule' | 'subject' | 'amount' | 'proposedStop' | 'evidence'
>;

/** Alerts a stop raised: their subject is the stopped account. */
const STOP_RULES: ReadonlySet<Alert['rule']> = new Set([
  'stop_unanswered',
  'hold_ending',
  'hold_lapsed',
]);

/** The account and money an alert is about for a stop: its proposed stop, or the stopped account. */
export function alertStopAccount(
  alert: AlertWithStop,
): { account: string; amountMinor: number; currency: string } | null {
  if (alert.proposedStop) return alert.proposedStop;
  if (STOP_RULES.has(alert.rule) && alert.subject.type === 'BankAccount' && alert.amount) {
    return { account: alert.subject.id, ...alert.amount };
  }
  return null;
}

/** Opens the request dialog for an alert's stop; false when it is about none. */
export function requestAlertStop(
  alert: AlertWithStop,
  onSent?: (message: string) => void,
): boolean {
  const proposed = alertStopAccount(alert);
  if (!proposed) return false;
  const caseId = alert.evidence.find((ref) => ref.type === 'Case')?.id ?? null;
  const transfers = alert.evidence
    .filter((ref) => ref.type === 'Transfer')
    .slice(0, 50)
    .map((ref) => ({ id: ref.id, label: ref.id }));
  openStopDialog({
    title: `Request a stop on ${proposed.account}`,
    lines: [
      {
        account: proposed.account,
        currency: proposed.currency,
        amountMinor: proposed.amountMinor,
        ...(alert.proposedStop ? { maxMinor: proposed.amountMinor } : {}),
      },
    ],
    transfers,
    legalBasis: defaultLegalBasis(caseId, alert.id),
    caseId,
    origin: 'alert',
    alertId: alert.id,
    onDone: (receipts) => {
      stopsChanged();
      const receipt = receipts[0];
      if (receipt) {
        onSent?.(
          receipt.created
            ? `Stop requested on ${proposed.account}: ${receipt.stop.account.bank} is asked to hold the money.`
            : `A stop on ${proposed.account} was already open (${receipt.stop.status}).`,
        );
      }
    },
  });
  return true;
}

/** Batches the inbox's look-ups of stops on proposed accounts. */
const DEBOUNCE_MS = 150;
/** How often the stops of the rows shown are read again (the bank may have answered). */
const REFRESH_MS = 30_000;

interface Control {
  alert: AlertWithStop;
  element: HTMLElement;
  say: (message: string) => void;
}

/** The stop controls of the inbox's rows, kept in line with the stops on their accounts. */
export class AlertStops {
  private readonly controls = new Set<Control>();
  /** The stop shown for each account (null: none). */
  private readonly known = new Map<string, StopRequest | null>();
  private readonly timer: ReturnType<typeof setInterval>;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribe: () => void;

  /** `openStops` shows the stops page (where holds are renewed, frozen and released). */
  constructor(private readonly openStops?: () => void) {
    const again = () => {
      this.known.clear();
      this.schedule();
    };
    this.unsubscribe = onStopsChanged(again);
    this.timer = setInterval(() => {
      if (this.controls.size) again();
    }, REFRESH_MS);
  }

  close(): void {
    this.unsubscribe();
    clearInterval(this.timer);
    clearTimeout(this.pending);
    this.controls.clear();
  }

  /** The control for an alert's row (empty for an alert about no stop). */
  control(alert: AlertWithStop, say: (message: string) => void): HTMLElement {
    const element = make('span', undefined, 'fz-alert-stop');
    const about = alertStopAccount(alert);
    if (!about) return element;
    element.dataset.account = about.account;
    const control = { alert, element, say };
    this.controls.add(control);
    this.draw(control);
    if (!this.known.has(about.account)) this.schedule();
    return control.element;
  }

  private schedule(): void {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.read(), DEBOUNCE_MS);
  }

  private async read(): Promise<void> {
    for (const control of [...this.controls]) {
      if (!control.element.isConnected) this.controls.delete(control);
    }
    const access = currentStopAccess();
    if (!access.read && !access.request) return;
    const wanted = [...this.controls]
      .map((control) => alertStopAccount(control.alert)?.account ?? '')
      .filter((account) => account && !this.known.has(account));
    if (wanted.length === 0) return;
    let stops: StopRequest[];
    try {
      stops = await stopsOnAccounts(wanted);
    } catch {
      // Not known: the button is offered, and the server says so if a stop is already open.
      stops = [];
    }
    const shown = stopByAccount(stops);
    for (const account of wanted) this.known.set(account, shown.get(account) ?? null);
    for (const control of this.controls) this.draw(control);
  }

  private draw(control: Control): void {
    const account = alertStopAccount(control.alert)?.account ?? '';
    const stop = this.known.get(account);
    const parts: (Node | string)[] = [];
    if (stop) {
      const words = stopState(stop, Date.now());
      const state = make('span', undefined, `fz-state tone-${words.tone}`);
      state.append(make('strong', `Stop: ${words.headline}`));
      if (words.timing) state.append(` · ${words.timing}`);
      parts.push(state);
    }
    const access = currentStopAccess();
    if (access.request && stop !== undefined && !(stop && isActive(stop))) {
      const ask = button(stop ? 'Request stop again' : 'Request stop');
      ask.title = 'Ask the bank to hold the money in the proposed account';
      ask.addEventListener('click', () => requestAlertStop(control.alert, control.say));
      parts.push(ask);
    }
    if (stop && isHolding(stop) && access.request && this.openStops) {
      const open = button('Renew or freeze…');
      open.title = 'Open Stop payments, where the hold is renewed, frozen or released';
      open.addEventListener('click', () => this.openStops?.());
      parts.push(open);
    }
    control.element.replaceChildren(...parts);
  }
}
