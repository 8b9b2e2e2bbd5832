/** What an export takes: the nodes and links of the view, with positions and looks. */
import type { EdgeData, NodeData } from '../model';

export interface SnapshotNode {
  data: NodeData;
  position: { x: number; y: number };
  color: string;
  shape: string;
  size: number;
}

export interface SnapshotEdge {
  data: EdgeData;
  width: number;
}

export interface ViewSnapshot {
  nodes: SnapshotNode[];
  edges: SnapshotEdge[];
}

/** Node attributes written by the data exports, in this order. */
export const NODE_FIELDS = [
  'id',
  'type',
  'entityId',
  'label',
  'score',
  'ring',
  'role',
  'flagged',
  'frozen',
  'heldMinor',
  'currency',
  'time',
] as const;

/** Edge attributes written by the data exports, in this order. */
export const EDGE_FIELDS = [
  'id',
  'source',
  'target',
  'type',
  'amountMinor',
  'tracedMinor',
  'currency',
  'count',
  'time',
  'first',
  'last',
] as const;
