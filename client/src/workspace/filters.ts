/**
 * Filters of the view: entity kinds, link types, rings and a time range. Pure: from the
 * elements' data and the filter state, the ids to hide.
 */
import { isRecordEvent } from '../../../server/contract/graph';
import type { EdgeData, NodeData } from './model';
import { inTimeRange } from './timebar';

export interface FilterState {
  /** Node kinds hidden. */
  hiddenTypes: string[];
  /** Link types hidden. */
  hiddenLinkTypes: string[];
  /** When set, only nodes of these rings (and nodes in no ring) are shown. */
  rings: string[] | null;
  /** Epoch milliseconds; links outside are hidden. */
  timeRange: { from: number; to: number } | null;
}

export const noFilters: FilterState = {
  hiddenTypes: [],
  hiddenLinkTypes: [],
  rings: null,
  timeRange: null,
};

/** Ids of nodes and edges the filters hide; an edge goes when either end does. */
export function filteredOut(
  nodes: readonly NodeData[],
  edges: readonly EdgeData[],
  filters: FilterState,
): Set<string> {
  const hidden = new Set<string>();
  const types = new Set(filters.hiddenTypes);
  const rings = filters.rings ? new Set(filters.rings) : null;
  for (const node of nodes) {
    if (types.has(node.type)) hidden.add(node.id);
    else if (rings && node.ring !== undefined && !rings.has(node.ring)) hidden.add(node.id);
  }
  const linkTypes = new Set(filters.hiddenLinkTypes);
  for (const edge of edges) {
    if (
      hidden.has(edge.source) ||
      hidden.has(edge.target) ||
      linkTypes.has(edge.type) ||
      !inTimeRange(edge, filters.timeRange)
    ) {
      hidden.add(edge.id);
    }
  }
  // An event node (a transfer, a call) outside the time range goes too.
  for (const node of nodes) {
    if (node.time && isRecordEvent(node.type)) {
      if (!inTimeRange({ time: node.time }, filters.timeRange)) hidden.add(node.id);
    }
  }
  return hidden;
}

/** Whether any filter is on. */
export function filtersActive(filters: FilterState): boolean {
  return (
    filters.hiddenTypes.length > 0 ||
    filters.hiddenLinkTypes.length > 0 ||
    filters.rings !== null ||
    filters.timeRange !== null
  );
}
