/**
 * Client entry: sign-in, the system status, and the panels the user's role may use (audit trail
 * for supervisors and administrators, users and API tokens for administrators: `admin/`), the
 * investigation workspace for those who may read the graph, and the alert inbox and centre
 * dashboard (`alerts/`).
 */
import { ApiError, api, setCsrfToken } from './api';
import { toStatusView, type HealthReportDto, type StatusView } from './health';
import { describeUser, visiblePanels, type SessionDto } from './session';
import type { AuditPage, ChainVerification, GraphSummary } from '../../server/contract';
import { auditRow, graphRows } from './tables';
import { zoneOffset } from './time';
import type * as WorkspaceModule from './workspace/index';
import { mountAlertViews, unmountAlertViews } from './alerts/index';
import { mountAdmin, unmountAdmin } from './admin/index';

const REFRESH_MS = 10_000;

/** The investigation workspace (Cytoscape.js), loaded once someone who may read the graph signs in. */
let workspaceModule: Promise<typeof WorkspaceModule> | null = null;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`Missing #${id}`);
  return found as T;
}

/** A text field of a form; files and missing fields read as ''. */
function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

function fillTable(bodyId: string, rows: string[][]): void {
  element(bodyId).replaceChildren(
    ...rows.map((cells) => {
      const row = document.createElement('tr');
      row.append(
        ...cells.map((text) => {
          const cell = document.createElement('td');
          cell.textContent = text;
          return cell;
        }),
      );
      return row;
    }),
  );
}

function renderHealth(view: StatusView): void {
  const summary = element('health-summary');
  summary.textContent = view.summary;
  summary.className = `summary ${view.tone}`;
  element('health-details').replaceChildren(
    ...view.rows.flatMap((row) => {
      const term = document.createElement('dt');
      term.textContent = row.label;
      const value = document.createElement('dd');
      value.textContent = row.value;
      value.className = row.ok ? 'ok' : 'error';
      return [term, value];
    }),
  );
}

async function refreshHealth(): Promise<void> {
  try {
    const response = await fetch('/api/health');
    renderHealth(toStatusView((await response.json()) as HealthReportDto));
  } catch {
    renderHealth({ summary: 'The Ringtrace server cannot be reached.', tone: 'error', rows: [] });
  }
}

async function loadAudit(): Promise<void> {
  const form = new FormData(element<HTMLFormElement>('audit-filter'));
  const query = new URLSearchParams({ limit: '50' });
  for (const key of ['actor', 'action']) {
    const value = field(form, key);
    if (value) query.set(key, value);
  }
  const page = await api<AuditPage>('GET', `/audit?${query.toString()}`);
  element('audit-time-head').textContent = `Time (${zoneOffset()})`;
  fillTable('audit-rows', page.entries.map(auditRow));
}

async function verifyAudit(): Promise<void> {
  const verdict = element('audit-verdict');
  verdict.textContent = 'Verifying…';
  const result = await api<ChainVerification>('GET', '/audit/verify');
  verdict.textContent = result.ok
    ? `Chain intact (${result.entries} entries).`
    : `Tampering found at entries ${result.problems.map((problem) => problem.seq).join(', ')}.`;
  verdict.className = result.ok ? 'ok-text' : 'error-text';
}

async function loadGraphSummary(): Promise<void> {
  const summary = await api<GraphSummary>('GET', '/graph/summary');
  element('graph-counts').replaceChildren(
    ...graphRows(summary.counts).flatMap(([name, count]) => {
      const term = document.createElement('dt');
      term.textContent = name;
      const value = document.createElement('dd');
      value.textContent = count;
      return [term, value];
    }),
  );
}

function showSignedOut(): void {
  setCsrfToken(null);
  element('login-panel').hidden = false;
  element('who').hidden = true;
  element('logout').hidden = true;
  element('graph-panel').hidden = true;
  element('audit-panel').hidden = true;
  unmountAdmin();
  element('workspace-panel').hidden = true;
  unmountAlertViews();
  void workspaceModule?.then((workspace) => workspace.unmountWorkspace());
}

/** The workspace module, loaded on first use. */
function loadWorkspace(): Promise<typeof WorkspaceModule> {
  workspaceModule ??= import('./workspace/index');
  return workspaceModule;
}

function showSignedIn(session: SessionDto): void {
  setCsrfToken(session.csrfToken);
  element('login-panel').hidden = true;
  const who = element('who');
  who.textContent = describeUser(session.user);
  who.hidden = false;
  element('logout').hidden = false;
  const panels = visiblePanels(session.user);
  element('graph-panel').hidden = !panels.includes('graph');
  element('audit-panel').hidden = !panels.includes('audit');
  if (panels.includes('graph')) {
    void loadGraphSummary();
  }
  if (panels.includes('audit')) void loadAudit();
  // Users and API tokens, for administrators (reached from the top bar).
  mountAdmin(session.user);
  // The views: the workspace for those who may read the graph, alerts and the dashboard for
  // those who may see them; station officers land on the inbox. The workspace (Cytoscape.js)
  // loads on demand, after the status and summary are asked for.
  mountAlertViews(session.user, {
    showWorkspace: (shown) => {
      if (shown) void loadWorkspace().then((workspace) => workspace.mountWorkspace());
      else element('workspace-panel').hidden = true;
    },
    openInWorkspace: (refs) =>
      void loadWorkspace().then((workspace) => workspace.openEntities(refs)),
  });
}

async function restoreSession(): Promise<void> {
  try {
    showSignedIn(await api<SessionDto>('GET', '/auth/session'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) showSignedOut();
    else throw error;
  }
}

element<HTMLFormElement>('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.currentTarget as HTMLFormElement);
  const message = element('login-error');
  message.textContent = '';
  api<SessionDto>('POST', '/auth/login', {
    username: field(form, 'username'),
    password: typeof form.get('password') === 'string' ? (form.get('password') as string) : '',
  }).then(showSignedIn, (error: unknown) => {
    message.textContent = error instanceof Error ? error.message : String(error);
  });
});

element('logout').addEventListener('click', () => {
  void api('POST', '/auth/logout').finally(showSignedOut);
});

element<HTMLFormElement>('audit-filter').addEventListener('submit', (event) => {
  event.preventDefault();
  void loadAudit();
});
element('audit-verify').addEventListener('click', () => void verifyAudit());

void refreshHealth();
void restoreSession();
setInterval(() => void refreshHealth(), REFRESH_MS);
