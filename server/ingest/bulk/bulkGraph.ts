/**
 * Building the import files of a bulk load from normalised records, in bounded memory.
 *
 * Each record is numbered in load order (files in the order given, rows in file order). Event
 * nodes and the relationships each record creates are written straight to their CSV files.
 * Everything that must be grouped goes through an external sort instead: the record ids (to find
 * duplicates: the first record with an id is loaded, later ones are counted as duplicates), the
 * mentions of identities (merged by the rules in `graphModel.ts`), identity links (the first
 * record's source is kept) and aggregates (count, sum, first and last). Only the numbers of
 * duplicate records are held in memory.
 */
import path from 'node:path';
import type { AggregateType, RelWhere } from '../../contract/graph';
import { CsvTables, type Cell, type TableSpec } from './csvTables';
import { ExternalSort } from './externalSort';
import {
  AGGREGATES,
  EVENT_LINKS_WITH_SOURCE,
  EVENTS,
  IDENTITIES,
  headerCell,
  type EventLabel,
  type IdentityLabel,
  type NodeLabel,
} from './graphModel';
import { KEY_SEPARATOR as SEP, decode, encode } from './lines';

type Value = string | number | boolean | null | undefined;

/**
 * An event's properties by name, as `EVENTS[label]` lists them; `sourceId` and `sourceLine` are
 * the record's own, filled in here.
 */
export type EventValues<L extends EventLabel> = {
  readonly [P in Exclude<(typeof EVENTS)[L][number][0], 'sourceId' | 'sourceLine'>]: Cell;
};

/** An identity mention's merged properties by name, as `IDENTITIES[label]` lists them. */
export type IdentityValues<L extends IdentityLabel> = {
  readonly [P in (typeof IDENTITIES)[L][number]['name']]: Value;
};

/** Per file: records loaded and duplicates found once the ids are grouped. */
export interface RecordCounts {
  loaded: number;
  duplicates: number;
}

export class BulkGraph {
  readonly tables: CsvTables;
  readonly #records: ExternalSort;
  readonly #identities: ExternalSort;
  readonly #links: ExternalSort;
  readonly #aggregates: ExternalSort;
  #seq = 0;
  #line = 0;
  #fileIndex = 0;
  #sourceId = '';
  #duplicates = new Set<number>();

  constructor(dir: string) {
    this.tables = new CsvTables(dir);
    const tmp = path.join(dir, 'sort');
    this.#records = new ExternalSort('records', tmp);
    this.#identities = new ExternalSort('identities', tmp);
    this.#links = new ExternalSort('links', tmp);
    this.#aggregates = new ExternalSort('aggregates', tmp);
  }

  /** Starts the records of a file. */
  beginFile(fileIndex: number, sourceId: string): void {
    this.#fileIndex = fileIndex;
    this.#sourceId = sourceId;
  }

  get sourceId(): string {
    return this.#sourceId;
  }

  /** Starts a record (a good row) and names it by its kind's label and id. */
  beginRecord(line: number, label: string, id: string): void {
    this.#seq += 1;
    this.#line = line;
    this.#records.push(`${label}:${encode(id)}\t${this.#seq}\t${this.#fileIndex}`);
  }

  get line(): number {
    return this.#line;
  }

  /** An event node with its properties (see `EventValues`). */
  event<L extends EventLabel>(label: L, id: string, values: EventValues<L>): void {
    const named = values as Readonly<Record<string, Cell>>;
    const cells: Cell[] = [this.#seq, id];
    for (const [name] of EVENTS[label] as readonly (readonly [string, unknown])[]) {
      if (name === 'sourceId') cells.push(this.#sourceId);
      else if (name === 'sourceLine') cells.push(this.#line);
      else cells.push(named[name]);
    }
    this.tables
      .get(label, () => ({
        kind: 'nodes',
        name: label,
        header: [
          'seq:IGNORE',
          `id:ID(${label})`,
          ...EVENTS[label].map(([name, type]) => headerCell(name, type)),
        ],
        perRecord: true,
      }))
      .push(cells);
  }

  /** A relationship the record creates (`CREATE`), with the record's source where the type has it. */
  relationship(
    type: RelWhere<{ kind: 'record' }>,
    from: NodeLabel,
    fromId: string,
    to: NodeLabel,
    toId: string,
  ): void {
    const withSource = EVENT_LINKS_WITH_SOURCE.has(type);
    this.tables
      .get(`${type}-${from}-${to}`, () => ({
        kind: 'relationships',
        name: type,
        header: [
          'seq:IGNORE',
          `:START_ID(${from})`,
          `:END_ID(${to})`,
          ...(withSource ? ['sourceId', 'sourceLine:long'] : []),
        ],
        perRecord: true,
      }))
      .push(
        withSource
          ? [this.#seq, fromId, toId, this.#sourceId, this.#line]
          : [this.#seq, fromId, toId],
      );
  }

  /** A mention of an identity, with its fields (see `IdentityValues`). */
  identity<L extends IdentityLabel>(label: L, id: string, values: IdentityValues<L>): void {
    const named = values as Readonly<Record<string, Value>>;
    let line = `${label}:${encode(id)}\t${this.#seq}`;
    for (const field of IDENTITIES[label] as readonly { name: string }[]) {
      line += `\t${encode(named[field.name])}`;
    }
    this.#identities.push(line);
  }

  /** An identity link (`MERGE ... ON CREATE SET sourceId, sourceLine`). */
  link(
    type: RelWhere<{ kind: 'link' }>,
    from: IdentityLabel,
    fromId: string,
    to: IdentityLabel,
    toId: string,
  ): void {
    this.#links.push(
      `${type}${SEP}${from}:${encode(fromId)}${SEP}${to}:${encode(toId)}\t${this.#seq}\t` +
        `${encode(this.#sourceId)}\t${this.#line}`,
    );
  }

  /** One event's part of an aggregate relationship. */
  aggregate(
    type: AggregateType,
    from: IdentityLabel,
    fromId: string,
    to: IdentityLabel,
    toId: string,
    time: string,
    value = 0,
    extra = '',
  ): void {
    this.#aggregates.push(
      `${type}${SEP}${from}:${encode(fromId)}${SEP}${to}:${encode(toId)}${SEP}${encode(extra)}` +
        `\t${this.#seq}\t${value}\t${time}`,
    );
  }

  /** Waits while any output is behind (call every few hundred records). */
  async ready(): Promise<void> {
    await Promise.all([
      this.tables.ready(),
      this.#records.ready(),
      this.#identities.ready(),
      this.#links.ready(),
      this.#aggregates.ready(),
    ]);
  }

  /** Groups the record ids: finds the duplicates, and counts per file what loads and what not. */
  async countRecords(files: number): Promise<RecordCounts[]> {
    const counts = Array.from({ length: files }, () => ({ loaded: 0, duplicates: 0 }));
    let lastKey = '';
    for await (const line of this.#records.sorted()) {
      const [key = '', seq = '', file = ''] = line.split('\t');
      const count = counts[Number(file)] as RecordCounts;
      if (key === lastKey) {
        this.#duplicates.add(Number(seq));
        count.duplicates += 1;
      } else count.loaded += 1;
      lastKey = key;
    }
    return counts;
  }

  /**
   * After `countRecords`: writes the identity nodes, links and aggregates, closes the files and
   * drops the duplicates' rows from the per-record files.
   */
  async finish(): Promise<void> {
    await Promise.all([this.#writeIdentities(), this.#writeLinks(), this.#writeAggregates()]);
    await this.tables.end();
    await this.tables.dropRecords(this.#duplicates);
  }

  abort(): void {
    for (const sort of [this.#records, this.#identities, this.#links, this.#aggregates]) {
      sort.abort();
    }
  }

  /** Adds a Source node. */
  source(id: string, cells: readonly Cell[], header: readonly string[]): void {
    this.tables
      .get('Source', () => ({
        kind: 'nodes',
        name: 'Source',
        header: ['id:ID(Source)', ...header],
        perRecord: false,
      }))
      .push([id, ...cells]);
  }

  async #writeIdentities(): Promise<void> {
    let key = '';
    let merged: Value[] = [];
    let any = false;
    let pending = 0;
    const flush = () => {
      if (!any) return;
      const colon = key.indexOf(':');
      const label = key.slice(0, colon) as IdentityLabel;
      const fields = IDENTITIES[label];
      const id = decode(key.slice(colon + 1)) ?? '';
      if (label === 'Person') {
        this.tables
          .get('Person', () => personSpec)
          .push([id, merged[0], merged[1] === '1' ? 'Person;Victim' : 'Person']);
      } else {
        this.tables
          .get(label, () => ({
            kind: 'nodes',
            name: label,
            header: [
              `id:ID(${label})`,
              ...fields.map((entry) => headerCell(entry.name, entry.type)),
            ],
            perRecord: false,
          }))
          .push([id, ...merged]);
      }
    };
    for await (const line of this.#identities.sorted()) {
      const parts = line.split('\t');
      if (this.#duplicates.has(Number(parts[1]))) continue;
      const lineKey = parts[0] as string;
      const label = lineKey.slice(0, lineKey.indexOf(':')) as IdentityLabel;
      const fields = IDENTITIES[label];
      if (lineKey !== key || !any) {
        flush();
        key = lineKey;
        any = true;
        merged = fields.map((entry, index) => {
          const value = decode(parts[index + 2] ?? '\\N');
          return entry.rule === 'any' ? (value === 'true' ? '1' : '0') : value;
        });
      } else {
        fields.forEach((entry, index) => {
          const value = decode(parts[index + 2] ?? '\\N');
          if (entry.rule === 'firstSet' && merged[index] === null) merged[index] = value;
          else if (entry.rule === 'lastSet' && value !== null) merged[index] = value;
          else if (entry.rule === 'any' && value === 'true') merged[index] = '1';
        });
      }
      if ((pending += 1) % 512 === 0) await this.tables.ready();
    }
    flush();
  }

  async #writeLinks(): Promise<void> {
    let key = '';
    let pending = 0;
    for await (const line of this.#links.sorted()) {
      const [lineKey = '', seq = '', sourceId = '', sourceLine = ''] = line.split('\t');
      if (lineKey === key || this.#duplicates.has(Number(seq))) continue;
      key = lineKey;
      const [type = '', from, to] = lineKey.split(SEP);
      const start = splitNode(from);
      const end = splitNode(to);
      this.#linkTable(type, start.label, end.label, ['sourceId', 'sourceLine:long']).push([
        start.id,
        end.id,
        decode(sourceId),
        Number(sourceLine),
      ]);
      if ((pending += 1) % 512 === 0) await this.tables.ready();
    }
  }

  /** The import table of one link type between two labels, written once per link. */
  #linkTable(type: string, start: string, end: string, columns: readonly string[]) {
    return this.tables.get(`${type}-${start}-${end}`, () => ({
      kind: 'relationships',
      name: type,
      header: [`:START_ID(${start})`, `:END_ID(${end})`, ...columns],
      perRecord: false,
    }));
  }

  async #writeAggregates(): Promise<void> {
    let key = '';
    let count = 0;
    let total = 0;
    let first = '';
    let last = '';
    let pending = 0;
    const flush = () => {
      if (count === 0) return;
      const [type = '', from, to, extra = ''] = key.split(SEP);
      const start = splitNode(from);
      const end = splitNode(to);
      const shape = AGGREGATES[type] ?? {};
      this.#linkTable(type, start.label, end.label, [
        ...(shape.extra ? [shape.extra] : []),
        'count:long',
        ...(shape.total ? [`${shape.total}:long`] : []),
        'first:datetime',
        'last:datetime',
      ]).push([
        start.id,
        end.id,
        ...(shape.extra ? [decode(extra)] : []),
        count,
        ...(shape.total ? [total] : []),
        first,
        last,
      ]);
    };
    for await (const line of this.#aggregates.sorted()) {
      const [lineKey = '', seq = '', value = '0', time = ''] = line.split('\t');
      if (this.#duplicates.has(Number(seq))) continue;
      if (lineKey !== key) {
        flush();
        key = lineKey;
        count = 0;
        total = 0;
        first = time;
        last = time;
      }
      count += 1;
      total += Number(value);
      if (time < first) first = time;
      if (time > last) last = time;
      if ((pending += 1) % 512 === 0) await this.tables.ready();
    }
    flush();
  }
}

const personSpec: TableSpec = {
  kind: 'nodes',
  header: ['id:ID(Person)', 'name', ':LABEL'],
  perRecord: false,
};

function splitNode(part: string | undefined): { label: string; id: string } {
  const text = part ?? '';
  const colon = text.indexOf(':');
  return { label: text.slice(0, colon), id: decode(text.slice(colon + 1)) ?? '' };
}
