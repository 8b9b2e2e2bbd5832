/**
 * The investigator's workspace: builds the canvas once the panel is visible and wires the
 * toolbar, panels, context menu and keyboard shortcuts to it.
 *
 * Shortcuts (outside text fields): `/` a new search (the box emptied), `Delete` remove, `Ctrl+Z`
 * undo, `Ctrl+Shift+Z` or `Ctrl+Y` redo, `F` fit, `E` expand, `H` hide, `P` pin, `Escape` close
 * dialogs.
 */
import type { PathsAnswer } from '../../../server/contract';
import { api, errorMessage } from '../api';
import { Canvas, useWebgl, type LayoutName } from './canvas';
import { el, makeBusy, say, type WorkspaceContext } from './context';
import { pathElements, refNode, type EntityRef } from './elements';
import { addEvidenceOptions, isEvidenceAction, runEvidenceAction } from './evidenceMenu';
import {
  EXPANDABLE,
  clearFilters,
  closeExpand,
  openExpand,
  readFilters,
  renderFilters,
  renderLegend,
  renderTimebar,
  runExpand,
  runSearch,
  showDetails,
  timeRangeChanged,
} from './explore';
import { currentInvestigation, listSaved, newInvestigation, save } from './saved';
import { pngChoice } from './pngSize';
import { StopMarks } from '../freeze/canvasMarks';
import { TraceStops } from '../freeze/traceStops';
import {
  exportView,
  loadRings,
  runAnalysis,
  runPaths,
  runTimeline,
  runTrace,
  type ExportFormat,
  type TraceRequest,
} from './views';

let workspace: WorkspaceContext | null = null;

declare global {
  interface Window {
    /** The mounted workspace, for the end-to-end tests and the UI benchmark. */
    ringtraceWorkspace?: WorkspaceContext;
  }
}

function debounce(action: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(action, ms);
  };
}

function selectedIds(ws: WorkspaceContext): string[] {
  return ws.canvas.selectedIds();
}

function togglePin(ws: WorkspaceContext): void {
  const nodes = ws.canvas.cy.$('node:selected');
  if (nodes.empty()) return;
  const pinned = nodes.filter('.pinned').map((node) => node.id());
  const loose = nodes.filter(':unlocked').map((node) => node.id());
  if (loose.length) ws.canvas.run({ kind: 'pin', ids: loose });
  else ws.canvas.run({ kind: 'unpin', ids: pinned });
}

function hideSelected(ws: WorkspaceContext): void {
  const ids = selectedIds(ws);
  if (ids.length) ws.canvas.run({ kind: 'hide', ids });
}

function removeSelected(ws: WorkspaceContext): void {
  const ids = selectedIds(ws);
  if (ids.length) ws.canvas.remove(ids);
}

function traceRequest(): TraceRequest {
  return {
    mode: el<HTMLSelectElement>('ws-trace-mode').value as TraceRequest['mode'],
    id: el<HTMLInputElement>('ws-trace-id').value.trim(),
    at: el<HTMLInputElement>('ws-trace-at').value.trim(),
    depth: Number(el<HTMLInputElement>('ws-trace-depth').value) || 4,
    windowHours: Number(el<HTMLInputElement>('ws-trace-window').value) || 72,
  };
}

/** The side panels' buttons: each folds its panel away, giving the canvas the room. */
function wireSidePanels(): void {
  for (const side of ['left', 'right'] as const) {
    const button = el(`ws-toggle-${side}`);
    button.addEventListener('click', () => {
      const closed = el('ws-body').classList.toggle(`${side}-closed`);
      button.setAttribute('aria-pressed', String(!closed));
      el(`ws-${side}`).toggleAttribute('inert', closed);
    });
  }
}

function wire(ws: WorkspaceContext): void {
  const { canvas } = ws;
  el<HTMLFormElement>('ws-search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void runSearch(ws, el<HTMLInputElement>('ws-search').value);
  });
  el('ws-layout-run').addEventListener('click', () =>
    canvas.layout(el<HTMLSelectElement>('ws-layout').value as LayoutName),
  );
  el('ws-undo').addEventListener('click', () => canvas.undo());
  el('ws-redo').addEventListener('click', () => canvas.redo());
  el('ws-fit').addEventListener('click', () => canvas.fit());
  el('ws-expand-selected').addEventListener('click', () => {
    const [first] = canvas.selectedNodes();
    if (first) ws.expand(first.id);
    else ws.say('Select a node to expand.', 'error');
  });
  el('ws-hide').addEventListener('click', () => hideSelected(ws));
  el('ws-show').addEventListener('click', () => {
    const ids = canvas.cy.$('.hidden').map((element) => element.id());
    if (ids.length) canvas.run({ kind: 'show', ids });
  });
  el('ws-pin').addEventListener('click', () => togglePin(ws));
  el('ws-remove').addEventListener('click', () => removeSelected(ws));
  addEvidenceOptions(el<HTMLSelectElement>('ws-export-format'));
  el('ws-export').addEventListener('click', () => {
    const format = el<HTMLSelectElement>('ws-export-format').value;
    const pngSize = pngChoice(format);
    if (isEvidenceAction(format)) void runEvidenceAction(ws, format);
    else if (pngSize) void exportView(ws, 'png', currentInvestigation(), pngSize);
    else void exportView(ws, format as ExportFormat, currentInvestigation());
  });
  el<HTMLFormElement>('ws-expand-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void runExpand(ws);
  });
  el('ws-expand-cancel').addEventListener('click', closeExpand);
  el<HTMLFormElement>('ws-trace-form').addEventListener('submit', (event) => {
    event.preventDefault();
    // A trace that cannot be drawn says so instead of failing silently.
    runTrace(ws, traceRequest()).catch((error: unknown) => ws.say(errorMessage(error), 'error'));
  });
  el<HTMLFormElement>('ws-paths-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void runPaths(ws);
  });
  el('ws-rings-load').addEventListener('click', () => void loadRings(ws));
  el('ws-analysis-run').addEventListener('click', () => void runAnalysis(ws));
  el('ws-timeline-run').addEventListener('click', () => void runTimeline(ws, selectedIds(ws)));
  el('ws-timeline-close').addEventListener('click', () => {
    el('ws-timeline-dock').hidden = true;
  });
  wireSidePanels();
  // The canvas follows its box (side panels folded, docks opened) as it follows the window.
  new ResizeObserver(() => canvas.cy.resize()).observe(el('ws-canvas'));
  el('ws-filters').addEventListener('change', () => {
    canvas.applyFilters(readFilters(canvas.getFilters()));
    renderLegend(ws);
  });
  el('ws-filters-clear').addEventListener('click', () => clearFilters(ws));
  el('ws-time-from').addEventListener('input', () => timeRangeChanged(ws));
  el('ws-time-to').addEventListener('input', () => timeRangeChanged(ws));
  el<HTMLFormElement>('ws-save-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void save(ws);
  });
  el('ws-new').addEventListener('click', () => newInvestigation(ws));

  const menu = el('ws-menu');
  menu.addEventListener('click', (event) => {
    const action = (event.target as HTMLElement).dataset.action;
    menu.hidden = true;
    const [first] = canvas.selectedNodes();
    if (!action || !first) return;
    if (action === 'expand') ws.expand(first.id);
    else if (action === 'hide') hideSelected(ws);
    else if (action === 'pin') togglePin(ws);
    else if (action === 'remove') removeSelected(ws);
    else if (action === 'timeline') void runTimeline(ws, selectedIds(ws));
    else if (action === 'trace') {
      if (first.type !== 'BankAccount') {
        ws.say('Money is traced from a bank account or a transfer.', 'error');
        return;
      }
      el<HTMLSelectElement>('ws-trace-mode').value = 'forward-account';
      el<HTMLInputElement>('ws-trace-id').value = first.entityId;
      const at = el<HTMLInputElement>('ws-trace-at');
      if (first.time) at.value = first.time;
      at.focus();
      ws.say('Give the time to trace from, then “Trace money”.');
    }
  });
  document.addEventListener('click', (event) => {
    if (!menu.contains(event.target as Node)) menu.hidden = true;
  });

  document.addEventListener('keydown', (event) => {
    if (el('workspace-panel').hidden) return;
    const target = event.target as HTMLElement;
    if (event.key === 'Escape') {
      closeExpand();
      menu.hidden = true;
      return;
    }
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable)
      return;
    const ctrl = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (ctrl && key === 'z') {
      event.preventDefault();
      if (event.shiftKey) canvas.redo();
      else canvas.undo();
    } else if (ctrl && key === 'y') {
      event.preventDefault();
      canvas.redo();
    } else if (ctrl) {
      return;
    } else if (event.key === '/') {
      // A new search: the box emptied and ready.
      event.preventDefault();
      const search = el<HTMLInputElement>('ws-search');
      search.value = '';
      search.focus();
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      removeSelected(ws);
    } else if (key === 'f') {
      canvas.fit();
    } else if (key === 'h') {
      hideSelected(ws);
    } else if (key === 'p') {
      togglePin(ws);
    } else if (key === 'e') {
      const [first] = canvas.selectedNodes();
      if (first) ws.expand(first.id);
    }
  });
}

/** Shows the workspace (creating it on first use) and refreshes the saved investigations. */
export function mountWorkspace(): void {
  el('workspace-panel').hidden = false;
  // The workspace is the window: shown, it starts at the top of the page.
  window.scrollTo({ top: 0 });
  if (workspace) {
    void listSaved(workspace);
    return;
  }
  let marks: StopMarks | null = null;
  const refresh = debounce(() => {
    if (!workspace) return;
    marks?.changed();
    renderFilters(workspace);
    renderTimebar(workspace);
    renderLegend(workspace);
    el('ws-undo').toggleAttribute('disabled', !workspace.canvas.canUndo());
    el('ws-redo').toggleAttribute('disabled', !workspace.canvas.canRedo());
  }, 150);
  const query = new URLSearchParams(window.location.search);
  const force = query.get('renderer');
  const canvas = new Canvas(
    el('ws-canvas'),
    {
      onSelect: debounce(() => {
        if (workspace) void showDetails(workspace);
      }, 50),
      onExpand: (nodeId) => workspace?.expand(nodeId),
      onContext: (_nodeId, at) => {
        const menu = el('ws-menu');
        const box = el('ws-canvas').getBoundingClientRect();
        menu.style.left = `${box.left + at.x}px`;
        menu.style.top = `${box.top + at.y}px`;
        menu.hidden = false;
      },
      onChange: refresh,
    },
    // `?moving=full` draws large views in full while they move, as small ones are.
    { webgl: useWebgl(force), movingDraw: query.get('moving') === 'full' ? 'full' : 'auto' },
  );
  // Stops: the trace's holding accounts and their stops, and marks on accounts with one open.
  marks = new StopMarks(canvas.cy);
  const traceStops = new TraceStops(el('ws-trace-stops'), {
    focusAccount: (account) => {
      const node = canvas.cy.$id(`BankAccount:${account}`);
      if (node.empty()) return;
      canvas.cy.$(':selected').unselect();
      node.select();
      canvas.cy.center(node);
    },
    stopsRead: () => void marks?.refresh(true),
  });
  const ws: WorkspaceContext = {
    canvas,
    busy: makeBusy(say),
    say,
    expand: (nodeId) => {
      void openExpand(ws, nodeId);
    },
    traceStops: (trace) => (trace ? traceStops.show(trace) : traceStops.hide()),
  };
  workspace = ws;
  window.ringtraceWorkspace = ws;
  el('ws-renderer').textContent = `Renderer: ${canvas.renderer === 'webgl' ? 'WebGL' : 'canvas'}.`;
  wire(ws);
  refresh();
  void listSaved(ws);
}

/**
 * Opens entities given by type and id (an alert's subject and evidence): adds them to the canvas
 * beside what is there, links the identities among them by the shortest paths between them (the
 * path finder, one path a pair), selects the first and fits the view to them.
 */
export async function openEntities(refs: EntityRef[]): Promise<void> {
  mountWorkspace();
  const ws = workspace;
  if (!ws || refs.length === 0) return;
  ws.canvas.cy.resize();
  const elements = { nodes: refs.map(refNode), edges: [] };
  ws.canvas.add(elements);
  const linkable = refs.filter((ref) => EXPANDABLE.has(ref.type)).slice(0, 5);
  if (linkable.length >= 2) {
    const query = new URLSearchParams({
      entities: linkable.map((ref) => `${ref.type}:${ref.id}`).join(','),
      k: '1',
      maxHops: '3',
    });
    const answer = await ws.busy('Linking the evidence…', () =>
      api<PathsAnswer>('GET', `/paths?${query.toString()}`),
    );
    if (answer)
      ws.canvas.add(pathElements(answer), { near: refNode(refs[0] as EntityRef).data.id });
  }
  const shown = ws.canvas.cy.collection();
  for (const ref of refs) shown.merge(ws.canvas.cy.$id(refNode(ref).data.id));
  ws.canvas.cy.$(':selected').unselect();
  shown.first().select();
  ws.canvas.cy.fit(shown, 60);
  ws.say(`${refs.length} from the alert on the canvas.`);
}

export function unmountWorkspace(): void {
  el('workspace-panel').hidden = true;
  workspace?.traceStops?.(null);
  workspace?.canvas.clear();
}
