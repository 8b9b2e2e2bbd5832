/**
 * The CSV files handed to `neo4j-admin database import full`: one per node label and one per
 * relationship type and end labels, each with its header line. Strings are always quoted (RFC
 * 4180, quotes doubled); a missing value is an empty unquoted field, which the import tool leaves
 * out, as Cypher does with a null property.
 */
import { createReadStream, createWriteStream, renameSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { LineWriter } from './lines';

export type Cell = string | number | boolean | null | undefined;

export interface TableSpec {
  readonly kind: 'nodes' | 'relationships';
  /** The label (nodes) or type (relationships) given to the import tool; none: a :LABEL column. */
  readonly name?: string;
  readonly header: readonly string[];
  /** The first column is the record's sequence number (`:IGNORE`d), for dropping duplicates. */
  readonly perRecord: boolean;
}

const LINE_BREAK = /[\r\n]/;

export class CsvTable {
  readonly #writer: LineWriter;
  rows = 0;

  constructor(
    readonly file: string,
    readonly spec: TableSpec,
    private readonly tables: CsvTables,
  ) {
    this.#writer = new LineWriter(createWriteStream(file));
    this.#writer.push(`${spec.header.join(',')}\n`);
  }

  push(cells: readonly Cell[]): void {
    let line = '';
    for (let index = 0; index < cells.length; index += 1) {
      const cell = cells[index];
      if (index > 0) line += ',';
      if (cell === null || cell === undefined) continue;
      if (typeof cell === 'string') {
        if (LINE_BREAK.test(cell)) this.tables.multiline = true;
        line += `"${cell.includes('"') ? cell.replace(/"/g, '""') : cell}"`;
      } else line += String(cell);
    }
    this.#writer.push(`${line}\n`);
    this.rows += 1;
  }

  ready(): Promise<void> {
    return this.#writer.ready();
  }

  end(): Promise<void> {
    return this.#writer.end();
  }
}

/** All the files of one import, in a folder of their own. */
export class CsvTables {
  readonly #tables = new Map<string, CsvTable>();
  /** Whether any value holds a line break (the import tool must then read multi-line fields). */
  multiline = false;

  constructor(readonly dir: string) {}

  get(key: string, spec: () => TableSpec): CsvTable {
    let table = this.#tables.get(key);
    if (!table) {
      const file = path.join(this.dir, `${key.replace(/[^A-Za-z0-9_-]/g, '_')}.csv`);
      table = new CsvTable(file, spec(), this);
      this.#tables.set(key, table);
    }
    return table;
  }

  all(): CsvTable[] {
    return [...this.#tables.values()];
  }

  async ready(): Promise<void> {
    for (const table of this.#tables.values()) await table.ready();
  }

  async end(): Promise<void> {
    await Promise.all(this.all().map((table) => table.end()));
  }

  /** Rewrites the per-record tables without the rows of these records (duplicates). */
  async dropRecords(sequences: ReadonlySet<number>): Promise<void> {
    if (sequences.size === 0) return;
    for (const table of this.all().filter((candidate) => candidate.spec.perRecord)) {
      const kept = `${table.file}.kept`;
      const writer = new LineWriter(createWriteStream(kept));
      let first = true;
      for await (const line of createInterface({
        input: createReadStream(table.file),
        crlfDelay: Infinity,
      })) {
        if (first || !sequences.has(Number(line.slice(0, line.indexOf(','))))) {
          writer.push(`${line}\n`);
        } else table.rows -= 1;
        first = false;
        await writer.ready();
      }
      await writer.end();
      renameSync(kept, table.file);
    }
  }

  /** The import tool's `--nodes` and `--relationships` arguments. */
  importArguments(): string[] {
    return this.all()
      .filter((table) => table.rows > 0)
      .map(
        (table) =>
          `--${table.spec.kind}=${table.spec.name ? `${table.spec.name}=` : ''}${table.file}`,
      );
  }
}
