/**
 * How the canvas reads at a glance: a shape per entity type, a colour per ring, size by score,
 * role badges, flagged and frozen states, edge width by amount or call count, labels that stay
 * readable zoomed out, and the legend that explains it. Styling is keyed by data and classes;
 * `decorateNode` / `decorateEdge` add the derived display fields (pure).
 */
import { NODES, type CanvasLabel } from '../../../server/contract/graph';
import { heldLine, holdingMark, LABEL_DEFAULTS, labelSize, shortLabel } from './labels';
import type { EdgeData, NodeData } from './model';
import { roleColor } from './roles';

/** How one kind of node is drawn. */
export interface NodeStyle {
  shape: string;
  color: string;
  /** A character standing for the shape in the legend. */
  glyph: string;
}

export interface TypeLook extends NodeStyle {
  /** What the kind is called (the graph model's name). */
  name: string;
}

/** One style per kind of node the canvas can show, in legend order. */
export const NODE_STYLES: Record<CanvasLabel, NodeStyle> = {
  Person: { shape: 'ellipse', color: '#5b8def', glyph: '●' },
  PhoneNumber: { shape: 'diamond', color: '#1aa39a', glyph: '◆' },
  SIM: { shape: 'tag', color: '#7fb800', glyph: '▶' },
  Device: { shape: 'round-rectangle', color: '#8c6bb1', glyph: '■' },
  BankAccount: { shape: 'hexagon', color: '#e08e0b', glyph: '⬢' },
  PlatformAccount: { shape: 'pentagon', color: '#d45087', glyph: '⬟' },
  IPAddress: { shape: 'octagon', color: '#7a7a7a', glyph: '⯃' },
  Case: { shape: 'star', color: '#c0392b', glyph: '★' },
  Station: { shape: 'barrel', color: '#34495e', glyph: '▮' },
  Transfer: { shape: 'round-triangle', color: '#f0b45a', glyph: '▲' },
  Call: { shape: 'triangle', color: '#6cc5bd', glyph: '△' },
  Sighting: { shape: 'vee', color: '#a4c96a', glyph: '⌄' },
  Login: { shape: 'vee', color: '#e99bbd', glyph: '⌄' },
  Message: { shape: 'rhomboid', color: '#e99bbd', glyph: '▱' },
  Ring: { shape: 'round-rectangle', color: '#444444', glyph: '▢' },
};

/** One look per kind of node: its style and its name. */
export const TYPE_LOOK = Object.fromEntries(
  Object.entries(NODE_STYLES).map(([type, style]) => [
    type,
    { ...style, name: NODES[type as CanvasLabel].name },
  ]),
) as Record<CanvasLabel, TypeLook>;

const UNKNOWN_LOOK: TypeLook = { shape: 'ellipse', color: '#999999', glyph: '○', name: 'Other' };

export function typeLook(type: string): TypeLook {
  return (TYPE_LOOK as Partial<Record<string, TypeLook>>)[type] ?? UNKNOWN_LOOK;
}

/** Distinct colours for rings (Tableau 10 without its greys). */
export const RING_PALETTE = [
  '#e15759',
  '#4e79a7',
  '#59a14f',
  '#b07aa1',
  '#f28e2b',
  '#76b7b2',
  '#edc948',
  '#ff9da7',
  '#9c755f',
];

/** A ring's colour: stable for the ring id. */
export function ringColor(ringId: string): string {
  let hash = 0;
  for (const char of ringId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return RING_PALETTE[hash % RING_PALETTE.length] ?? '#e15759';
}

/** Badges drawn before a member's label. */
export const ROLE_BADGE: Record<string, string> = {
  ringleader: '♛',
  key_member: '◈',
  organiser: '◈',
  caller: '☎',
  // Not a flag: ⚑ was read as ⚠ (flagged).
  mule_herder: '⇶',
  mule: '⇄',
  cash_out: '¤',
};

/** Badges of an account's open stop-payment request: asked of the bank, held, frozen. */
export const STOP_BADGE: Record<NonNullable<NodeData['stop']>, string> = {
  requested: '✉',
  held: '⊘',
  frozen: '❄',
};

/** Node size from score (0..1): 24 px to 64 px; unscored nodes 28 px. */
export function nodeSize(score: number | undefined): number {
  if (score === undefined || !Number.isFinite(score)) return 28;
  return Math.round(24 + 40 * Math.min(1, Math.max(0, score)));
}

/** Edge width from amount (log of major units) or call count: 1 to 12 px. */
export function edgeWidth(edge: Pick<EdgeData, 'amountMinor' | 'tracedMinor' | 'count'>): number {
  const amount = edge.tracedMinor ?? edge.amountMinor;
  if (amount !== undefined && amount > 0) {
    return Math.min(12, Math.max(1, Math.round(Math.log10(1 + amount / 100) * 2 * 10) / 10));
  }
  if (edge.count !== undefined && edge.count > 0) {
    return Math.min(12, Math.round((1 + Math.log2(edge.count)) * 10) / 10);
  }
  return 1;
}

export interface NodeDisplay {
  color: string;
  size: number;
  display: string;
  /** Label size by rank (`labels.ts`): lower-ranked labels are dropped first when zoomed out. */
  fs: number;
  /** A holding account's mark, graded by the share of the traced money it holds. */
  holdWidth?: number;
  holdColor?: string;
}

/**
 * Display fields of a node: fill colour (in a ring view its role's, else its ring's, else its
 * type's), size, label size, and the label: badges, its short form (`labels.ts`) and, for an
 * account holding traced money, the money it holds on a second line.
 */
export function decorateNode(data: NodeData): NodeDisplay {
  const badge = data.role ? ROLE_BADGE[data.role] : undefined;
  const marks = [
    badge,
    data.stop ? STOP_BADGE[data.stop] : undefined,
    data.frozen && data.stop !== 'frozen' ? '❄' : undefined,
    data.flagged ? '⚠' : undefined,
  ].filter(Boolean);
  const name = shortLabel(data);
  const label = data.collapsed
    ? `${name} · ${data.memberCount ?? 0} members`
    : data.stopLeft
      ? `${name} · ${data.stopLeft}`
      : name;
  const held = heldLine(data);
  const display = marks.length ? `${marks.join('')} ${label}` : label;
  const mark = data.heldMinor
    ? holdingMark(data.heldMinor, data.heldMinor / (data.heldShare ?? 1))
    : null;
  return {
    color:
      data.role && data.parent && data.type !== 'Ring'
        ? roleColor(data.role)
        : data.ring && data.type !== 'Ring'
          ? ringColor(data.ring)
          : typeLook(data.type).color,
    size: data.type === 'Ring' ? 60 : nodeSize(data.score),
    display: held ? `${display}\n${held}` : display,
    fs: labelSize(data),
    ...(mark ? { holdWidth: mark.width, holdColor: mark.color } : {}),
  };
}

export function decorateEdge(data: EdgeData): { w: number } {
  return { w: edgeWidth(data) };
}

type StyleBlock = { selector: string; style: Record<string, string | number> };

/** The canvas stylesheet. Font sizes and `min-zoomed-font-size` keep labels legible zoomed out. */
export function stylesheet(): StyleBlock[] {
  const shapes = Object.entries(TYPE_LOOK).map(([type, look]) => ({
    selector: `node[type = "${type}"]`,
    style: { shape: look.shape },
  }));
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(color)',
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(display)',
        // Sized by rank: zoomed out, the lower-ranked labels go first (none drawn as a blur).
        'font-size': 'data(fs)',
        'min-zoomed-font-size': LABEL_DEFAULTS.minOnScreen,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        // Lines break between words only: a number is never cut.
        'text-wrap': 'wrap',
        'text-overflow-wrap': 'whitespace',
        'text-max-width': '170px',
        color: '#1d2330',
        'text-outline-color': '#ffffff',
        'text-outline-width': 2,
        'border-width': 1,
        'border-color': '#ffffff',
      },
    },
    ...shapes,
    {
      selector: 'node:parent',
      style: {
        'background-opacity': 0.06,
        'background-color': 'data(color)',
        'border-color': 'data(color)',
        'border-width': 2,
        'text-valign': 'top',
        'font-size': 13,
        'font-weight': 'bold',
        padding: '18px',
        shape: 'round-rectangle',
      },
    },
    {
      selector: 'node.collapsed',
      style: { 'border-width': 4, 'border-color': '#444444', 'background-opacity': 0.85 },
    },
    {
      selector: 'node[role = "ringleader"]',
      style: { 'border-width': 5, 'border-color': '#f1c40f', 'border-style': 'double' },
    },
    {
      selector: 'node[role = "key_member"], node[role = "organiser"]',
      style: { 'border-width': 3, 'border-color': '#2c3e50' },
    },
    {
      selector: 'node[role = "mule"], node[role = "cash_out"]',
      style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': '#2c3e50' },
    },
    { selector: 'node[?flagged]', style: { 'border-width': 4, 'border-color': '#d62728' } },
    {
      selector: 'node[?frozen]',
      style: { 'background-opacity': 0.45, 'border-color': '#1f77b4', 'border-width': 3 },
    },
    {
      // Graded by the share of the traced money it holds (`labels.ts` `holdingMark`).
      selector: 'node.holding[holdWidth]',
      style: {
        'border-width': 'data(holdWidth)',
        'border-color': 'data(holdColor)',
        'font-weight': 'bold',
        color: '#8a0b12',
      },
    },
    {
      selector: 'node.holding[?heldTiny]',
      style: { 'border-style': 'dotted', 'font-weight': 'normal', color: '#6b5a5a' },
    },
    {
      selector: 'node[stop = "requested"]',
      style: { 'outline-width': 3, 'outline-color': '#d4a72c', 'outline-offset': 3 },
    },
    {
      selector: 'node[stop = "held"], node[stop = "frozen"]',
      style: { 'outline-width': 5, 'outline-color': '#1a7f37', 'outline-offset': 3 },
    },
    { selector: 'node[stop = "frozen"]', style: { 'background-opacity': 0.55 } },
    {
      selector: 'node[stopLeft]',
      style: { 'outline-color': '#cf222e', color: '#a40e26', 'font-weight': 'bold' },
    },
    { selector: 'node.victim-account', style: { 'border-width': 4, 'border-color': '#2ca02c' } },
    {
      selector: 'node.origin',
      style: { 'border-width': 5, 'border-color': '#ff7f0e', 'font-weight': 'bold' },
    },
    { selector: 'node.traced-account', style: { 'border-width': 4, 'border-color': '#9467bd' } },
    {
      selector: 'node.pinned',
      style: { 'outline-width': 2, 'outline-color': '#555555', 'outline-offset': 2 },
    },
    {
      selector: 'node:selected',
      style: {
        'border-width': 4,
        'border-color': '#1565c0',
        'underlay-color': '#1565c0',
        'underlay-opacity': 0.25,
        'underlay-padding': 6,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(w)',
        'line-color': '#9aa5b1',
        'target-arrow-color': '#9aa5b1',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'straight',
        opacity: 0.8,
      },
    },
    {
      selector: 'edge[type = "TRANSFERRED"], edge[type = "TRANSFER"], edge[type = "SENT"]',
      style: { 'line-color': '#e08e0b', 'target-arrow-color': '#e08e0b' },
    },
    {
      selector: 'edge[type = "CALLED"], edge[type = "MADE"]',
      style: { 'line-color': '#1aa39a', 'target-arrow-color': '#1aa39a' },
    },
    {
      selector: 'edge[label]',
      style: {
        label: 'data(label)',
        'font-size': 10,
        'min-zoomed-font-size': 8,
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
        color: '#3b2f12',
      },
    },
    // A flow's amounts stay readable when the flow is fitted to the screen.
    { selector: 'edge.flow', style: { 'curve-style': 'bezier', 'font-size': 14 } },
    // In a ring view, links inside a role drawn firmer than links between roles.
    { selector: 'edge.same-role', style: { opacity: 0.75 } },
    { selector: 'edge.cross-role', style: { opacity: 0.14, width: 1 } },
    { selector: 'edge.path', style: { 'line-color': '#1565c0', 'target-arrow-color': '#1565c0' } },
    { selector: 'edge.meta', style: { 'line-style': 'dashed' } },
    {
      selector: 'edge:selected',
      style: { 'line-color': '#1565c0', 'target-arrow-color': '#1565c0', opacity: 1 },
    },
    { selector: '.faded', style: { opacity: 0.15 } },
  ];
}

/** The legend's line for each role badge (every glyph of `ROLE_BADGE`, once). */
const ROLE_LEGEND: readonly { glyph: string; label: string; role: string }[] = [
  {
    glyph: ROLE_BADGE.ringleader ?? '',
    label: 'Ringleader (gold double border)',
    role: 'ringleader',
  },
  { glyph: ROLE_BADGE.key_member ?? '', label: 'Key member or organiser', role: 'organiser' },
  { glyph: ROLE_BADGE.caller ?? '', label: 'Caller', role: 'caller' },
  { glyph: ROLE_BADGE.mule_herder ?? '', label: 'Mule herder', role: 'mule_herder' },
  { glyph: ROLE_BADGE.mule ?? '', label: 'Mule (dashed border)', role: 'mule' },
  { glyph: ROLE_BADGE.cash_out ?? '', label: 'Cash-out', role: 'cash_out' },
];

export interface LegendEntry {
  glyph: string;
  color: string;
  label: string;
}

/** The legend: node kinds shown, then the meaning of badges, borders and widths. */
export function legendEntries(typesShown: Iterable<string>): LegendEntry[] {
  const shown = new Set(typesShown);
  const kinds = Object.entries(TYPE_LOOK)
    .filter(([type]) => shown.has(type))
    .map(([, look]) => ({ glyph: look.glyph, color: look.color, label: look.name }));
  return [
    ...kinds,
    // In a ring view a member's fill is its role's colour (`roles.ts`), the badge's colour here.
    ...ROLE_LEGEND.map(({ glyph, label, role }) => ({ glyph, color: roleColor(role), label })),
    { glyph: '⚠', color: '#d62728', label: 'Flagged' },
    { glyph: '❄', color: '#1f77b4', label: 'Frozen' },
    {
      glyph: '⬢',
      color: '#a50f15',
      label: 'Still holds traced money (freezable): border as thick and deep as its share',
    },
    { glyph: '⬢', color: '#e8a5a5', label: 'Holds a tiny part (dotted border)' },
    { glyph: STOP_BADGE.held, color: '#1a7f37', label: 'Held by its bank (green ring); ❄ frozen' },
    { glyph: STOP_BADGE.requested, color: '#d4a72c', label: 'Stop asked, bank not answered yet' },
    { glyph: STOP_BADGE.held, color: '#cf222e', label: 'Hold ending soon (red ring, time left)' },
    { glyph: '⬢', color: '#ff7f0e', label: 'Traced money came from here (backward trace)' },
    { glyph: '⬢', color: '#9467bd', label: 'Account traced back from' },
    { glyph: '━', color: '#e08e0b', label: 'Money: width by amount' },
    { glyph: '━', color: '#1aa39a', label: 'Calls: width by count' },
    { glyph: '■', color: RING_PALETTE[0] ?? '', label: 'Fill colour: ring' },
  ];
}
