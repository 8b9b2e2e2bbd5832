/**
 * A saved investigation: the elements with their positions, what is hidden and pinned, the
 * filters, the viewport and the investigator's notes. Pure conversion and checking; the server
 * stores the document as it is (size-limited).
 */
import type { FilterState } from './filters';
import { noFilters } from './filters';
import type { EdgeDef, NodeDef } from './model';

export const DOCUMENT_VERSION = 1;

export interface WorkspaceDocument {
  version: number;
  nodes: NodeDef[];
  edges: EdgeDef[];
  hidden: string[];
  pinned: string[];
  filters: FilterState;
  notes: string;
  viewport: { zoom: number; pan: { x: number; y: number } } | null;
}

export function emptyDocument(): WorkspaceDocument {
  return {
    version: DOCUMENT_VERSION,
    nodes: [],
    edges: [],
    hidden: [],
    pinned: [],
    filters: { ...noFilters },
    notes: '',
    viewport: null,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a stored document, tolerating missing parts (an older save); throws with a message a
 * user can act on when it is not a workspace at all.
 */
export function readDocument(value: unknown): WorkspaceDocument {
  if (!isObject(value) || !Array.isArray(value.nodes) || !Array.isArray(value.edges)) {
    throw new Error('This saved workspace cannot be read (no nodes and links in it).');
  }
  const base = emptyDocument();
  const strings = (list: unknown) =>
    Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
  const filters = isObject(value.filters) ? value.filters : {};
  const range = filters.timeRange;
  return {
    version: typeof value.version === 'number' ? value.version : DOCUMENT_VERSION,
    nodes: (value.nodes as unknown[]).filter(
      (node): node is NodeDef =>
        isObject(node) && isObject(node.data) && typeof node.data.id === 'string',
    ),
    edges: (value.edges as unknown[]).filter(
      (edge): edge is EdgeDef =>
        isObject(edge) &&
        isObject(edge.data) &&
        typeof edge.data.source === 'string' &&
        typeof edge.data.target === 'string',
    ),
    hidden: strings(value.hidden),
    pinned: strings(value.pinned),
    filters: {
      hiddenTypes: strings(filters.hiddenTypes),
      hiddenLinkTypes: strings(filters.hiddenLinkTypes),
      rings: Array.isArray(filters.rings) ? strings(filters.rings) : null,
      timeRange:
        isObject(range) && typeof range.from === 'number' && typeof range.to === 'number'
          ? { from: range.from, to: range.to }
          : null,
    },
    notes: typeof value.notes === 'string' ? value.notes : base.notes,
    viewport: isObject(value.viewport)
      ? (value.viewport as WorkspaceDocument['viewport'])
      : base.viewport,
  };
}
