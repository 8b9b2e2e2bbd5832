/**
 * Views: the money flow (forward or backward trace, left to right in time), the path finder
 * between selected entities, rings (members grouped by role, collapsible), the timeline of the
 * selection, and the exports of what is on screen.
 */
import { api } from '../api';
import { el, make, type WorkspaceContext } from './context';
import type {
  AnalysisRuns,
  BackwardTrace,
  ForwardTrace,
  PathsAnswer,
  RingDetail,
  Rings,
  RunStarted,
  Timeline,
} from '../../../server/contract';
import { download, exportName } from './download';
import {
  backwardTraceElements,
  backwardTraceSummary,
  pathElements,
  refNode,
  ringElements,
  timelineKeys,
  timelineRows,
  traceElements,
  traceSummary,
} from './elements';
import { moneyCard } from '../freeze/moneyCard';
import { moneySummary } from '../freeze/requests';
import { toGraphml } from './export/graphml';
import { ringTitle } from './labels';
import { pathRows, ringViewPositions } from './layouts';
import { exportRecord, recordedExport } from './export/record';
import type { ViewSnapshot } from './export/snapshot';
import { toSvg } from './export/svg';
import { edgesCsv, nodesCsv, toJson } from './export/tables';
import type { Elements } from './model';
import { zoneOffset } from '../time';
import type { PngSize } from './pngSize';

export interface TraceRequest {
  mode: 'forward-transfer' | 'forward-account' | 'backward-account';
  id: string;
  at: string;
  depth: number;
  windowHours: number;
}

/** The trace route and query for a request (pure). */
export function traceQuery(request: TraceRequest): string {
  const query = new URLSearchParams({
    depth: String(request.depth),
    windowHours: String(request.windowHours),
  });
  if (request.mode === 'forward-transfer') query.set('transfer', request.id);
  else {
    query.set('account', request.id);
    if (request.at) query.set('at', request.at);
  }
  const direction = request.mode === 'backward-account' ? 'backward' : 'forward';
  return `/trace/${direction}?${query.toString()}`;
}

export async function runTrace(ws: WorkspaceContext, request: TraceRequest): Promise<void> {
  if (!request.id) {
    ws.say('Give a transfer id (BANK:id) or an account (BANK:NUMBER) to trace.', 'error');
    return;
  }
  if (request.mode !== 'forward-transfer' && !request.at) {
    ws.say('Tracing from an account needs a time (ISO, e.g. 2026-10-03T09:00:00Z).', 'error');
    return;
  }
  if (request.mode === 'backward-account') {
    const trace = await ws.busy('Tracing money back…', () =>
      api<BackwardTrace>('GET', traceQuery(request)),
    );
    if (!trace) return;
    ws.traceStops?.(null);
    showBeside(ws, backwardTraceElements(trace));
    ws.say(backwardTraceSummary(trace), trace.truncated ? 'error' : 'info');
    return;
  }
  const trace = await ws.busy('Tracing money…', () =>
    api<ForwardTrace>('GET', traceQuery(request)),
  );
  if (!trace) return;
  showBeside(ws, traceElements(trace));
  ws.say(traceSummary(trace), trace.truncated ? 'error' : 'info');
  ws.traceStops?.(trace);
}

/**
 * Puts new content (a flow, a ring, paths: its nodes placed in its own arrangement) beside what
 * is on the canvas, where nothing is covered and nothing moves, and fits the view to all of it.
 */
function showBeside(
  ws: WorkspaceContext,
  elements: Elements,
  options: { keepSelection?: boolean } = {},
): void {
  ws.canvas.add(elements, { layout: 'beside' });
  if (!options.keepSelection) ws.canvas.cy.$(':selected').unselect();
  const shown = ws.canvas.cy.collection();
  for (const node of elements.nodes) shown.merge(ws.canvas.cy.$id(node.data.id));
  ws.canvas.cy.fit(shown, 40);
}

export async function runPaths(ws: WorkspaceContext): Promise<void> {
  const selected = ws.canvas.selectedNodes().filter((node) => node.type !== 'Ring');
  if (selected.length < 2) {
    ws.say(
      'Select two or more entities (Shift-click or drag a box) to find paths between them.',
      'error',
    );
    return;
  }
  const query = new URLSearchParams({
    entities: selected.map((node) => node.id).join(','),
    k: el<HTMLInputElement>('ws-paths-k').value || '3',
    maxHops: el<HTMLInputElement>('ws-paths-hops').value || '4',
    timeRespecting: String(el<HTMLInputElement>('ws-paths-time').checked),
  });
  const relationships = el<HTMLInputElement>('ws-paths-rels').value.replace(/\s+/g, '');
  if (relationships) query.set('relationships', relationships);
  const answer = await ws.busy('Finding paths…', () =>
    api<PathsAnswer>('GET', `/paths?${query.toString()}`),
  );
  if (!answer) return;
  // The paths go beside the picture, one row each, linked to the entities already there.
  const elements = pathElements(answer);
  const rows = pathRows(answer.paths.map((path) => path.nodes.map((ref) => refNode(ref).data.id)));
  for (const node of elements.nodes) node.position = rows.get(node.data.id) ?? node.position;
  if (answer.paths.length) showBeside(ws, elements, { keepSelection: true });
  const links = answer.paths.reduce((sum, path) => sum + path.links.length, 0);
  ws.say(
    answer.paths.length
      ? `${answer.paths.length} paths (${links} links) shown.${answer.note ? ` ${answer.note}` : ''}`
      : `No path found.${answer.note ? ` ${answer.note}` : ''}`,
  );
}

export async function runTimeline(ws: WorkspaceContext, keys: string[]): Promise<void> {
  const usable = timelineKeys(keys).slice(0, 50);
  const panel = el('ws-timeline');
  if (usable.length === 0) {
    ws.say(
      'Select bank accounts, phone numbers or platform accounts to see their timeline.',
      'error',
    );
    return;
  }
  const query = new URLSearchParams({ entities: usable.join(','), limit: '200' });
  const answer = await ws.busy('Loading timeline…', () =>
    api<Timeline>('GET', `/timeline?${query.toString()}`),
  );
  if (!answer) return;
  const result = make('table');
  const head = make('tr');
  head.append(
    ...[`Time (${zoneOffset()})`, 'Kind', 'From → to', 'Amount / length', 'Detail'].map((h) =>
      make('th', h),
    ),
  );
  result.append(head);
  for (const row of timelineRows(answer.events)) {
    const line = make('tr');
    line.append(...row.map((cell) => make('td', cell)));
    result.append(line);
  }
  panel.replaceChildren(
    make(
      'p',
      `${answer.events.length} events${answer.more ? ' (more: narrow the time range)' : ''}.`,
      'hint',
    ),
    result,
  );
  // The timeline docks under the canvas, as wide as the canvas.
  el('ws-timeline-dock').hidden = false;
}

export async function loadRings(ws: WorkspaceContext): Promise<void> {
  const answer = await ws.busy('Loading rings…', () =>
    api<Rings>('GET', '/rings?run=latest&limit=50'),
  );
  if (!answer) return;
  const list = el('ws-rings');
  list.replaceChildren(
    ...answer.rings.map((ring) => {
      const item = make('li');
      const show = make('button', 'Show');
      show.type = 'button';
      show.addEventListener('click', () => void showRing(ws, ring.id));
      const fold = make('button', 'Collapse');
      fold.type = 'button';
      fold.addEventListener('click', () => {
        if (ws.canvas.cy.$id(`Ring:${ring.id}`).empty()) return;
        if (ws.canvas.isCollapsed(ring.id)) ws.canvas.expandRing(ring.id);
        else ws.canvas.collapseRing(ring.id);
        fold.textContent = ws.canvas.isCollapsed(ring.id) ? 'Expand' : 'Collapse';
      });
      const money = make('button', 'Money');
      money.type = 'button';
      money.title = 'Victims’ money paid into this ring: lost, secured by holds, still moving';
      money.addEventListener('click', () => void showRingMoney(ws, ring.id, item, money));
      // Listed by the ringleader's name and the ring's short id; kind, score and size under it.
      item.append(
        make('strong', ringTitle(ring), 'ring-title'),
        make(
          'span',
          `${ring.typology ? `${ring.typology.replace(/_/g, ' ')}, ` : ''}score ${ring.score.toFixed(2)}, ${ring.size} members`,
          'sub',
        ),
        show,
        ' ',
        fold,
        ' ',
        money,
        make('span', ring.reasons.join('; '), 'sub'),
      );
      return item;
    }),
  );
  ws.say(
    answer.rings.length
      ? `${answer.rings.length} rings in run ${answer.run}.`
      : 'No rings in the latest run (start an analysis first).',
  );
}

/** The ring's victims' money (paid, secured, still moving, lost), under its line in the list. */
async function showRingMoney(
  ws: WorkspaceContext,
  ringId: string,
  item: HTMLElement,
  button: HTMLButtonElement,
): Promise<void> {
  const summary = await ws.busy('Counting the ring’s money…', () => moneySummary({ ring: ringId }));
  if (!summary) return;
  item.querySelector('.fz-money')?.remove();
  item.append(moneyCard(summary));
  button.textContent = 'Money ↻';
}

export async function showRing(ws: WorkspaceContext, ringId: string): Promise<void> {
  const detail = await ws.busy('Loading ring…', () =>
    api<RingDetail>('GET', `/rings/${ringId.split('/').map(encodeURIComponent).join('/')}`),
  );
  if (!detail) return;
  // Members in circles by role, the ring beside what is already on the canvas.
  const elements = ringElements(detail);
  const byRole = ringViewPositions(
    elements.nodes.filter((node) => node.data.type !== 'Ring').map((node) => node.data),
  );
  for (const node of elements.nodes) node.position = byRole.get(node.data.id) ?? node.position;
  showBeside(ws, elements);
  ws.say(
    `Ring ${ringId}: ${detail.members.length} members, ${detail.links.length} links. ${detail.ring.reasons.join('; ')}`,
  );
}

export async function runAnalysis(ws: WorkspaceContext): Promise<void> {
  const started = await ws.busy('Starting analysis…', () =>
    api<RunStarted>('POST', '/analysis/runs', {}),
  );
  if (!started) return;
  const status = el('ws-analysis-status');
  for (let i = 0; i < 300; i += 1) {
    const runs = await ws.busy('Analysis running…', () =>
      api<AnalysisRuns>('GET', '/analysis/runs'),
    );
    const run = runs?.runs.find((one) => one.id === started.id);
    if (!run) return;
    status.textContent =
      run.status === 'running'
        ? `Run ${run.id}: ${run.step} ${Math.round(run.fraction * 100)}%`
        : run.status === 'failed'
          ? `Run ${run.id} failed: ${run.error ?? 'no reason given'}`
          : `Run ${run.id}: ${run.explanation ?? `${run.ringCount ?? 0} rings found`}`;
    if (run.status !== 'running') {
      if (run.status === 'finished') await loadRings(ws);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

export type ExportFormat = 'png' | 'svg' | 'graphml' | 'json' | 'csv';

/**
 * Exports what is on screen. The server records the export (`POST /api/exports`, audited) before
 * the browser writes the file; if it cannot, nothing is exported and the user is told why.
 */
export async function exportView(
  ws: WorkspaceContext,
  format: ExportFormat,
  investigation: { id: string | null; name: string },
  pngSize: PngSize = 'screen',
): Promise<void> {
  const view = ws.canvas.snapshot();
  if (view.nodes.length === 0) {
    ws.say('Nothing on screen to export.', 'error');
    return;
  }
  const recorded = await ws.busy('Recording the export…', () =>
    recordedExport(api, exportRecord(view, format, investigation), () =>
      writeExport(ws, view, format, investigation.name, pngSize),
    ),
  );
  if (!recorded) return;
  ws.say(
    `Exported ${view.nodes.length} nodes and ${view.edges.length} links as ${format.toUpperCase()}.`,
  );
}

function writeExport(
  ws: WorkspaceContext,
  view: ViewSnapshot,
  format: ExportFormat,
  name: string,
  pngSize: PngSize,
): void {
  switch (format) {
    case 'png':
      download(exportName('png', name), ws.canvas.png(pngSize));
      break;
    case 'svg':
      download(exportName('svg', name), toSvg(view, name || 'Ringtrace view'), 'image/svg+xml');
      break;
    case 'graphml':
      download(exportName('graphml', name), toGraphml(view), 'application/graphml+xml');
      break;
    case 'json':
      download(exportName('json', name), toJson(view), 'application/json');
      break;
    case 'csv':
      download(exportName('nodes.csv', name), nodesCsv(view), 'text/csv');
      download(exportName('edges.csv', name), edgesCsv(view), 'text/csv');
      break;
  }
}
