/** Client entry: shows the server's health status. The investigation workspace comes later. */
import { toStatusView, type HealthReportDto, type StatusView } from './health';

const REFRESH_MS = 10_000;

function render(view: StatusView): void {
  const summary = document.getElementById('health-summary');
  const details = document.getElementById('health-details');
  if (!summary || !details) return;
  summary.textContent = view.summary;
  summary.className = `summary ${view.tone}`;
  details.replaceChildren(
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

async function refresh(): Promise<void> {
  try {
    const response = await fetch('/api/health');
    render(toStatusView((await response.json()) as HealthReportDto));
  } catch {
    render({ summary: 'The Ringtrace server cannot be reached.', tone: 'error', rows: [] });
  }
}

void refresh();
setInterval(() => void refresh(), REFRESH_MS);
