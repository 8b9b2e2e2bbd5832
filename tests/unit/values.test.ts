import neo4j, {
  Date as Neo4jDate,
  DateTime,
  Duration,
  Node,
  Path,
  PathSegment,
  Relationship,
} from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toNeo4jParams, toPlain } from '../../server/db/values';

describe('toPlain', () => {
  it('turns Integers into numbers, and into strings past 2^53 rather than rounding', () => {
    expect(toPlain(neo4j.int(42))).toBe(42);
    expect(toPlain(neo4j.int('9007199254740993'))).toBe('9007199254740993');
  });

  it('keeps the original offset of a time and writes dates and durations in ISO form', () => {
    const time = new DateTime(2026, 3, 1, 21, 15, 0, 0, 8 * 3600);
    expect(toPlain(time)).toBe('2026-03-01T21:15:00+08:00');
    expect(toPlain(new Neo4jDate(2026, 11, 28))).toBe('2026-11-28');
    expect(toPlain(new Duration(0, 0, 90, 0))).toBe('PT1M30S');
  });

  it('drops internal ids from nodes, relationships and paths', () => {
    const a = new Node(neo4j.int(1), ['BankAccount'], { id: 'A', balance: neo4j.int(500) }, 'e1');
    const b = new Node(neo4j.int(2), ['BankAccount'], { id: 'B' }, 'e2');
    const sent = new Relationship(
      neo4j.int(9),
      neo4j.int(1),
      neo4j.int(2),
      'TRANSFERRED',
      { count: neo4j.int(3) },
      'r9',
      'e1',
      'e2',
    );
    expect(toPlain(a)).toEqual({ labels: ['BankAccount'], properties: { id: 'A', balance: 500 } });
    expect(toPlain(sent)).toEqual({ type: 'TRANSFERRED', properties: { count: 3 } });
    const path = new Path(a, b, [new PathSegment(a, sent, b)]);
    expect(toPlain(path)).toEqual({
      nodes: [toPlain(a), toPlain(b)],
      relationships: [{ type: 'TRANSFERRED', properties: { count: 3 } }],
    });
  });

  it('converts nested lists and maps', () => {
    expect(
      toPlain({ counts: [neo4j.int(1), neo4j.int(2)], inner: { n: neo4j.int(3) }, none: null }),
    ).toEqual({
      counts: [1, 2],
      inner: { n: 3 },
      none: null,
    });
  });
});

describe('toNeo4jParams', () => {
  it('sends the named parameters as Integers and leaves the rest alone', () => {
    const params = toNeo4jParams({ limit: 25, hops: [1, 2], name: 'x', amount: 12.5 }, [
      'limit',
      'hops',
    ]);
    expect(neo4j.isInt(params.limit)).toBe(true);
    expect((params.hops as unknown[]).every((hop) => neo4j.isInt(hop))).toBe(true);
    expect(params.amount).toBe(12.5);
  });

  it('refuses a fraction where an integer is needed', () => {
    expect(() => toNeo4jParams({ limit: 2.5 }, ['limit'])).toThrow(/\$limit must be an integer/);
  });
});
