/**
 * What a kind of partner file is made of: its columns, how one raw row becomes its typed row, how
 * a batch of those rows is written online (`cypher/ingest/`), and what one row puts into the bulk
 * load's graph. Each kind is one file beside this one, built with `defineKind`, so a part left
 * out, or a field renamed in one part and not in another, does not compile. `index.ts` lists them.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { Executor } from '../../db/executor';
import type { BulkGraph } from '../bulk/bulkGraph';
import type { NodeLabel } from '../bulk/graphModel';
import { RowError, normalisePhone, parseInstant, toMinorUnits, type Instant } from '../normalize';

/** A row as read from a file (or produced by a mapping): text by column name. */
export type RawRow = Readonly<Record<string, string | undefined>>;

/** A kind's columns in the order its files list them (docs/data-formats.md). */
export type Columns = Readonly<Record<string, 'required' | 'optional'>>;

/** A row of a file with these columns; any cell may be missing. */
export type Cells<C extends Columns> = { readonly [Name in keyof C & string]?: string };

export interface ParseContext {
  /** Who supplied the file; event ids are namespaced by it where the record id is theirs. */
  readonly organisation: string;
  /**
   * True when the organisation supplies its own records (a partner's upload, or `npm run ingest
   * -- --sector`): every record id is in the organisation's namespace, and a row about another
   * organisation's records (another bank's account, another platform's) is rejected. Absent or
   * false: a police load, whose transfer, login and message ids take the bank or platform named
   * in the row.
   */
  readonly partner?: boolean;
  /** Country for phone numbers written without one. */
  readonly country: CountryCode;
  /** Offset for times written without one; undefined: such times are rejected. */
  readonly defaultOffset: string | undefined;
  /** Round amounts with more decimals than their currency has (a mapping's `roundAmounts`). */
  readonly roundAmounts?: boolean;
  readonly line: number;
}

/** Every normalised row has the id its record is known by (a second row with it is a duplicate). */
export type KeyedRow = { readonly id: string };

/** What writing a batch did: how many rows added a record, and which (null: not known). */
export interface BatchWritten<Row> {
  readonly created: number;
  /** The rows that added a record, or null when the writer cannot tell them apart. */
  readonly fresh: readonly Row[] | null;
}

/**
 * Writes one batch of new-to-this-batch rows from the Source `sourceId`, supplied by
 * `organisation`; resolves with how many added a record (the rest were already in the graph).
 */
export type BatchWriter<Row> = (
  executor: Executor,
  rows: Row[],
  sourceId: string,
  organisation: string,
) => Promise<BatchWritten<Row>>;

/** Puts one row into the bulk load's graph as the online write does; `organisation` supplied it. */
export type BulkPlan<Row> = (graph: BulkGraph, row: Row, organisation: string) => void;

/** One kind of partner file, whole. */
export interface KindDefinition<Row extends KeyedRow, Kind extends string = string> {
  readonly kind: Kind;
  readonly columns: Columns;
  /** The columns a file must have, in column order. */
  readonly required: readonly string[];
  readonly optional: readonly string[];
  /** The label of the node a row becomes, whose id `Row.id` is. */
  readonly recordLabel: NodeLabel;
  /** Normalises one row; throws a `RowError` whose message is the reject reason. */
  readonly parse: (row: RawRow, context: ParseContext) => Row;
  /** The online write of a batch. */
  readonly write: BatchWriter<Row>;
  /** The bulk load's part. */
  readonly bulk: BulkPlan<Row>;
}

/** A kind as `defineKind` returns it, its column names known. */
export type DefinedKind<Row extends KeyedRow, C extends Columns, Kind extends string> = Omit<
  KindDefinition<Row, Kind>,
  'columns' | 'required' | 'optional'
> & {
  readonly columns: C;
  readonly required: readonly (keyof C & string)[];
  readonly optional: readonly (keyof C & string)[];
};

/** A kind from its parts; its required and optional column lists are taken from `columns`. */
export function defineKind<
  const Kind extends string,
  const C extends Columns,
  Row extends KeyedRow,
>(
  parts: Omit<KindDefinition<Row, Kind>, 'columns' | 'required' | 'optional' | 'parse'> & {
    readonly columns: C;
    /** Reads only the kind's own columns. */
    readonly parse: (row: Cells<C>, context: ParseContext) => Row;
  },
): DefinedKind<Row, C, Kind> {
  const names = Object.keys(parts.columns) as (keyof C & string)[];
  return {
    ...parts,
    // Any raw row is a `Cells<C>` (TypeScript cannot see it for a generic C).
    parse: parts.parse as (row: RawRow, context: ParseContext) => Row,
    required: names.filter((name) => parts.columns[name] === 'required'),
    optional: names.filter((name) => parts.columns[name] === 'optional'),
  };
}

/** A cell's trimmed text; a missing or empty one rejects the row. */
export function need<Name extends string>(
  row: { readonly [N in Name]?: string },
  column: NoInfer<Name>,
): string {
  const value = row[column]?.trim();
  if (!value) throw new RowError(`${column} is missing`);
  return value;
}

/** A cell's trimmed text, or null. */
export function may<Name extends string>(
  row: { readonly [N in Name]?: string },
  column: NoInfer<Name>,
): string | null {
  const value = row[column]?.trim();
  return value ? value : null;
}

/** A partner's own record id: required, at most 128 characters. */
export function recordId<Name extends string>(
  row: { readonly [N in Name]?: string },
  column: NoInfer<Name>,
): string {
  const value = need(row, column);
  if (value.length > 128) throw new RowError(`${column} is longer than 128 characters`);
  return value;
}

/**
 * Rejects a row of a partner's own records that is about another organisation's: `owner` is the
 * bank or platform the row's record belongs to, `what` names it for the reason.
 */
export function ownedBy(context: ParseContext, owner: string, what: string): void {
  if (context.partner && owner !== context.organisation) {
    throw new RowError(
      `${what} belongs to ${owner}, not to ${context.organisation}: a partner loads only its own records`,
    );
  }
}

export function mapOptional<T>(value: string | null, map: (text: string) => T): T | null {
  return value === null ? null : map(value);
}

/** A phone number in E.164 (`id`) and as written (`raw`). */
export function phone(raw: string, context: ParseContext): { id: string; raw: string } {
  return { id: normalisePhone(raw, context.country), raw };
}

export function instant(raw: string, context: ParseContext): Instant {
  return parseInstant(raw, context.defaultOffset);
}

/** An amount in `currency`'s minor units, rounded where the mapping says so. */
export function minorUnits(raw: string, currency: string, context: ParseContext): number {
  return toMinorUnits(raw, currency, context.roundAmounts ?? false);
}
