/**
 * `telecom-cdr`: one row a call record of the operator that supplied the file (its SIMs and
 * calling numbers). Written online as columns (`writeCallColumns`), each number, SIM and handset
 * merged once per batch and the per-pair totals summed. Call ids are in the operator's namespace;
 * the operator is shown the calling numbers and SIMs of its own calls (`entityById`), nothing else.
 */
import { queries, type CallPlan } from '../../db/queries';
import { Index, PairTotals, columnsOf } from '../columnar';
import { normaliseImei, normaliseImsi, parseNonNegativeInteger } from '../normalize';
import {
  defineKind,
  instant,
  mapOptional,
  may,
  need,
  phone,
  recordId,
  type BulkPlan,
  type Cells,
  type ParseContext,
} from './define';
import { columnWriter } from './write';

const COLUMNS = {
  record_id: 'required',
  calling_number: 'required',
  called_number: 'required',
  start_time: 'required',
  duration_s: 'required',
  imsi: 'optional',
  imei: 'optional',
  cell_id: 'optional',
} as const;

function parse(row: Cells<typeof COLUMNS>, context: ParseContext) {
  const from = phone(need(row, 'calling_number'), context);
  const to = phone(need(row, 'called_number'), context);
  const start = instant(need(row, 'start_time'), context);
  const device = mapOptional(may(row, 'imei'), normaliseImei);
  const id = recordId(row, 'record_id');
  return {
    id: `${context.organisation}:${id}`,
    recordId: id,
    from: from.id,
    fromRaw: from.raw,
    to: to.id,
    toRaw: to.raw,
    start: start.utc,
    startOffset: start.offset,
    duration: parseNonNegativeInteger(need(row, 'duration_s'), 'duration_s'),
    imsi: mapOptional(may(row, 'imsi'), normaliseImsi),
    imei: device?.imei ?? null,
    tac: device?.tac ?? null,
    cell: may(row, 'cell_id'),
    line: context.line,
  };
}

export type CallRow = ReturnType<typeof parse>;

/** Parameters of `cypher/ingest/writeCallColumns.cypher`, from rows that are all new. */
export function planCalls(rows: readonly CallRow[], sourceId: string): CallPlan {
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
  return {
    sourceId,
    numbers: numbers.items,
    sims: sims.items,
    devices: devices.items,
    cols: {
      ...columnsOf(rows, ['id', 'recordId', 'start', 'startOffset', 'duration', 'cell', 'line']),
      fromIdx,
      toIdx,
      simIdx,
      deviceIdx,
    },
    pairs: called.columns(),
    seen: seenIn.columns(),
  };
}

const bulk: BulkPlan<CallRow> = (graph, row) => {
  graph.event('Call', row.id, {
    recordId: row.recordId,
    start: row.start,
    startOffset: row.startOffset,
    durationSeconds: row.duration,
    cell: row.cell,
  });
  graph.identity('PhoneNumber', row.from, { raw: row.fromRaw });
  graph.identity('PhoneNumber', row.to, { raw: row.toRaw });
  graph.relationship('MADE', 'PhoneNumber', row.from, 'Call', row.id);
  graph.relationship('TO', 'Call', row.id, 'PhoneNumber', row.to);
  graph.aggregate(
    'CALLED',
    'PhoneNumber',
    row.from,
    'PhoneNumber',
    row.to,
    row.start,
    row.duration,
  );
  if (row.imsi !== null) {
    graph.identity('SIM', row.imsi, { iccid: null });
    graph.relationship('VIA_SIM', 'Call', row.id, 'SIM', row.imsi);
  }
  if (row.imei !== null) {
    graph.identity('Device', row.imei, { tac: row.tac });
    graph.relationship('VIA_DEVICE', 'Call', row.id, 'Device', row.imei);
  }
  if (row.imsi !== null && row.imei !== null) {
    graph.aggregate('SEEN_IN', 'SIM', row.imsi, 'Device', row.imei, row.start);
  }
};

export const telecomCdr = defineKind({
  kind: 'telecom-cdr',
  columns: COLUMNS,
  recordLabel: 'Call',
  parse,
  write: columnWriter(queries.existingCalls, queries.writeCallColumns, planCalls),
  bulk,
});
