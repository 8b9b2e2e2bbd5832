/**
 * The alert views in the page: the navigation between the workspace, the alert inbox, the
 * centre's dashboard and the stop payments (each shown only to those whose permissions allow
 * it), one live stream for both alert views, and the landing view after sign-in (the inbox for
 * station officers, the bank's stop-payment requests for a bank's commissioner).
 */
import type { SessionUser } from '../session';
import { AlertStops } from '../freeze/alertStop';
import { BankPage } from '../freeze/bankPage';
import { currentStopAccess, setStopAccess } from '../freeze/session';
import { StopsPage } from '../freeze/stopsPage';
import { Dashboard } from './dashboard';
import { Inbox } from './inbox';
import { alertAccess, landingView, type CanvasRef } from './model';
import { AlertStream } from './stream';

export type View = 'workspace' | 'alerts' | 'dashboard' | 'stops';

export interface AlertViewsOptions {
  /** Shows or hides the investigation workspace (mounting it on first show). */
  showWorkspace(shown: boolean): void;
  /** Puts these entities on the workspace canvas (the workspace is already shown). */
  openInWorkspace(refs: CanvasRef[]): void;
}

function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`Missing #${id}`);
  return found as T;
}

const VIEWS: readonly View[] = ['workspace', 'alerts', 'dashboard', 'stops'];

let stream: AlertStream | null = null;
let inbox: Inbox | null = null;
let dashboard: Dashboard | null = null;
let stops: StopsPage | BankPage | null = null;
let alertStops: AlertStops | null = null;
let allowed: View[] = [];
let options: AlertViewsOptions | null = null;
let wired = false;

/** Shows one view and hides the others; the dashboard reads its figures only while shown. */
export function showView(view: View): void {
  if (!allowed.includes(view)) return;
  for (const one of VIEWS) {
    const button = document.getElementById(`nav-${one}`);
    if (button) button.setAttribute('aria-pressed', String(one === view));
  }
  el('alerts-panel').hidden = view !== 'alerts';
  el('dashboard-panel').hidden = view !== 'dashboard';
  el('stops-panel').hidden = view !== 'stops';
  if (allowed.includes('workspace')) options?.showWorkspace(view === 'workspace');
  if (view === 'dashboard') dashboard?.start();
  else dashboard?.stop();
  if (view === 'stops') stops?.start();
  else stops?.stop();
}

/** Signed in: builds the views this user may use and lands on the right one. */
export function mountAlertViews(user: SessionUser, given: AlertViewsOptions): void {
  unmountAlertViews();
  options = given;
  const access = alertAccess(user.permissions);
  setStopAccess(user.permissions);
  const stopAccess = currentStopAccess();
  // Only a bank answers stop-payment requests (its own bank's).
  const answers = stopAccess.answer && user.sector === 'bank';
  allowed = VIEWS.filter(
    (view) =>
      (view === 'workspace' && access.workspace) ||
      (view === 'alerts' && access.inbox) ||
      (view === 'dashboard' && access.dashboard) ||
      (view === 'stops' && (stopAccess.read || answers)),
  );
  const nav = el('views');
  for (const view of VIEWS) el(`nav-${view}`).hidden = !allowed.includes(view);
  // Navigation only where there is somewhere else to go.
  nav.hidden = allowed.length < 2 && !access.inbox;
  if (!wired) {
    wired = true;
    nav.addEventListener('click', (event) => {
      const view = (event.target as HTMLElement).closest<HTMLElement>('[data-view]')?.dataset.view;
      if (view) showView(view as View);
    });
  }
  if (access.inbox || access.dashboard) stream = new AlertStream();
  if (stream && access.inbox) {
    inbox = new Inbox(el('alerts-panel'), {
      access,
      stream,
      openInWorkspace: (refs) => {
        showView('workspace');
        given.openInWorkspace(refs);
      },
      onNewCount: (count) => {
        const badge = el('nav-alerts-count');
        badge.textContent = count ? String(count) : '';
        badge.hidden = count === 0;
      },
      ...(stopAccess.request || stopAccess.read
        ? {
            stopControl: (alert, say) =>
              (alertStops ??= new AlertStops(() => showView('stops'))).control(alert, say),
          }
        : {}),
    });
    inbox.start();
  }
  if (stream && access.dashboard) dashboard = new Dashboard(el('dashboard-panel'), stream);
  if (answers) {
    el('nav-stops-label').textContent = 'Stop requests';
    stops = new BankPage(el('stops-panel'), {
      bank: user.organisation ?? '',
      onWaiting: (count) => {
        const badge = el('nav-stops-count');
        badge.textContent = count ? String(count) : '';
        badge.hidden = count === 0;
      },
    });
  } else if (stopAccess.read) {
    el('nav-stops-label').textContent = 'Stop payments';
    stops = new StopsPage(el('stops-panel'), {
      canAct: stopAccess.request,
      onEndingSoon: (count) => {
        const badge = el('nav-stops-count');
        badge.textContent = count ? String(count) : '';
        badge.title = `${count} hold${count === 1 ? '' : 's'} ending soon`;
        badge.hidden = count === 0;
      },
    });
  }
  // A bank's commissioner has nothing but the bank's requests: they land there.
  const landing = landingView(user.permissions) ?? (allowed.includes('stops') ? 'stops' : null);
  if (landing) showView(landing);
}

/** Signed out: streams closed, views hidden. */
export function unmountAlertViews(): void {
  inbox?.stop();
  dashboard?.stop();
  stops?.stop();
  alertStops?.close();
  alertStops = null;
  stream?.close();
  inbox = null;
  dashboard = null;
  stops = null;
  setStopAccess([]);
  stream = null;
  allowed = [];
  el('views').hidden = true;
  el('alerts-panel').hidden = true;
  el('dashboard-panel').hidden = true;
  el('stops-panel').hidden = true;
  el('nav-stops-count').hidden = true;
}
