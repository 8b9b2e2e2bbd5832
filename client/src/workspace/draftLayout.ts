/**
 * The force layout's draft for large views, computed on plain arrays (pure, deterministic).
 *
 * fcose's draft quality is a spectral layout (pivot MDS: graph distances from a sample of pivot
 * nodes, reduced to two dimensions). Measured in the browser at 5,000 nodes, fcose spent most of
 * its time in Cytoscape collection bookkeeping around that step (finding components, neighbour
 * lists), not in the step itself. This module does the same step on typed arrays: per connected
 * component, pivot MDS from up to 50 pivots chosen far apart; then a short force pass that keeps
 * linked nodes near their ideal distance and pushes apart nodes that overlap (neighbours found in
 * a grid, so the pass is linear); then the components packed in rows, largest first. Members of
 * a compound node (a ring) are tied to a hidden centre so that they stay together.
 */

type Point = { x: number; y: number };

export interface DraftOptions {
  /** Wanted length of a link. */
  idealEdgeLength: number;
  /** Smallest distance between two node centres after the force pass. */
  nodeSpacing: number;
  /** Most pivots per component. */
  pivots: number;
  /** Force-pass rounds. */
  rounds: number;
  /** Space between packed components. */
  componentGap: number;
}

export const DRAFT_DEFAULTS: DraftOptions = {
  idealEdgeLength: 90,
  nodeSpacing: 45,
  pivots: 30,
  rounds: 25,
  componentGap: 60,
};

export interface DraftNode {
  id: string;
  /** A compound parent whose members should stay together. */
  parent?: string;
}

export interface DraftEdge {
  source: string;
  target: string;
}

/** Adjacency in compressed rows: the neighbours of `i` are `list[start[i]] .. list[start[i+1]-1]`. */
interface Adjacency {
  start: Int32Array;
  list: Int32Array;
}

function adjacency(count: number, pairs: readonly [number, number][]): Adjacency {
  const degree = new Int32Array(count + 1);
  for (const [a, b] of pairs) {
    degree[a] = (degree[a] ?? 0) + 1;
    degree[b] = (degree[b] ?? 0) + 1;
  }
  const start = new Int32Array(count + 1);
  for (let i = 0; i < count; i += 1) start[i + 1] = (start[i] ?? 0) + (degree[i] ?? 0);
  const fill = start.slice(0, count);
  const list = new Int32Array(start[count] ?? 0);
  for (const [a, b] of pairs) {
    list[fill[a] ?? 0] = b;
    fill[a] = (fill[a] ?? 0) + 1;
    list[fill[b] ?? 0] = a;
    fill[b] = (fill[b] ?? 0) + 1;
  }
  return { start, list };
}

/** Connected components, each a list of node indexes (largest first). */
function components(count: number, adj: Adjacency): Int32Array[] {
  const seen = new Uint8Array(count);
  const queue = new Int32Array(count);
  const found: Int32Array[] = [];
  for (let root = 0; root < count; root += 1) {
    if (seen[root]) continue;
    seen[root] = 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    while (head < tail) {
      const node = queue[head++] ?? 0;
      for (let k = adj.start[node] ?? 0; k < (adj.start[node + 1] ?? 0); k += 1) {
        const next = adj.list[k] ?? 0;
        if (!seen[next]) {
          seen[next] = 1;
          queue[tail++] = next;
        }
      }
    }
    found.push(queue.slice(0, tail));
  }
  return found.sort((a, b) => b.length - a.length);
}

/** Breadth-first hop counts from `from` to every node of its component (others stay -1). */
function hops(from: number, adj: Adjacency, into: Int32Array, queue: Int32Array): void {
  into.fill(-1);
  into[from] = 0;
  let head = 0;
  let tail = 0;
  queue[tail++] = from;
  while (head < tail) {
    const node = queue[head++] ?? 0;
    const next = (into[node] ?? 0) + 1;
    for (let k = adj.start[node] ?? 0; k < (adj.start[node + 1] ?? 0); k += 1) {
      const other = adj.list[k] ?? 0;
      if (into[other] === -1) {
        into[other] = next;
        queue[tail++] = other;
      }
    }
  }
}

/** The dominant eigenvector of the symmetric `size`×`size` matrix `m`, orthogonal to `against`. */
function eigenvector(m: Float64Array, size: number, against?: Float64Array): Float64Array {
  let v = new Float64Array(size);
  for (let i = 0; i < size; i += 1) v[i] = 1 + ((i * 7919) % 13) / 13;
  const orthogonalise = (w: Float64Array) => {
    if (!against) return;
    let dot = 0;
    for (let i = 0; i < size; i += 1) dot += (w[i] ?? 0) * (against[i] ?? 0);
    for (let i = 0; i < size; i += 1) w[i] = (w[i] ?? 0) - dot * (against[i] ?? 0);
  };
  for (let round = 0; round < 200; round += 1) {
    orthogonalise(v);
    const next = new Float64Array(size);
    for (let i = 0; i < size; i += 1) {
      let sum = 0;
      for (let j = 0; j < size; j += 1) sum += (m[i * size + j] ?? 0) * (v[j] ?? 0);
      next[i] = sum;
    }
    orthogonalise(next);
    let norm = 0;
    for (let i = 0; i < size; i += 1) norm += (next[i] ?? 0) ** 2;
    norm = Math.sqrt(norm);
    if (norm < 1e-12) break;
    let change = 0;
    for (let i = 0; i < size; i += 1) {
      const value = (next[i] ?? 0) / norm;
      change += Math.abs(value - (v[i] ?? 0));
      next[i] = value;
    }
    v = next;
    if (change < 1e-7) break;
  }
  return v;
}

/**
 * Pivot MDS of one component (`members`, indexes into the whole graph): writes x, y for them.
 * Coordinates are in hops; the caller scales them.
 */
function pivotMds(
  members: Int32Array,
  adj: Adjacency,
  pivotCount: number,
  x: Float64Array,
  y: Float64Array,
  scratch: { distance: Int32Array; queue: Int32Array },
): void {
  const n = members.length;
  const k = Math.min(pivotCount, n);
  // Distances from each pivot, squared, n × k; pivots chosen far from those before (max-min).
  const d2 = new Float64Array(n * k);
  const nearest = new Float64Array(n).fill(Infinity);
  let pivot = members[0] ?? 0;
  for (let p = 0; p < k; p += 1) {
    hops(pivot, adj, scratch.distance, scratch.queue);
    let far = 0;
    let farthest = -1;
    for (let i = 0; i < n; i += 1) {
      const hop = scratch.distance[members[i] ?? 0] ?? 0;
      d2[i * k + p] = hop * hop;
      if (hop < (nearest[i] ?? 0)) nearest[i] = hop;
      if ((nearest[i] ?? 0) > far) {
        far = nearest[i] ?? 0;
        farthest = i;
      }
    }
    if (farthest < 0) break;
    pivot = members[farthest] ?? 0;
  }
  // Double centring.
  const rowMean = new Float64Array(n);
  const colMean = new Float64Array(k);
  let all = 0;
  for (let i = 0; i < n; i += 1)
    for (let p = 0; p < k; p += 1) {
      const value = d2[i * k + p] ?? 0;
      rowMean[i] = (rowMean[i] ?? 0) + value / k;
      colMean[p] = (colMean[p] ?? 0) + value / n;
      all += value / (n * k);
    }
  for (let i = 0; i < n; i += 1)
    for (let p = 0; p < k; p += 1)
      d2[i * k + p] = -0.5 * ((d2[i * k + p] ?? 0) - (rowMean[i] ?? 0) - (colMean[p] ?? 0) + all);
  // The two leading right singular vectors: eigenvectors of CᵀC (k × k).
  const ctc = new Float64Array(k * k);
  for (let i = 0; i < n; i += 1)
    for (let a = 0; a < k; a += 1) {
      const ca = d2[i * k + a] ?? 0;
      if (ca === 0) continue;
      for (let b = a; b < k; b += 1)
        ctc[a * k + b] = (ctc[a * k + b] ?? 0) + ca * (d2[i * k + b] ?? 0);
    }
  for (let a = 0; a < k; a += 1)
    for (let b = 0; b < a; b += 1) ctc[a * k + b] = ctc[b * k + a] ?? 0;
  const first = eigenvector(ctc, k);
  const second = eigenvector(ctc, k, first);
  for (let i = 0; i < n; i += 1) {
    let px = 0;
    let py = 0;
    for (let p = 0; p < k; p += 1) {
      px += (d2[i * k + p] ?? 0) * (first[p] ?? 0);
      py += (d2[i * k + p] ?? 0) * (second[p] ?? 0);
    }
    const node = members[i] ?? 0;
    x[node] = px;
    y[node] = py;
  }
}

/**
 * A short force pass over one component: links pull towards `ideal`, nodes closer than
 * `spacing` push apart (found through a grid of `spacing` cells), moves capped by a cooling step.
 */
function relax(
  members: Int32Array,
  adj: Adjacency,
  x: Float64Array,
  y: Float64Array,
  options: DraftOptions,
): void {
  const n = members.length;
  if (n < 2) return;
  const ideal = options.idealEdgeLength;
  const spacing = options.nodeSpacing;
  const dx = new Float64Array(x.length);
  const dy = new Float64Array(x.length);
  // A hashed grid of `spacing` cells: bucket heads, and the next node in the same bucket.
  const buckets = 1 << Math.max(4, Math.ceil(Math.log2(n * 2)));
  const head = new Int32Array(buckets);
  const next = new Int32Array(x.length);
  const bucket = (cx: number, cy: number) =>
    (Math.imul(cx, 73_856_093) ^ Math.imul(cy, 19_349_663)) & (buckets - 1);
  for (let round = 0; round < options.rounds; round += 1) {
    const step = ideal * 0.5 * (1 - round / options.rounds) + 1;
    for (let i = 0; i < n; i += 1) {
      const node = members[i] ?? 0;
      dx[node] = 0;
      dy[node] = 0;
    }
    // Links: a spring towards the ideal length.
    for (let i = 0; i < n; i += 1) {
      const a = members[i] ?? 0;
      for (let k = adj.start[a] ?? 0; k < (adj.start[a + 1] ?? 0); k += 1) {
        const b = adj.list[k] ?? 0;
        if (b <= a) continue;
        const ex = (x[b] ?? 0) - (x[a] ?? 0);
        const ey = (y[b] ?? 0) - (y[a] ?? 0);
        const length = Math.hypot(ex, ey) || 0.01;
        const pull = ((length - ideal) / length) * 0.25;
        dx[a] = (dx[a] ?? 0) + ex * pull;
        dy[a] = (dy[a] ?? 0) + ey * pull;
        dx[b] = (dx[b] ?? 0) - ex * pull;
        dy[b] = (dy[b] ?? 0) - ey * pull;
      }
    }
    // Overlaps: nodes within `spacing` push apart.
    head.fill(-1);
    for (let i = 0; i < n; i += 1) {
      const node = members[i] ?? 0;
      const at = bucket(Math.floor((x[node] ?? 0) / spacing), Math.floor((y[node] ?? 0) / spacing));
      next[node] = head[at] ?? -1;
      head[at] = node;
    }
    for (let i = 0; i < n; i += 1) {
      const a = members[i] ?? 0;
      const ax = x[a] ?? 0;
      const ay = y[a] ?? 0;
      const cx = Math.floor(ax / spacing);
      const cy = Math.floor(ay / spacing);
      for (let ox = -1; ox <= 1; ox += 1)
        for (let oy = -1; oy <= 1; oy += 1) {
          for (let b = head[bucket(cx + ox, cy + oy)] ?? -1; b >= 0; b = next[b] ?? -1) {
            if (b <= a) continue;
            let ex = (x[b] ?? 0) - ax;
            let ey = (y[b] ?? 0) - ay;
            let length = Math.hypot(ex, ey);
            if (length >= spacing) continue;
            if (length < 0.01) {
              // Same place: part them in a direction fixed by their indexes.
              const angle = ((a * 31 + b * 17) % 360) * (Math.PI / 180);
              ex = Math.cos(angle);
              ey = Math.sin(angle);
              length = 1;
            }
            const push = ((spacing - length) / length) * 0.5;
            dx[a] = (dx[a] ?? 0) - ex * push;
            dy[a] = (dy[a] ?? 0) - ey * push;
            dx[b] = (dx[b] ?? 0) + ex * push;
            dy[b] = (dy[b] ?? 0) + ey * push;
          }
        }
    }
    for (let i = 0; i < n; i += 1) {
      const node = members[i] ?? 0;
      const mx = dx[node] ?? 0;
      const my = dy[node] ?? 0;
      const length = Math.hypot(mx, my);
      const scale = length > step ? step / length : 1;
      x[node] = (x[node] ?? 0) + mx * scale;
      y[node] = (y[node] ?? 0) + my * scale;
    }
  }
}

/**
 * Positions for `nodes` (the ones to place) linked by `edges`: each component laid out by pivot
 * MDS and a force pass, the components packed in rows, largest first, around (0, 0).
 */
/** The box around some nodes' positions. */
function boundsOf(members: ArrayLike<number>, x: Float64Array, y: Float64Array) {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (let i = 0; i < members.length; i += 1) {
    const a = members[i] ?? 0;
    x1 = Math.min(x1, x[a] ?? 0);
    y1 = Math.min(y1, y[a] ?? 0);
    x2 = Math.max(x2, x[a] ?? 0);
    y2 = Math.max(y2, y[a] ?? 0);
  }
  return { x1, y1, x2, y2 };
}

export function draftLayout(
  nodes: readonly DraftNode[],
  edges: readonly DraftEdge[],
  options: DraftOptions = DRAFT_DEFAULTS,
): Map<string, Point> {
  const index = new Map<string, number>();
  nodes.forEach((node, i) => index.set(node.id, i));
  // Members of a compound are tied to a hidden centre node, one per parent.
  const centres = new Map<string, number>();
  let count = nodes.length;
  const pairs: [number, number][] = [];
  nodes.forEach((node, i) => {
    if (node.parent === undefined) return;
    let centre = centres.get(node.parent);
    if (centre === undefined) {
      centre = count;
      count += 1;
      centres.set(node.parent, centre);
    }
    pairs.push([i, centre]);
  });
  for (const edge of edges) {
    const a = index.get(edge.source);
    const b = index.get(edge.target);
    if (a !== undefined && b !== undefined && a !== b) pairs.push([a, b]);
  }
  const adj = adjacency(count, pairs);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const scratch = { distance: new Int32Array(count), queue: new Int32Array(count) };
  const parts = components(count, adj);
  const boxes: { members: Int32Array; x1: number; y1: number; w: number; h: number }[] = [];
  for (const members of parts) {
    if (members.length === 1) {
      x[members[0] ?? 0] = 0;
      y[members[0] ?? 0] = 0;
    } else {
      pivotMds(members, adj, options.pivots, x, y, scratch);
      // Scale hops so that the links average the ideal length.
      let total = 0;
      let links = 0;
      for (const a of members)
        for (let k = adj.start[a] ?? 0; k < (adj.start[a + 1] ?? 0); k += 1) {
          const b = adj.list[k] ?? 0;
          total += Math.hypot((x[b] ?? 0) - (x[a] ?? 0), (y[b] ?? 0) - (y[a] ?? 0));
          links += 1;
        }
      let scale = total > 0 ? (options.idealEdgeLength * links) / total : 1;
      // Spectral layouts crowd the middle: spread at least to the area the nodes need.
      const { x1, y1, x2, y2 } = boundsOf(members, x, y);
      const need = members.length * (options.nodeSpacing * 1.5) ** 2;
      const long = Math.max(x2 - x1, y2 - y1, 1e-9);
      const have = Math.max((x2 - x1) * (y2 - y1), (long * long) / 10);
      scale = Math.min(Math.max(scale, Math.sqrt(need / have)), scale * 4);
      // Nodes at the same hops from every pivot would coincide: a small spiral parts them.
      for (let i = 0; i < members.length; i += 1) {
        const a = members[i] ?? 0;
        const angle = i * 2.399_963;
        const r = options.nodeSpacing * 0.3 * Math.sqrt((i % 64) / 64);
        x[a] = (x[a] ?? 0) * scale + r * Math.cos(angle);
        y[a] = (y[a] ?? 0) * scale + r * Math.sin(angle);
      }
      relax(members, adj, x, y, options);
    }
    const { x1, y1, x2, y2 } = boundsOf(members, x, y);
    boxes.push({ members, x1, y1, w: x2 - x1, h: y2 - y1 });
  }
  // Rows about as wide as the whole is tall: shelf packing, largest first.
  const gap = options.componentGap;
  const area = boxes.reduce((sum, box) => sum + (box.w + gap) * (box.h + gap), 0);
  const rowWidth = Math.max(Math.sqrt(area) * 1.2, (boxes[0]?.w ?? 0) + gap);
  let cursorX = 0;
  let cursorY = 0;
  let rowHeight = 0;
  const positions = new Map<string, Point>();
  const placed = new Float64Array(count * 2);
  for (const box of boxes) {
    if (cursorX > 0 && cursorX + box.w > rowWidth) {
      cursorX = 0;
      cursorY += rowHeight + gap;
      rowHeight = 0;
    }
    for (const a of box.members) {
      placed[a * 2] = cursorX + (x[a] ?? 0) - box.x1;
      placed[a * 2 + 1] = cursorY + (y[a] ?? 0) - box.y1;
    }
    cursorX += box.w + gap;
    rowHeight = Math.max(rowHeight, box.h);
  }
  const width = rowWidth;
  const height = cursorY + rowHeight;
  nodes.forEach((node, i) => {
    positions.set(node.id, {
      x: (placed[i * 2] ?? 0) - width / 2,
      y: (placed[i * 2 + 1] ?? 0) - height / 2,
    });
  });
  return positions;
}
