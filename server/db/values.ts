/**
 * The one place where Neo4j values become plain JavaScript values and back.
 *
 * Out of the database: Integer -> number (a string when beyond 2^53, so nothing is silently
 * rounded); temporal values -> ISO-8601 strings that keep their offset or zone; Duration -> ISO
 * duration; Point -> {srid, x, y, z?}; Node -> {labels, properties}; Relationship -> {type,
 * properties}; Path -> {nodes, relationships}. Internal element ids are dropped on purpose: they
 * are reused after deletion, so Ringtrace keys everything by domain ids.
 *
 * Into the database: parameters named as integers become `neo4j.int`, because JavaScript numbers
 * arrive in Cypher as floats.
 */
import neo4j, {
  isDate,
  isDateTime,
  isDuration,
  isLocalDateTime,
  isLocalTime,
  isNode,
  isPath,
  isPoint,
  isRelationship,
  isTime,
  type Integer,
} from 'neo4j-driver';

export type PlainValue =
  null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };

function integerToPlain(value: Integer): number | string {
  return value.inSafeRange() ? value.toNumber() : value.toString();
}

/** Converts any value read from Neo4j into a plain, JSON-safe value. */
export function toPlain(value: unknown): PlainValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') {
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  }
  if (neo4j.isInt(value)) return integerToPlain(value);
  if (
    isDateTime(value) ||
    isLocalDateTime(value) ||
    isDate(value) ||
    isTime(value) ||
    isLocalTime(value) ||
    isDuration(value)
  ) {
    return value.toString();
  }
  if (isPoint(value)) {
    const point: { [key: string]: PlainValue } = {
      srid: toPlain(value.srid),
      x: value.x,
      y: value.y,
    };
    if (value.z !== undefined) point.z = value.z;
    return point;
  }
  if (isNode(value)) return { labels: [...value.labels], properties: toPlain(value.properties) };
  if (isRelationship(value)) return { type: value.type, properties: toPlain(value.properties) };
  if (isPath(value)) {
    const nodes = [value.start, ...value.segments.map((segment) => segment.end)];
    return {
      nodes: nodes.map(toPlain),
      relationships: value.segments.map((segment) => toPlain(segment.relationship)),
    };
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (typeof value === 'object') {
    const plain: { [key: string]: PlainValue } = {};
    for (const [key, entry] of Object.entries(value)) plain[key] = toPlain(entry);
    return plain;
  }
  throw new TypeError(`Unexpected ${typeof value} value from Neo4j`);
}

/**
 * Prepares query parameters: each named integer parameter becomes a Neo4j Integer (a list of
 * numbers becomes a list of Integers). A non-integer value there is a programming error.
 */
export function toNeo4jParams(
  params: Readonly<Record<string, unknown>>,
  integerParams: readonly string[],
): Record<string, unknown> {
  const prepared: Record<string, unknown> = { ...params };
  for (const name of integerParams) {
    const value = prepared[name];
    if (value === undefined || value === null) continue;
    prepared[name] = Array.isArray(value) ? value.map(toInteger(name)) : toInteger(name)(value);
  }
  return prepared;
}

function toInteger(name: string) {
  return (value: unknown): Integer => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new TypeError(`Parameter $${name} must be an integer, got ${String(value)}`);
    }
    return neo4j.int(value);
  };
}
