/**
 * Exploring: search and add, guarded expansion (counts first, then the chosen kinds), the
 * details panel, filters, the time bar and the legend.
 */
import type cytoscape from 'cytoscape';
import { ENTITY_TYPES, isRecordEvent } from '../../../server/contract/graph';
import { api } from '../api';
import { el, make, type WorkspaceContext } from './context';
import type {
  EntityView,
  NeighbourCounts,
  NeighbourPage,
  SearchHits,
} from '../../../server/contract';
import { describeLeftOut, expansionChoices, hitNode, neighbourElements } from './elements';
import { filtersActive, noFilters, type FilterState } from './filters';
import { formatMoney, parseKey, type EdgeData, type NodeData } from './model';
import { entityRows, linkRows, type DetailRow } from './details';
import { formatClock, formatDay, formatTime, zoneOffset } from '../time';
import { legendEntries, typeLook } from './style';
import { binRange, binTimes, type Bins } from './timebar';
import { accountStopsSection } from '../freeze/accountStops';

/** Kinds the API can look up and expand. */
export const EXPANDABLE: ReadonlySet<string> = new Set(ENTITY_TYPES);

function entityPath(key: string): string {
  const { type, id } = parseKey(key);
  return `/entities/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
}

export async function runSearch(ws: WorkspaceContext, text: string): Promise<void> {
  const list = el('ws-results');
  if (text.trim().length < 2) {
    ws.say('Type at least 2 characters to search.', 'error');
    return;
  }
  const answer = await ws.busy('Searching…', () =>
    api<SearchHits>('GET', `/search?${new URLSearchParams({ q: text, limit: '20' }).toString()}`),
  );
  if (!answer) return;
  list.replaceChildren(
    ...answer.hits.map((hit) => {
      const item = make('li');
      const add = make('button', 'Add');
      add.type = 'button';
      add.title = `Add ${hit.label} to the canvas`;
      add.addEventListener('click', () => {
        const [id] = ws.canvas.add({ nodes: [hitNode(hit)], edges: [] }, { layout: 'none' });
        const node = ws.canvas.cy.$id(id ?? `${hit.type}:${hit.id}`);
        ws.canvas.cy.$(':selected').unselect();
        node.select();
        ws.canvas.cy.center(node);
      });
      item.append(
        add,
        ' ',
        make('span', `${typeLook(hit.type).glyph} ${hit.label}`),
        make('span', `${typeLook(hit.type).name} — ${hit.summary}`, 'sub'),
      );
      return item;
    }),
  );
  ws.say(answer.hits.length ? `${answer.hits.length} found.` : `Nothing found for “${text}”.`);
}

let expanding: string | null = null;

function checkboxes(
  container: HTMLElement,
  name: string,
  items: { name: string; count: number; checked: boolean }[],
) {
  container.replaceChildren(
    ...items.map((item) => {
      const label = make('label');
      const box = make('input');
      box.type = 'checkbox';
      box.name = name;
      box.value = item.name;
      box.checked = item.checked;
      label.append(box, ` ${item.name} (${item.count.toLocaleString('en')})`);
      return label;
    }),
  );
}

/** Step one of an expansion: the counts, and the dialog to choose kinds. */
export async function openExpand(ws: WorkspaceContext, nodeId: string): Promise<void> {
  const { type } = parseKey(nodeId);
  if (!EXPANDABLE.has(type)) {
    ws.say(
      `${typeLook(type).name}s cannot be expanded; expand the accounts or numbers they link.`,
      'error',
    );
    return;
  }
  const counts = await ws.busy('Counting neighbours…', () =>
    api<NeighbourCounts>('GET', `${entityPath(nodeId)}/neighbours/counts`),
  );
  if (!counts) return;
  if (counts.total === 0) {
    ws.say('No neighbours.');
    return;
  }
  const choices = expansionChoices(counts.counts);
  el('ws-expand-title').textContent =
    `Expand ${ws.canvas.cy.$id(nodeId).data('label') ?? nodeId} — ${counts.total.toLocaleString('en')} links`;
  checkboxes(el('ws-expand-rels'), 'relationship', choices.relationships);
  checkboxes(el('ws-expand-types'), 'type', choices.types);
  expanding = nodeId;
  el('ws-expand').hidden = false;
  el<HTMLButtonElement>('ws-expand-form').querySelector('button')?.focus();
}

function checked(container: HTMLElement): string[] {
  return [...container.querySelectorAll<HTMLInputElement>('input:checked')].map((box) => box.value);
}

/** Step two: the chosen page of neighbours, added around the node. */
export async function runExpand(ws: WorkspaceContext): Promise<void> {
  const nodeId = expanding;
  el('ws-expand').hidden = true;
  if (!nodeId) return;
  expanding = null;
  const relationships = checked(el('ws-expand-rels'));
  const types = checked(el('ws-expand-types'));
  if (relationships.length === 0 || types.length === 0) {
    ws.say('Choose at least one relationship and one kind.', 'error');
    return;
  }
  const query = new URLSearchParams({
    relationships: relationships.join(','),
    types: types.join(','),
    limit: String(
      Math.min(200, Math.max(1, Number(el<HTMLInputElement>('ws-expand-limit').value) || 50)),
    ),
  });
  const page = await ws.busy('Expanding…', () =>
    api<NeighbourPage>('GET', `${entityPath(nodeId)}/neighbours?${query.toString()}`),
  );
  if (!page) return;
  const added = ws.canvas.add(neighbourElements(nodeId, page), { near: nodeId });
  const leftOut = describeLeftOut(page);
  ws.say(`${added.length} added.${leftOut ? ` ${leftOut}` : ''}`, leftOut ? 'error' : 'info');
}

export function closeExpand(): void {
  expanding = null;
  el('ws-expand').hidden = true;
}

function table(rows: [string, string][]): HTMLTableElement {
  const result = make('table');
  for (const [name, value] of rows) {
    const row = make('tr');
    row.append(make('th', name), make('td', value));
    result.append(row);
  }
  return result;
}

const entityCache = new Map<string, EntityView>();

const STOP_WORDS: Record<NonNullable<NodeData['stop']>, string> = {
  requested: 'asked of the bank, not answered yet',
  held: 'held by the bank',
  frozen: 'frozen',
};

function nodeRows(data: NodeData): [string, string][] {
  const rows: [string, string][] = [
    ['Kind', typeLook(data.type).name],
    ['Id', data.entityId],
  ];
  if (data.ring !== undefined) rows.push(['Ring', data.ring]);
  if (data.role) rows.push(['Role', data.role.replace('_', ' ')]);
  if (data.score !== undefined) rows.push(['Score', data.score.toFixed(2)]);
  if (data.heldMinor)
    rows.push(['Still holds (freezable)', formatMoney(data.heldMinor, data.currency ?? '')]);
  if (data.time) rows.push(['Time', formatTime(data.time)]);
  if (data.flagged) rows.push(['Flagged', 'yes']);
  if (data.frozen) rows.push(['Frozen', 'yes']);
  if (data.stop) rows.push(['Stop payment', STOP_WORDS[data.stop]]);
  if (data.stopUntil) rows.push(['Hold until', formatTime(data.stopUntil)]);
  return rows;
}

/** Fills the details panel for the selection. */
export async function showDetails(ws: WorkspaceContext): Promise<void> {
  const panel = el('ws-details');
  const selected = ws.canvas.cy.$(':selected');
  if (selected.length !== 1) {
    panel.replaceChildren(
      make(
        'p',
        selected.length ? `${selected.length} selected.` : 'Select a node or a link.',
        'hint',
      ),
    );
    return;
  }
  const element = selected[0] as cytoscape.SingularElementArgument | undefined;
  if (!element) return;
  if (element.isEdge()) {
    const data = element.data() as EdgeData;
    const rows = linkRows(data, (id) => String(ws.canvas.cy.$id(id).data('label') ?? id));
    panel.replaceChildren(
      table(rows.facts),
      provenanceFold(rows.provenance, 'The source records behind this link.'),
    );
    return;
  }
  const data = element.data() as NodeData;
  const parts: HTMLElement[] = [make('h4', data.label), table(nodeRows(data))];
  if (data.reasons?.length) {
    const reasons = make('ul');
    reasons.append(...data.reasons.map((reason) => make('li', reason)));
    parts.push(make('h4', 'Why (role and ring reasons)'), reasons);
  }
  if (data.type === 'BankAccount') parts.push(accountStopsSection(data.entityId));
  panel.replaceChildren(...parts);
  if (!EXPANDABLE.has(data.type)) return;
  let view = entityCache.get(data.id);
  if (!view) {
    view = await ws.busy('Loading details…', () => api<EntityView>('GET', entityPath(data.id)));
    if (!view) return;
    entityCache.set(data.id, view);
  }
  if (ws.canvas.cy.$(':selected').id() !== data.id) return;
  const rows = entityRows(view);
  panel.querySelector('table')?.after(table(rows.facts));
  panel.append(provenanceFold(rows.provenance, `Recorded as ${view.labels.join(', ')}.`));
}

/** The internal fields (source hashes, line numbers, raw minor units), folded. */
function provenanceFold(rows: DetailRow[], hint: string): HTMLElement {
  const fold = make('details', undefined, 'ws-provenance');
  fold.append(make('summary', 'Provenance'), make('p', hint, 'hint'));
  fold.append(rows.length ? table(rows) : make('p', 'No source fields recorded.', 'hint'));
  return fold;
}

/** The filter panel: checkboxes for the kinds, link types and rings in the view. */
export function renderFilters(ws: WorkspaceContext): void {
  const cy = ws.canvas.cy;
  const filters = ws.canvas.getFilters();
  const types = [...new Set(cy.nodes().map((node) => String(node.data('type'))))]
    .filter((t) => t !== 'Ring')
    .sort();
  const links = [...new Set(cy.edges().map((edge) => String(edge.data('type'))))].sort();
  const rings = [...new Set(cy.nodes().map((node) => node.data('ring') as string | undefined))]
    .filter((ring): ring is string => ring !== undefined)
    .sort();
  const group = (
    title: string,
    values: string[],
    isShown: (value: string) => boolean,
    key: string,
  ) => {
    const fieldset = make('fieldset');
    fieldset.append(make('legend', title));
    for (const value of values) {
      const label = make('label');
      const box = make('input');
      box.type = 'checkbox';
      box.checked = isShown(value);
      box.dataset.filter = key;
      box.value = value;
      label.append(box, ` ${key === 'type' ? typeLook(value).name : value}`);
      fieldset.append(label);
    }
    return fieldset;
  };
  el('ws-filters').replaceChildren(
    group('Kinds', types, (t) => !filters.hiddenTypes.includes(t), 'type'),
    group('Links', links, (l) => !filters.hiddenLinkTypes.includes(l), 'link'),
    ...(rings.length
      ? [group('Rings', rings, (r) => filters.rings === null || filters.rings.includes(r), 'ring')]
      : []),
  );
}

/** Reads the filter checkboxes into a filter state (keeping the time range). */
export function readFilters(current: FilterState): FilterState {
  const boxes = [...document.querySelectorAll<HTMLInputElement>('#ws-filters input[data-filter]')];
  const off = (key: string) =>
    boxes.filter((box) => box.dataset.filter === key && !box.checked).map((box) => box.value);
  const ringBoxes = boxes.filter((box) => box.dataset.filter === 'ring');
  const ringsOn = ringBoxes.filter((box) => box.checked).map((box) => box.value);
  return {
    hiddenTypes: off('type'),
    hiddenLinkTypes: off('link'),
    rings: ringBoxes.length && ringsOn.length < ringBoxes.length ? ringsOn : null,
    timeRange: current.timeRange,
  };
}

let bins: Bins | null = null;

/** The time bar: a histogram of the view's event times, with the chosen range highlighted. */
export function renderTimebar(ws: WorkspaceContext): void {
  const cy = ws.canvas.cy;
  const times: string[] = [];
  cy.edges().forEach((edge) => {
    const time = (edge.data('time') ?? edge.data('first')) as string | undefined;
    if (time) times.push(time);
  });
  cy.nodes().forEach((node) => {
    const type = String(node.data('type'));
    const time = node.data('time') as string | undefined;
    if (time && isRecordEvent(type)) times.push(time);
  });
  bins = binTimes(times, 40);
  const bars = el('ws-timebar-bars');
  const label = el('ws-time-label');
  if (!bins) {
    bars.replaceChildren();
    label.textContent = 'No dated events in view.';
    return;
  }
  const range = ws.canvas.getFilters().timeRange;
  const max = Math.max(...bins.counts, 1);
  const current = bins;
  bars.replaceChildren(
    ...current.counts.map((count, index) => {
      const bar = make('span');
      bar.style.height = `${Math.max(2, Math.round((36 * count) / max))}px`;
      const start = current.start + index * current.width;
      bar.title = `${formatTime(start)}: ${count}`;
      if (range && (start + current.width < range.from || start > range.to)) bar.className = 'out';
      return bar;
    }),
  );
  const from = el<HTMLInputElement>('ws-time-from');
  const to = el<HTMLInputElement>('ws-time-to');
  if (!range) {
    from.value = '0';
    to.value = String(current.counts.length - 1);
  }
  label.textContent = range
    ? `${formatClock(range.from)} – ${formatClock(range.to)} (${zoneOffset(range.to)})`
    : `${formatDay(current.start)} – ${formatDay(current.end)}, all (${zoneOffset(current.end)})`;
}

/** The range inputs moved: filter links and events to that time range. */
export function timeRangeChanged(ws: WorkspaceContext): void {
  if (!bins) return;
  const from = Number(el<HTMLInputElement>('ws-time-from').value);
  const to = Number(el<HTMLInputElement>('ws-time-to').value);
  const all = Math.min(from, to) === 0 && Math.max(from, to) === bins.counts.length - 1;
  ws.canvas.applyFilters({
    ...ws.canvas.getFilters(),
    timeRange: all ? null : binRange(bins, from, to),
  });
  renderTimebar(ws);
}

export function clearFilters(ws: WorkspaceContext): void {
  ws.canvas.applyFilters({ ...noFilters });
  renderFilters(ws);
  renderTimebar(ws);
}

export function renderLegend(ws: WorkspaceContext): void {
  const types = ws.canvas.cy.nodes().map((node) => String(node.data('type')));
  el('ws-legend').replaceChildren(
    ...legendEntries(types).map((entry) => {
      const item = make('li');
      const glyph = make('span', entry.glyph, 'glyph');
      glyph.style.color = entry.color;
      item.append(glyph, entry.label);
      return item;
    }),
  );
  if (filtersActive(ws.canvas.getFilters())) {
    el('ws-legend').append(make('li', 'Filters are on: some elements are not shown.', 'hint'));
  }
}
