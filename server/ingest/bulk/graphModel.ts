/**
 * The graph the bulk load writes, as the import tool's CSV columns: the same labels, properties
 * and relationships as the online writes in `cypher/ingest/`. Event nodes carry their record's
 * properties; identity nodes are merged from every mention with the rule the online `MERGE` /
 * `SET` follows for each property; aggregate relationships sum their events; identity links keep
 * the source and line of the first record that made them.
 */
import {
  REL_TYPES,
  RELATIONSHIPS,
  type AggregateType,
  type EventLabel,
  type IdentityLabel,
  type InvestigationLabel,
} from '../../contract/graph';

export type ColumnType = 'string' | 'long' | 'datetime';

/** How mentions of one identity combine into a property, as the online writes do. */
export type MergeRule =
  /** `ON CREATE SET`: the first mention's value, even if it has none. */
  | 'first'
  /** `SET x = coalesce(x, value)`: the first value given. */
  | 'firstSet'
  /** `SET x = coalesce(value, x)`: the last value given. */
  | 'lastSet'
  /** A label added by any mention (`SET v:Victim`). */
  | 'any';

export interface IdentityField<Name extends string = string> {
  readonly name: Name;
  readonly type: ColumnType;
  readonly rule: MergeRule;
}

const field = <Name extends string>(
  name: Name,
  rule: MergeRule,
  type: ColumnType = 'string',
): IdentityField<Name> => ({
  name,
  type,
  rule,
});

/** Identity nodes and their merged properties; `Person.victim` becomes the `Victim` label. */
export const IDENTITIES = {
  Person: [field('name', 'first'), field('victim', 'any')],
  PhoneNumber: [field('raw', 'first')],
  SIM: [field('iccid', 'firstSet')],
  Device: [field('tac', 'first')],
  BankAccount: [
    field('bank', 'first'),
    field('number', 'first'),
    field('recordSourceId', 'firstSet'),
    field('recordLine', 'firstSet', 'long'),
    field('openedAt', 'firstSet', 'datetime'),
    field('openedOffset', 'firstSet'),
  ],
  PlatformAccount: [
    field('platform', 'first'),
    field('handle', 'first'),
    field('recordSourceId', 'firstSet'),
    field('recordLine', 'firstSet', 'long'),
    field('displayName', 'lastSet'),
    field('registeredAt', 'firstSet', 'datetime'),
    field('registeredOffset', 'firstSet'),
  ],
  IPAddress: [],
  Station: [field('name', 'lastSet')],
} as const satisfies Record<IdentityLabel, readonly IdentityField[]>;

/** Event nodes: one per record, with these properties after `id`. */
export const EVENTS = {
  Transfer: [
    ['recordId', 'string'],
    ['time', 'datetime'],
    ['timeOffset', 'string'],
    ['amountMinor', 'long'],
    ['currency', 'string'],
    ['channel', 'string'],
    ['reference', 'string'],
    ['sourceId', 'string'],
    ['sourceLine', 'long'],
  ],
  Call: [
    ['recordId', 'string'],
    ['start', 'datetime'],
    ['startOffset', 'string'],
    ['durationSeconds', 'long'],
    ['cell', 'string'],
    ['sourceId', 'string'],
    ['sourceLine', 'long'],
  ],
  Sighting: [
    ['recordId', 'string'],
    ['time', 'datetime'],
    ['timeOffset', 'string'],
    ['cell', 'string'],
    ['sourceId', 'string'],
    ['sourceLine', 'long'],
  ],
  Login: [
    ['recordId', 'string'],
    ['time', 'datetime'],
    ['timeOffset', 'string'],
    ['sourceId', 'string'],
    ['sourceLine', 'long'],
  ],
  Message: [
    ['recordId', 'string'],
    ['time', 'datetime'],
    ['timeOffset', 'string'],
    ['kind', 'string'],
    ['sourceId', 'string'],
    ['sourceLine', 'long'],
  ],
  Case: [
    ['reportedAt', 'datetime'],
    ['reportedOffset', 'string'],
    ['scamType', 'string'],
    ['lossMinor', 'long'],
    ['currency', 'string'],
    ['sourceId', 'string'],
    ['sourceLine', 'long'],
  ],
} as const satisfies Record<EventLabel, readonly (readonly [string, ColumnType])[]>;

export type { IdentityLabel, EventLabel };
/** The labels the bulk load writes: identities and events. */
export type NodeLabel = InvestigationLabel;

/** Relationships created per record that carry the record's source and line. */
export const EVENT_LINKS_WITH_SOURCE: ReadonlySet<string> = new Set(
  REL_TYPES.filter((type) => RELATIONSHIPS[type].kind === 'record' && RELATIONSHIPS[type].sourced),
);

/**
 * Aggregates over events: `count`, `first`, `last`, and where named the sum of the events'
 * value and the property the pair is also keyed by.
 */
export const AGGREGATES: Readonly<Record<string, AggregateShape>> = {
  TRANSFERRED: { total: 'totalMinor', extra: 'currency' },
  CALLED: { total: 'totalSeconds' },
  SEEN_IN: {},
  HAS_NUMBER: {},
  USED_IP: {},
  USED_DEVICE: {},
  MESSAGED: {},
} satisfies Record<AggregateType, AggregateShape>;

interface AggregateShape {
  readonly total?: string;
  readonly extra?: string;
}

/** The `Source` node of a loaded file. */
export const SOURCE_COLUMNS = [
  ['organisation', 'string'],
  ['kind', 'string'],
  ['fileName', 'string'],
  ['firstLoadedAt', 'datetime'],
  ['lastLoadedAt', 'datetime'],
  ['rowsRead', 'long'],
  ['rowsLoaded', 'long'],
  ['rowsRejected', 'long'],
] as const satisfies readonly (readonly [string, ColumnType])[];

/** A CSV header cell for a property of this type. */
export function headerCell(name: string, type: ColumnType): string {
  return type === 'string' ? name : `${name}:${type}`;
}
