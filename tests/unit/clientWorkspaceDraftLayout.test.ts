import { describe, expect, it } from 'vitest';
import {
  draftLayout,
  type DraftEdge,
  type DraftNode,
} from '../../client/src/workspace/draftLayout';

/** A ring of `n` nodes with chords, ids prefixed by `prefix`. */
function ring(prefix: string, n: number): { nodes: DraftNode[]; edges: DraftEdge[] } {
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}` }));
  const edges = nodes.flatMap((_, i) => [
    { source: `${prefix}${i}`, target: `${prefix}${(i + 1) % n}` },
    { source: `${prefix}${i}`, target: `${prefix}${(i + 7) % n}` },
  ]);
  return { nodes, edges };
}

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.hypot(a.x - b.x, a.y - b.y);

describe('workspace draft layout', () => {
  it('places every node, the same way each time', () => {
    const { nodes, edges } = ring('a', 300);
    const first = draftLayout(nodes, edges);
    expect(first.size).toBe(300);
    for (const point of first.values()) {
      expect(Number.isFinite(point.x) && Number.isFinite(point.y)).toBe(true);
    }
    expect([...draftLayout(nodes, edges)]).toEqual([...first]);
  });

  it('keeps linked nodes near the ideal length and parts the others', () => {
    const { nodes, edges } = ring('a', 400);
    const at = draftLayout(nodes, edges);
    const lengths = edges.map((edge) => distance(at.get(edge.source)!, at.get(edge.target)!));
    const mean = lengths.reduce((sum, value) => sum + value, 0) / lengths.length;
    expect(mean).toBeGreaterThan(40);
    expect(mean).toBeLessThan(250);
    const points = [...at.values()];
    let overlapping = 0;
    for (let i = 0; i < points.length; i += 1)
      for (let j = i + 1; j < points.length; j += 1)
        if (distance(points[i]!, points[j]!) < 10) overlapping += 1;
    expect(overlapping).toBeLessThan(points.length * 0.02);
  });

  it('packs separate parts apart, and lone nodes too', () => {
    const one = ring('a', 60);
    const two = ring('b', 40);
    const nodes = [...one.nodes, ...two.nodes, { id: 'lone1' }, { id: 'lone2' }];
    const at = draftLayout(nodes, [...one.edges, ...two.edges]);
    const box = (prefix: string) => {
      const points = [...at].filter(([id]) => id.startsWith(prefix)).map(([, point]) => point);
      return {
        x1: Math.min(...points.map((p) => p.x)),
        x2: Math.max(...points.map((p) => p.x)),
        y1: Math.min(...points.map((p) => p.y)),
        y2: Math.max(...points.map((p) => p.y)),
      };
    };
    const a = box('a');
    const b = box('b');
    const apart = a.x2 < b.x1 || b.x2 < a.x1 || a.y2 < b.y1 || b.y2 < a.y1;
    expect(apart).toBe(true);
    expect(distance(at.get('lone1')!, at.get('lone2')!)).toBeGreaterThan(20);
  });

  it('keeps the members of a compound together', () => {
    const { nodes, edges } = ring('a', 200);
    // Ten members spread round the ring, all in one compound.
    const members = new Set(Array.from({ length: 10 }, (_, i) => `a${i * 20}`));
    const withParent = nodes.map((node) =>
      members.has(node.id) ? { ...node, parent: 'ring' } : node,
    );
    const spread = (layout: Map<string, { x: number; y: number }>) => {
      const points = [...members].map((id) => layout.get(id)!);
      const cx = points.reduce((sum, p) => sum + p.x, 0) / points.length;
      const cy = points.reduce((sum, p) => sum + p.y, 0) / points.length;
      return points.reduce((sum, p) => sum + distance(p, { x: cx, y: cy }), 0) / points.length;
    };
    expect(spread(draftLayout(withParent, edges))).toBeLessThan(
      spread(draftLayout(nodes, edges)) * 0.7,
    );
  });

  it('lays out 5,000 nodes and 10,000 links quickly', () => {
    const nodes = Array.from({ length: 5_000 }, (_, i) => ({ id: `n${i}` }));
    const edges = Array.from({ length: 10_000 }, (_, i) => ({
      source: `n${(i * 7_919) % 5_000}`,
      target: `n${(i * 104_729 + 13) % 5_000}`,
    }));
    const start = performance.now();
    expect(draftLayout(nodes, edges).size).toBe(5_000);
    // Generous: well under a second alone; the machine may be busy.
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});
