/**
 * The workspace's pure parts: the command history (undo, redo), time-bar binning, filters,
 * placements, looks (with the stylesheet checked by a headless Cytoscape), saved documents.
 */
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { emptyDocument, readDocument } from '../../client/src/workspace/document';
import { filteredOut, filtersActive, noFilters } from '../../client/src/workspace/filters';
import {
  emptyHistory,
  invert,
  record,
  redo,
  undo,
  type Command,
} from '../../client/src/workspace/history';
import {
  fcoseOptions,
  placeAround,
  ringViewPositions,
  timePositions,
} from '../../client/src/workspace/layouts';
import type { EdgeData, NodeData } from '../../client/src/workspace/model';
import {
  decorateEdge,
  decorateNode,
  edgeWidth,
  legendEntries,
  ROLE_BADGE,
  nodeSize,
  ringColor,
  stylesheet,
} from '../../client/src/workspace/style';
import { binRange, binTimes, inTimeRange } from '../../client/src/workspace/timebar';

const node = (id: string, extra: Partial<NodeData> = {}): NodeData => ({
  id,
  type: 'BankAccount',
  entityId: id,
  label: id,
  ...extra,
});
const edge = (
  id: string,
  source: string,
  target: string,
  extra: Partial<EdgeData> = {},
): EdgeData => ({
  id,
  source,
  target,
  type: 'TRANSFERRED',
  ...extra,
});

describe('command history', () => {
  const add: Command = { kind: 'add', elements: { nodes: [], edges: [] } };
  const hide: Command = { kind: 'hide', ids: ['a'] };

  it('undoes with the inverse command and redoes the original', () => {
    let history = record(record(emptyHistory, add), hide);
    const first = undo(history);
    expect(first?.apply).toEqual({ kind: 'show', ids: ['a'] });
    history = first?.history ?? history;
    const second = undo(history);
    expect(second?.apply).toEqual({ kind: 'remove', elements: add.elements });
    history = second?.history ?? history;
    expect(undo(history)).toBeNull();
    const again = redo(history);
    expect(again?.apply).toBe(add);
    expect(again?.history.done).toEqual([add]);
  });

  it('clears redo on a new command and keeps at most the limit', () => {
    const undone = undo(record(emptyHistory, add))?.history ?? emptyHistory;
    expect(record(undone, hide).undone).toEqual([]);
    let history = emptyHistory;
    for (let i = 0; i < 5; i += 1) history = record(history, { kind: 'pin', ids: [String(i)] }, 3);
    expect(history.done.map((command) => (command.kind === 'pin' ? command.ids[0] : ''))).toEqual([
      '2',
      '3',
      '4',
    ]);
  });

  it('inverts moves and pins', () => {
    expect(
      invert({ kind: 'move', moves: [{ id: 'a', from: { x: 0, y: 0 }, to: { x: 5, y: 5 } }] }),
    ).toEqual({
      kind: 'move',
      moves: [{ id: 'a', from: { x: 5, y: 5 }, to: { x: 0, y: 0 } }],
    });
    expect(invert({ kind: 'pin', ids: ['a'] })).toEqual({ kind: 'unpin', ids: ['a'] });
  });
});

describe('time bar', () => {
  it('counts events in equal bins and ignores unparsable times', () => {
    const bins = binTimes(
      ['2026-10-01T00:00:00Z', '2026-10-01T00:30:00Z', '2026-10-01T01:00:00Z', 'nope'],
      2,
    );
    expect(bins?.counts).toEqual([1, 2]);
    expect(bins?.width).toBe(30 * 60_000);
    expect(binTimes([], 4)).toBeNull();
    expect(binTimes(['2026-10-01T00:00:00Z'], 4)?.counts).toEqual([1, 0, 0, 0]);
  });

  it('turns a bin range into times and tests links against it', () => {
    const bins = binTimes(['2026-10-01T00:00:00Z', '2026-10-01T04:00:00Z'], 4);
    if (!bins) throw new Error('no bins');
    const range = binRange(bins, 3, 1);
    expect(new Date(range.from).toISOString()).toBe('2026-10-01T01:00:00.000Z');
    expect(new Date(range.to).toISOString()).toBe('2026-10-01T04:00:00.000Z');
    expect(inTimeRange({ time: '2026-10-01T00:30:00Z' }, range)).toBe(false);
    expect(inTimeRange({ time: '2026-10-01T02:00:00Z' }, range)).toBe(true);
    expect(
      inTimeRange({ first: '2026-09-01T00:00:00Z', last: '2026-10-01T01:30:00Z' }, range),
    ).toBe(true);
    expect(inTimeRange({}, range)).toBe(true);
    expect(inTimeRange({ time: '2020-01-01T00:00:00Z' }, null)).toBe(true);
  });
});

describe('filters', () => {
  const nodes = [
    node('A'),
    node('P', { type: 'Person' }),
    node('R1', { ring: 'r1' }),
    node('R2', { ring: 'r2' }),
    node('T', { type: 'Transfer', time: '2026-01-01T00:00:00Z' }),
  ];
  const edges = [
    edge('e1', 'A', 'P', { type: 'HOLDS' }),
    edge('e2', 'A', 'R1', { time: '2026-10-01T00:00:00Z' }),
    edge('e3', 'R1', 'R2'),
  ];

  it('hides kinds, link types, other rings and links outside the time range', () => {
    expect(filteredOut(nodes, edges, noFilters).size).toBe(0);
    expect(filtersActive(noFilters)).toBe(false);
    expect(
      [...filteredOut(nodes, edges, { ...noFilters, hiddenTypes: ['Person'] })].sort(),
    ).toEqual(['P', 'e1']);
    expect([...filteredOut(nodes, edges, { ...noFilters, hiddenLinkTypes: ['HOLDS'] })]).toEqual([
      'e1',
    ]);
    expect([...filteredOut(nodes, edges, { ...noFilters, rings: ['r1'] })].sort()).toEqual([
      'R2',
      'e3',
    ]);
    const range = {
      from: Date.parse('2026-09-01T00:00:00Z'),
      to: Date.parse('2026-09-30T00:00:00Z'),
    };
    expect([...filteredOut(nodes, edges, { ...noFilters, timeRange: range })].sort()).toEqual([
      'T',
      'e2',
    ]);
  });
});

describe('placements', () => {
  it('places new nodes around their parent without two in one spot', () => {
    const points = placeAround({ x: 100, y: 100 }, 30, 100);
    expect(points).toHaveLength(30);
    expect(new Set(points.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`)).size).toBe(30);
    for (const point of points.slice(0, 12)) {
      expect(Math.hypot(point.x - 100, point.y - 100)).toBeCloseTo(100);
    }
  });

  it('orders nodes left to right by when a timed link first reached them', () => {
    const positions = timePositions(
      [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
      [
        { source: 'a', target: 'c', time: '2026-10-01T02:00:00Z' },
        { source: 'a', target: 'b', time: '2026-10-01T01:00:00Z' },
        { source: 'b', target: 'c', time: '2026-10-01T03:00:00Z' },
      ],
    );
    const x = (id: string) => positions.get(id)?.x ?? NaN;
    expect(x('a')).toBe(0);
    expect(x('d')).toBe(0);
    expect(x('b')).toBeLessThan(x('c'));
    expect(x('c') - x('b')).toBe(220);
  });

  it('puts the ringleader in the middle of its ring and mules outside', () => {
    const positions = ringViewPositions([
      { id: 'boss', ring: 'r', role: 'ringleader' },
      { id: 'k1', ring: 'r', role: 'key_member' },
      { id: 'k2', ring: 'r', role: 'key_member' },
      { id: 'm1', ring: 'r', role: 'mule' },
      { id: 'm2', ring: 'r', role: 'mule' },
      { id: 'm3', ring: 'r', role: 'mule' },
      { id: 'other', ring: 's', role: 'ringleader' },
    ]);
    const distance = (id: string) => {
      const p = positions.get(id);
      const c = positions.get('boss');
      return p && c ? Math.hypot(p.x - c.x, p.y - c.y) : NaN;
    };
    expect(distance('boss')).toBe(0);
    expect(distance('k1')).toBeGreaterThan(0);
    expect(distance('m1')).toBeGreaterThan(distance('k1'));
    expect(distance('other')).toBeGreaterThan(distance('m1'));
  });

  it('uses fcose draft quality for large views', () => {
    expect(fcoseOptions(100).quality).toBe('default');
    expect(fcoseOptions(5_000).quality).toBe('draft');
  });
});

describe('looks', () => {
  it('sizes by score and widens links by amount or count', () => {
    expect(nodeSize(undefined)).toBe(28);
    expect(nodeSize(0)).toBe(24);
    expect(nodeSize(1)).toBe(64);
    expect(nodeSize(7)).toBe(64);
    expect(edgeWidth({})).toBe(1);
    expect(edgeWidth({ amountMinor: 100_000_00 })).toBeGreaterThan(
      edgeWidth({ amountMinor: 100_00 }),
    );
    expect(edgeWidth({ amountMinor: 1e15 })).toBe(12);
    expect(edgeWidth({ count: 64 })).toBe(7);
    expect(decorateEdge({ id: 'e', source: 'a', target: 'b', type: 'CALLED', count: 1 }).w).toBe(1);
  });

  it('colours ring members by ring, badges roles and marks flags', () => {
    expect(ringColor('r7')).toBe(ringColor('r7'));
    const member = decorateNode(
      node('M', { ring: 'r7', role: 'ringleader', score: 0.5, flagged: true }),
    );
    expect(member.color).toBe(ringColor('r7'));
    expect(member.size).toBe(44);
    expect(member.display).toBe('♛⚠ M');
    expect(decorateNode(node('A')).display).toBe('A');
    expect(legendEntries(['BankAccount']).map((entry) => entry.label)).toContain('Bank account');
  });

  it('lists every badge the canvas draws in the legend, none looking like another', () => {
    const legend = legendEntries([]);
    const glyphs = legend.map((entry) => entry.glyph);
    for (const badge of [...Object.values(ROLE_BADGE), '⚠', '❄']) expect(glyphs).toContain(badge);
    expect(legend.find((entry) => entry.glyph === ROLE_BADGE.caller)?.label).toBe('Caller');
    expect(legend.find((entry) => entry.glyph === ROLE_BADGE.mule_herder)?.label).toBe(
      'Mule herder',
    );
    expect(legend.find((entry) => entry.glyph === ROLE_BADGE.cash_out)?.label).toBe('Cash-out');
    // Badges apart from the flag: the mule herder's is not a flag too.
    expect(Object.values(ROLE_BADGE)).not.toContain('⚑');
    expect(Object.values(ROLE_BADGE)).not.toContain('⚠');
  });

  it('gives a stylesheet Cytoscape accepts, with shapes, sizes and readable labels', () => {
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: stylesheet() as unknown as cytoscape.StylesheetJson,
      elements: [
        { data: { id: 'a', type: 'BankAccount', ...decorateNode(node('a', { score: 1 })) } },
        { data: { id: 'p', type: 'Person', ...decorateNode(node('p', { type: 'Person' })) } },
        { data: { id: 'e', source: 'a', target: 'p', type: 'TRANSFERRED', w: 5 } },
      ],
    });
    expect(cy.$id('a').style('shape')).toBe('hexagon');
    expect(cy.$id('p').style('shape')).toBe('ellipse');
    expect(cy.$id('a').style('width')).toBe('64px');
    expect(cy.$id('a').style('min-zoomed-font-size')).toBe('8px');
    expect(cy.$id('e').style('width')).toBe('5px');
    cy.destroy();
  });
});

describe('saved documents', () => {
  it('reads a stored document, tolerating missing parts and dropping broken elements', () => {
    const doc = readDocument({
      nodes: [{ data: { id: 'a' } }, { nope: true }],
      edges: [{ data: { id: 'e', source: 'a', target: 'a' } }, { data: { id: 'x' } }],
      notes: 'hello',
      filters: { hiddenTypes: ['Person', 3], timeRange: { from: 1, to: 2 } },
    });
    expect(doc.nodes).toHaveLength(1);
    expect(doc.edges).toHaveLength(1);
    expect(doc.notes).toBe('hello');
    expect(doc.filters).toEqual({
      hiddenTypes: ['Person'],
      hiddenLinkTypes: [],
      rings: null,
      timeRange: { from: 1, to: 2 },
    });
    expect(readDocument(emptyDocument())).toEqual(emptyDocument());
    expect(() => readDocument({ nodes: 'x' })).toThrow(/cannot be read/);
  });
});
