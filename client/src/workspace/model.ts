/**
 * The workspace's own element model: what a node and a link on the canvas carry. Elements are
 * plain data (Cytoscape element definitions), keyed by domain ids, never by database ids.
 */

/** A node: an entity, an event, or a ring shown as one node. Its id is the key `Type:id`. */
export interface NodeData {
  id: string;
  type: string;
  /** The domain id (without the type). */
  entityId: string;
  label: string;
  /** 0..1 from ring analysis; decides the node's size. */
  score?: number;
  ring?: string;
  role?: string;
  reasons?: string[];
  flagged?: boolean;
  frozen?: boolean;
  /** An open stop-payment request on this account: asked, held by the bank, or frozen. */
  stop?: 'requested' | 'held' | 'frozen';
  /** When the bank's hold ends unless renewed or frozen (ISO 8601). */
  stopUntil?: string;
  /** Set while the hold ends soon: the time left in words (`5 h 12 min left`). */
  stopLeft?: string;
  /** Traced money still held here (minor units): what can still be frozen. */
  heldMinor?: number;
  /** An account of a money flow: every one is read, so its label outlasts a plain node's. */
  inFlow?: boolean;
  /** The share (0..1) of the traced amount still held here: grades the freezable mark. */
  heldShare?: number;
  /** So little that it is hardly worth a freeze (`labels.ts` `holdingMark`). */
  heldTiny?: boolean;
  currency?: string;
  /** Time of an event node, or first arrival of traced money. */
  time?: string;
  /** Compound parent (a ring). */
  parent?: string;
  /** A collapsed ring standing for its members. */
  collapsed?: boolean;
  memberCount?: number;
}

/** A link between two nodes. */
export interface EdgeData {
  id: string;
  source: string;
  target: string;
  /** Relationship type: TRANSFERRED, CALLED, SENT, TO, ... */
  type: string;
  amountMinor?: number;
  tracedMinor?: number;
  currency?: string;
  count?: number;
  time?: string;
  first?: string;
  last?: string;
  /** The relationship's properties as the API returned them (provenance, aggregate counts). */
  properties?: Record<string, unknown>;
  /** Human label drawn on the edge (amounts in flows). */
  label?: string;
  weight?: number;
}

export interface NodeDef {
  group: 'nodes';
  data: NodeData;
  classes?: string;
  position?: { x: number; y: number };
}

export interface EdgeDef {
  group: 'edges';
  data: EdgeData;
  classes?: string;
}

export type ElementDef = NodeDef | EdgeDef;

export interface Elements {
  nodes: NodeDef[];
  edges: EdgeDef[];
}

export function entityKey(type: string, id: string): string {
  return `${type}:${id}`;
}

/** `Type:id` -> parts; the id may itself hold colons (`BankAccount:ICBC:6222...`). */
export function parseKey(key: string): { type: string; id: string } {
  const at = key.indexOf(':');
  if (at <= 0) return { type: '', id: key };
  return { type: key.slice(0, at), id: key.slice(at + 1) };
}

/** Money in minor units as text: `12,345.00 CNY`. */
export function formatMoney(minor: number, currency = ''): string {
  const text = (minor / 100).toLocaleString('en', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return currency ? `${text} ${currency}` : text;
}

/** Merges element lists, keeping the first of each id. */
export function mergeElements(...lists: Elements[]): Elements {
  const nodes = new Map<string, NodeDef>();
  const edges = new Map<string, EdgeDef>();
  for (const list of lists) {
    for (const node of list.nodes) if (!nodes.has(node.data.id)) nodes.set(node.data.id, node);
    for (const edge of list.edges) if (!edges.has(edge.data.id)) edges.set(edge.data.id, edge);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** A value as plain text: strings as they are, numbers and booleans printed, objects as JSON. */
export function plainText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return value === null ? '' : JSON.stringify(value);
    default:
      return '';
  }
}
