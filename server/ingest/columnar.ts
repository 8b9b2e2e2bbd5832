/**
 * Building blocks of the columnar batch plans of the high-volume kinds (transfers, calls; see
 * `kinds/bankTransfers.ts`, `kinds/telecomCdr.ts`): rows become columns (one list per field, far
 * cheaper to send over Bolt than a list of maps), each account, number, SIM and handset is listed
 * once and referred to by position, and the per-pair aggregates are summed here so the database
 * merges each pair once per batch.
 */
import type { PairColumns } from '../db/queries';

/** Distinct values with a position each, in first-seen order. */
export class Index<T> {
  readonly items: T[] = [];
  readonly #positions = new Map<string, number>();

  positionOf(key: string, item: () => T): number {
    let position = this.#positions.get(key);
    if (position === undefined) {
      position = this.items.length;
      this.#positions.set(key, position);
      this.items.push(item());
    }
    return position;
  }
}

/** Per-pair count, sum and first/last time. */
export class PairTotals {
  readonly #pairs = new Map<
    string,
    {
      from: number;
      to: number;
      extra: string;
      count: number;
      total: number;
      first: string;
      last: string;
    }
  >();

  add(from: number, to: number, extra: string, value: number, time: string): void {
    const key = `${from}|${to}|${extra}`;
    const pair = this.#pairs.get(key);
    if (!pair) {
      this.#pairs.set(key, { from, to, extra, count: 1, total: value, first: time, last: time });
      return;
    }
    pair.count += 1;
    pair.total += value;
    if (time < pair.first) pair.first = time;
    if (time > pair.last) pair.last = time;
  }

  columns(): PairColumns {
    const pairs = [...this.#pairs.values()];
    return {
      from: pairs.map((pair) => pair.from),
      to: pairs.map((pair) => pair.to),
      extra: pairs.map((pair) => pair.extra),
      count: pairs.map((pair) => pair.count),
      total: pairs.map((pair) => pair.total),
      first: pairs.map((pair) => pair.first),
      last: pairs.map((pair) => pair.last),
    };
  }
}

/** The named fields of `rows` as one list each. */
export function columnsOf<Row, Field extends keyof Row>(
  rows: readonly Row[],
  fields: readonly Field[],
): { [F in Field]: Row[F][] } {
  const columns = {} as { [F in Field]: Row[F][] };
  for (const field of fields) columns[field] = rows.map((row) => row[field]);
  return columns;
}
