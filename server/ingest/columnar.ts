/**
 * Batch plans for the high-volume kinds (transfers, calls): rows become columns (one list per
 * field, far cheaper to send over Bolt than a list of maps), each account, number, SIM and handset
 * is listed once and referred to by position, and the per-pair aggregates are summed here so the
 * database merges each pair once per batch. Pure functions over rows that are all new.
 */

type Row = Record<string, unknown>;

/** A normalised transfer row (see `kinds.ts`). */
export interface TransferRow extends Row {
  id: string;
  fromId: string;
  fromBank: string;
  fromNumber: string;
  toId: string;
  toBank: string;
  toNumber: string;
  amountMinor: number;
  currency: string;
  time: string;
}

/** A normalised call row (see `kinds.ts`). */
export interface CallRow extends Row {
  id: string;
  from: string;
  fromRaw: string;
  to: string;
  toRaw: string;
  start: string;
  duration: number;
  imsi: string | null;
  imei: string | null;
  tac: string | null;
}

/** Distinct values with a position each, in first-seen order. */
class Index<T> {
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
class PairTotals {
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

  columns(): {
    from: number[];
    to: number[];
    extra: string[];
    count: number[];
    total: number[];
    first: string[];
    last: string[];
  } {
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

function column(rows: readonly Row[], field: string): unknown[] {
  return rows.map((row) => row[field] ?? null);
}

/** Parameters of `cypher/ingest/writeTransferColumns.cypher`. */
export function planTransfers(rows: readonly TransferRow[], sourceId: string) {
  const accounts = new Index<{ id: string; bank: string; number: string }>();
  const pairs = new PairTotals();
  const fromIdx: number[] = [];
  const toIdx: number[] = [];
  for (const row of rows) {
    const from = accounts.positionOf(row.fromId, () => ({
      id: row.fromId,
      bank: row.fromBank,
      number: row.fromNumber,
    }));
    const to = accounts.positionOf(row.toId, () => ({
      id: row.toId,
      bank: row.toBank,
      number: row.toNumber,
    }));
    fromIdx.push(from);
    toIdx.push(to);
    pairs.add(from, to, row.currency, row.amountMinor, row.time);
  }
  const fields = [
    'id',
    'recordId',
    'time',
    'timeOffset',
    'amountMinor',
    'currency',
    'channel',
    'reference',
    'line',
  ];
  return {
    sourceId,
    accounts: accounts.items,
    cols: {
      ...Object.fromEntries(fields.map((field) => [field, column(rows, field)])),
      fromIdx,
      toIdx,
    },
    pairs: pairs.columns(),
  };
}

/** Parameters of `cypher/ingest/writeCallColumns.cypher`. */
export function planCalls(rows: readonly CallRow[], sourceId: string) {
  const numbers = new Index<{ id: string; raw: string }>();
  const sims = new Index<string>();
  const devices = new Index<{ id: string; tac: string | null }>();
  const called = new PairTotals();
  const seenIn = new PairTotals();
  const fromIdx: number[] = [];
  const toIdx: number[] = [];
  const simIdx: number[] = [];
  const deviceIdx: number[] = [];
  for (const row of rows) {
    const from = numbers.positionOf(row.from, () => ({ id: row.from, raw: row.fromRaw }));
    const to = numbers.positionOf(row.to, () => ({ id: row.to, raw: row.toRaw }));
    const imsi = row.imsi;
    const imei = row.imei;
    const sim = imsi ? sims.positionOf(imsi, () => imsi) : -1;
    const device = imei ? devices.positionOf(imei, () => ({ id: imei, tac: row.tac })) : -1;
    fromIdx.push(from);
    toIdx.push(to);
    simIdx.push(sim);
    deviceIdx.push(device);
    called.add(from, to, '', row.duration, row.start);
    if (sim >= 0 && device >= 0) seenIn.add(sim, device, '', 0, row.start);
  }
  const fields = ['id', 'recordId', 'start', 'startOffset', 'duration', 'cell', 'line'];
  return {
    sourceId,
    numbers: numbers.items,
    sims: sims.items,
    devices: devices.items,
    cols: {
      ...Object.fromEntries(fields.map((field) => [field, column(rows, field)])),
      fromIdx,
      toIdx,
      simIdx,
      deviceIdx,
    },
    pairs: called.columns(),
    seen: seenIn.columns(),
  };
}
