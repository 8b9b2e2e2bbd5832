/**
 * `telecom-sightings`: one row a SIM seen in a handset on the supplying operator's network, with
 * the number it carried where known. Sighting ids are in the operator's namespace; the operator is
 * shown the SIMs and numbers of its own sightings (`entityById`).
 */
import { queries } from '../../db/queries';
import { normaliseIccid, normaliseImei, normaliseImsi } from '../normalize';
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
import { rowWriter } from './write';

const COLUMNS = {
  record_id: 'required',
  imsi: 'required',
  imei: 'required',
  msisdn: 'optional',
  iccid: 'optional',
  seen_at: 'required',
  cell_id: 'optional',
} as const;

function parse(row: Cells<typeof COLUMNS>, context: ParseContext) {
  const device = normaliseImei(need(row, 'imei'));
  const seen = instant(need(row, 'seen_at'), context);
  const msisdn = mapOptional(may(row, 'msisdn'), (text) => phone(text, context));
  const id = recordId(row, 'record_id');
  return {
    id: `${context.organisation}:${id}`,
    recordId: id,
    imsi: normaliseImsi(need(row, 'imsi')),
    imei: device.imei,
    tac: device.tac,
    msisdn: msisdn?.id ?? null,
    msisdnRaw: msisdn?.raw ?? null,
    iccid: mapOptional(may(row, 'iccid'), normaliseIccid),
    seenAt: seen.utc,
    seenOffset: seen.offset,
    cell: may(row, 'cell_id'),
    line: context.line,
  };
}

export type SightingRow = ReturnType<typeof parse>;

const bulk: BulkPlan<SightingRow> = (graph, row) => {
  graph.event('Sighting', row.id, {
    recordId: row.recordId,
    time: row.seenAt,
    timeOffset: row.seenOffset,
    cell: row.cell,
  });
  graph.identity('SIM', row.imsi, { iccid: row.iccid });
  graph.identity('Device', row.imei, { tac: row.tac });
  graph.relationship('SIGHTED', 'SIM', row.imsi, 'Sighting', row.id);
  graph.relationship('IN_DEVICE', 'Sighting', row.id, 'Device', row.imei);
  graph.aggregate('SEEN_IN', 'SIM', row.imsi, 'Device', row.imei, row.seenAt);
  if (row.msisdn !== null) {
    graph.identity('PhoneNumber', row.msisdn, { raw: row.msisdnRaw });
    graph.relationship('WITH_NUMBER', 'Sighting', row.id, 'PhoneNumber', row.msisdn);
    graph.aggregate('HAS_NUMBER', 'SIM', row.imsi, 'PhoneNumber', row.msisdn, row.seenAt);
  }
};

export const telecomSightings = defineKind({
  kind: 'telecom-sightings',
  columns: COLUMNS,
  recordLabel: 'Sighting',
  parse,
  write: rowWriter(queries.writeSightings),
  bulk,
});
