import { describe, expect, it } from 'vitest';
import {
  BESIDE_DEFAULTS,
  pathRows,
  placeBeside,
  ringViewPositions,
  type Box,
} from '../../client/src/workspace/layouts';

type Point = { x: number; y: number };

function boxOf(points: Iterable<Point>): Box {
  const all = [...points];
  return {
    x1: Math.min(...all.map((p) => p.x)),
    y1: Math.min(...all.map((p) => p.y)),
    x2: Math.max(...all.map((p) => p.x)),
    y2: Math.max(...all.map((p) => p.y)),
  };
}

const overlaps = (a: Box, b: Box) => a.x1 <= b.x2 && b.x1 <= a.x2 && a.y1 <= b.y2 && b.y1 <= a.y2;

/** A ring of 239 members in circles by role, as `Show` draws it, centred on the origin. */
const bigRing = ringViewPositions(
  Array.from({ length: 239 }, (_, i) => ({
    id: `m${i}`,
    ring: 'r1',
    role: i === 0 ? 'ringleader' : i < 20 ? 'caller' : 'mule',
  })),
);

describe('workspace placement: new content beside what is on the canvas', () => {
  it('puts a new group clear of what is there, keeping its own arrangement', () => {
    // An expansion around a node near the origin, where the ring view would also start.
    const expansion: Box = { x1: -300, y1: -250, x2: 300, y2: 250 };
    const placed = placeBeside(expansion, bigRing);
    const box = boxOf(placed.values());
    expect(overlaps(box, expansion)).toBe(false);
    const gap = Math.max(box.x1 - expansion.x2, box.y1 - expansion.y2);
    expect(gap).toBeGreaterThanOrEqual(BESIDE_DEFAULTS.gap);
    // Moved as one: every member keeps its offset from the ringleader.
    const leader = placed.get('m0') as Point;
    const before = bigRing.get('m0') as Point;
    for (const [id, point] of bigRing) {
      const after = placed.get(id) as Point;
      expect(after.x - leader.x).toBeCloseTo(point.x - before.x);
      expect(after.y - leader.y).toBeCloseTo(point.y - before.y);
    }
  });

  it('goes right of a tall picture and below a wide one, keeping the picture screen-shaped', () => {
    const flow = new Map<string, Point>([
      ['a', { x: 0, y: 0 }],
      ['b', { x: 220, y: 0 }],
      ['c', { x: 440, y: 80 }],
    ]);
    const tall: Box = { x1: 0, y1: 0, x2: 400, y2: 1200 };
    const right = boxOf(placeBeside(tall, flow).values());
    expect(right.x1).toBe(tall.x2 + BESIDE_DEFAULTS.gap);
    expect(right.y1).toBe(tall.y1);
    const wide: Box = { x1: 0, y1: 0, x2: 3000, y2: 300 };
    const below = boxOf(placeBeside(wide, flow).values());
    expect(below.y1).toBe(wide.y2 + BESIDE_DEFAULTS.gap);
    expect(below.x1).toBe(wide.x1);
  });

  it('leaves a group where it is on an empty canvas', () => {
    expect(placeBeside(null, bigRing)).toEqual(bigRing);
  });

  it('lays paths out one row each, in path order', () => {
    const rows = pathRows(
      [
        ['A', 'X', 'B'],
        ['A', 'Y', 'Z', 'B'],
      ],
      100,
      50,
    );
    expect(rows.get('X')).toEqual({ x: 100, y: 0 });
    expect(rows.get('Y')).toEqual({ x: 100, y: 50 });
    expect(rows.get('Z')).toEqual({ x: 200, y: 50 });
    expect(rows.get('B')).toEqual({ x: 200, y: 0 });
  });
});
