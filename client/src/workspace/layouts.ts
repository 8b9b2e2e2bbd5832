/**
 * Layout settings and the pure placements the workspace uses: new elements placed around their
 * parent so the picture does not jump, a new group (a ring, a flow, paths) beside what is on the
 * canvas, a left-to-right placement in time for flows, and a ring view with each ring's members in
 * circles by role.
 */
import { ROLE_LEVEL } from './elements';
import { labelSize } from './labels';
import type { EdgeData, NodeData } from './model';

type Point = { x: number; y: number };

/** fcose settings. */
export const FCOSE_DEFAULTS = {
  name: 'fcose',
  /** 'draft' (spectral only) for large views, 'default' otherwise. */
  quality: 'default',
  /**
   * Above this many nodes the workspace lays out with its own draft (`draftLayout.ts`: the same
   * spectral step on plain arrays, then a short force pass) instead of fcose.
   */
  draftAbove: 800,
  randomize: true,
  animate: false,
  fit: true,
  padding: 30,
  nodeRepulsion: 6500,
  idealEdgeLength: 90,
  /**
   * Would pack disconnected parts, but only with the cytoscape-layout-utilities extension, which
   * the workspace does not load: fcose joins them with hidden links instead.
   */
  packComponents: true,
  numIter: 2500,
} as const;

/**
 * fcose options for a whole view of `nodeCount` nodes: above `draftAbove`, draft quality with a
 * smaller spectral sample and no component packing (parts may overlap; lay out again at default
 * quality after collapsing rings or filtering).
 */
export function fcoseOptions(nodeCount: number): Record<string, unknown> {
  const { draftAbove, ...options } = FCOSE_DEFAULTS;
  if (nodeCount <= draftAbove) return { ...options, quality: 'default' };
  return {
    ...options,
    quality: 'draft',
    packComponents: false,
    uniformNodeDimensions: true,
    sampleSize: 10,
    piTol: 0.001,
  };
}

/** fcose options for placing new elements only: the others stay where they are. */
export function incrementalOptions(fixed: { nodeId: string; position: Point }[]) {
  return {
    ...FCOSE_DEFAULTS,
    quality: 'default',
    randomize: false,
    fit: false,
    numIter: 600,
    fixedNodeConstraint: fixed,
  };
}

/** Concentric by score: high scores in the middle. */
export const CONCENTRIC_DEFAULTS = {
  name: 'concentric',
  animate: false,
  fit: true,
  padding: 30,
  minNodeSpacing: 12,
  /** Each 0.1 of score is one ring. */
  levelWidth: () => 0.1,
} as const;

/**
 * Positions for `count` new nodes around `center`, on rings of growing radius so none overlaps
 * the others of the same batch.
 */
export function placeAround(center: Point, count: number, radius = 120, perRing = 12): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < count; i += 1) {
    const ring = Math.floor(i / perRing);
    const inRing = Math.min(perRing, count - ring * perRing);
    const angle = (2 * Math.PI * (i % perRing)) / inRing + ring * 0.35;
    const r = radius * (1 + ring * 0.6);
    points.push({ x: center.x + r * Math.cos(angle), y: center.y + r * Math.sin(angle) });
  }
  return points;
}

/** A box in model coordinates (Cytoscape's `boundingBox()` has these fields). */
export interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Where a new group goes beside what is on the canvas. */
export const BESIDE_DEFAULTS = {
  /** Room between what is there and the new group's first nodes (their labels fit in it). */
  gap: 200,
  /** The shape (width / height) the whole picture should stay near: a landscape screen. */
  aspect: 1.6,
} as const;

/**
 * Moves a new group of nodes (`group`: their centres), kept in its own arrangement, beside `box`
 * (what is already on the canvas) so nothing overlaps and nothing there moves: to its right, top
 * edges aligned, or below it, left edges aligned, whichever keeps the whole picture nearer the
 * `aspect` of a screen. With no box (an empty canvas) the group stays where it is.
 */
export function placeBeside(
  box: Box | null,
  group: ReadonlyMap<string, Point>,
  options: { gap?: number; aspect?: number } = {},
): Map<string, Point> {
  const { gap, aspect } = { ...BESIDE_DEFAULTS, ...options };
  if (!box || group.size === 0) return new Map(group);
  const points = [...group.values()];
  const gx1 = Math.min(...points.map((p) => p.x));
  const gy1 = Math.min(...points.map((p) => p.y));
  const width = Math.max(...points.map((p) => p.x)) - gx1;
  const height = Math.max(...points.map((p) => p.y)) - gy1;
  const boxWidth = box.x2 - box.x1;
  const boxHeight = box.y2 - box.y1;
  // How far the whole picture's shape is from the screen's, for each side.
  const misfit = (w: number, h: number) =>
    Math.abs(Math.log(Math.max(w, 1) / Math.max(h, 1) / aspect));
  const right = misfit(boxWidth + gap + width, Math.max(boxHeight, height));
  const below = misfit(Math.max(boxWidth, width), boxHeight + gap + height);
  const shift =
    right <= below
      ? { x: box.x2 + gap - gx1, y: box.y1 - gy1 }
      : { x: box.x1 - gx1, y: box.y2 + gap - gy1 };
  return new Map([...group].map(([id, p]) => [id, { x: p.x + shift.x, y: p.y + shift.y }]));
}

/**
 * Paths found between entities, one row each in path order (`paths`: node ids), the rows one
 * under the other; a node on several paths keeps its first place.
 */
export function pathRows(
  paths: readonly (readonly string[])[],
  column = 160,
  row = 110,
): Map<string, Point> {
  const positions = new Map<string, Point>();
  paths.forEach((ids, r) => {
    ids.forEach((id, c) => {
      if (!positions.has(id)) positions.set(id, { x: c * column, y: r * row });
    });
  });
  return positions;
}

/**
 * Left to right in time: each node's column is the rank of the earliest time a link reached it
 * (nodes reached by no timed link first), rows spread evenly within a column.
 */
export function timePositions(
  nodes: readonly Pick<NodeData, 'id' | 'time'>[],
  edges: readonly Pick<EdgeData, 'source' | 'target' | 'time'>[],
  column = 220,
  row = 80,
): Map<string, Point> {
  const reached = new Map<string, string>();
  for (const node of nodes) if (node.time) reached.set(node.id, node.time);
  for (const edge of edges) {
    if (!edge.time) continue;
    const known = reached.get(edge.target);
    if (!known || edge.time < known) reached.set(edge.target, edge.time);
  }
  const times = [...new Set(reached.values())].sort();
  const rank = new Map(times.map((time, index) => [time, index + 1]));
  const columns = new Map<number, string[]>();
  for (const node of nodes) {
    const time = reached.get(node.id);
    const col = time ? (rank.get(time) ?? 0) : 0;
    columns.set(col, [...(columns.get(col) ?? []), node.id]);
  }
  // Dense ranks: squeeze empty columns out.
  const positions = new Map<string, Point>();
  [...columns.keys()]
    .sort((a, b) => a - b)
    .forEach((col, index) => {
      const ids = columns.get(col) ?? [];
      ids.forEach((id, i) => {
        positions.set(id, { x: index * column, y: (i - (ids.length - 1) / 2) * row });
      });
    });
  return positions;
}

/** The ring view's bands. */
export const RING_VIEW_DEFAULTS = {
  /** Room between two members on a circle (model px). */
  spacing: 54,
  /** Room between two circles of one band. */
  circleGap: 50,
  /** Room between two bands (roles), wider than between circles, so the bands read apart. */
  bandGap: 110,
} as const;

/**
 * One ring's members in bands by role (`ROLE_LEVEL`: ringleader at the centre, then organisers,
 * herders, callers, cash-out, mules outermost). A band fills circles from the inside, as many
 * members on each as `spacing` allows, the last spread evenly; the next band starts `bandGap`
 * further out. Returns positions about (0, 0) and the outer radius.
 */
export function roleBands(
  members: readonly Pick<NodeData, 'id' | 'role'>[],
  options: Partial<typeof RING_VIEW_DEFAULTS> = {},
): { positions: Map<string, Point>; radius: number } {
  const { spacing, circleGap, bandGap } = { ...RING_VIEW_DEFAULTS, ...options };
  const levels = new Map<number, string[]>();
  for (const member of members) {
    const level = ROLE_LEVEL[member.role ?? 'member'] ?? 0;
    levels.set(level, [...(levels.get(level) ?? []), member.id]);
  }
  const roleAt = new Map<number, string>();
  for (const member of members)
    roleAt.set(ROLE_LEVEL[member.role ?? 'member'] ?? 0, member.role ?? 'member');
  const roleOf = (level: number) => ({ type: 'Person', role: roleAt.get(level) ?? 'member' });
  const positions = new Map<string, Point>();
  let outer = 0;
  [...levels.keys()]
    .sort((a, b) => b - a)
    .forEach((level, band) => {
      const ids = levels.get(level) ?? [];
      if (band === 0 && ids.length === 1) {
        positions.set(ids[0] ?? '', { x: 0, y: 0 });
        return;
      }
      let radius =
        band === 0
          ? Math.max(bandGap * 0.8, (ids.length * spacing) / (2 * Math.PI))
          : outer + bandGap;
      // Larger labels (the leaders') get more room on their circle.
      const room = (r: number) =>
        Math.max(
          1,
          Math.floor((2 * Math.PI * r) / Math.max(spacing, 4 * labelSize(roleOf(level)))),
        );
      if (band === 0)
        radius = Math.max(radius, (ids.length * 4 * labelSize(roleOf(level))) / (2 * Math.PI));
      let placed = 0;
      for (let circle = 0; placed < ids.length; circle += 1) {
        if (circle > 0) radius += circleGap;
        const count = Math.min(room(radius), ids.length - placed);
        const turn = circle * 0.5 + band * 0.25;
        for (let i = 0; i < count; i += 1) {
          const angle = (2 * Math.PI * (i + turn)) / count - Math.PI / 2;
          positions.set(ids[placed + i] ?? '', {
            x: radius * Math.cos(angle),
            y: radius * Math.sin(angle),
          });
        }
        placed += count;
      }
      outer = radius;
    });
  return { positions, radius: outer };
}

/**
 * The ring view: each ring's members in bands by role (`roleBands`), rings side by side in a
 * grid.
 */
export function ringViewPositions(
  members: readonly Pick<NodeData, 'id' | 'ring' | 'role'>[],
  options: Partial<typeof RING_VIEW_DEFAULTS> = {},
): Map<string, Point> {
  const byRing = new Map<string, Pick<NodeData, 'id' | 'role'>[]>();
  for (const member of members) {
    if (member.ring === undefined) continue;
    byRing.set(member.ring, [...(byRing.get(member.ring) ?? []), member]);
  }
  const positions = new Map<string, Point>();
  const rings = [...byRing.keys()].sort();
  const perRow = Math.max(1, Math.ceil(Math.sqrt(rings.length)));
  const layouts = rings.map((ring) => roleBands(byRing.get(ring) ?? [], options));
  const gap = options.bandGap ?? RING_VIEW_DEFAULTS.bandGap;
  const cellSize = Math.max(0, ...layouts.map((layout) => 2 * layout.radius + 2 * gap));
  layouts.forEach(({ positions: local }, index) => {
    const cx = (index % perRow) * cellSize;
    const cy = Math.floor(index / perRow) * cellSize;
    for (const [id, point] of local) positions.set(id, { x: cx + point.x, y: cy + point.y });
  });
  return positions;
}
