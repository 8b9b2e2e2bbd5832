/** `platform-accounts`: one row an account of the supplying platform, as registered. */
import { queries } from '../../db/queries';
import { normaliseImei, normaliseIp, platformAccountId } from '../normalize';
import {
  defineKind,
  instant,
  mapOptional,
  may,
  need,
  ownedBy,
  phone,
  type BulkPlan,
  type Cells,
  type ParseContext,
} from './define';
import { rowWriter } from './write';

const COLUMNS = {
  platform: 'required',
  handle: 'required',
  display_name: 'optional',
  phone: 'optional',
  registered_at: 'optional',
  registration_ip: 'optional',
  registration_imei: 'optional',
} as const;

function parse(row: Cells<typeof COLUMNS>, context: ParseContext) {
  const account = platformAccountId(need(row, 'platform'), need(row, 'handle'));
  ownedBy(context, account.platform, `account ${account.id}`);
  const registered = mapOptional(may(row, 'registered_at'), (text) => instant(text, context));
  const registeredPhone = mapOptional(may(row, 'phone'), (text) => phone(text, context));
  const device = mapOptional(may(row, 'registration_imei'), normaliseImei);
  return {
    ...account,
    displayName: may(row, 'display_name'),
    phone: registeredPhone?.id ?? null,
    phoneRaw: registeredPhone?.raw ?? null,
    registeredAt: registered?.utc ?? null,
    registeredOffset: registered?.offset ?? null,
    ip: mapOptional(may(row, 'registration_ip'), normaliseIp),
    imei: device?.imei ?? null,
    tac: device?.tac ?? null,
    line: context.line,
  };
}

export type PlatformAccountRow = ReturnType<typeof parse>;

const bulk: BulkPlan<PlatformAccountRow> = (graph, row) => {
  graph.identity('PlatformAccount', row.id, {
    platform: row.platform,
    handle: row.handle,
    recordSourceId: graph.sourceId,
    recordLine: graph.line,
    displayName: row.displayName,
    registeredAt: row.registeredAt,
    registeredOffset: row.registeredOffset,
  });
  if (row.phone !== null) {
    graph.identity('PhoneNumber', row.phone, { raw: row.phoneRaw });
    graph.link('REGISTERED_WITH', 'PlatformAccount', row.id, 'PhoneNumber', row.phone);
  }
  if (row.ip !== null) {
    graph.identity('IPAddress', row.ip, {});
    graph.link('REGISTERED_FROM', 'PlatformAccount', row.id, 'IPAddress', row.ip);
  }
  if (row.imei !== null) {
    graph.identity('Device', row.imei, { tac: row.tac });
    graph.link('REGISTERED_FROM', 'PlatformAccount', row.id, 'Device', row.imei);
  }
};

export const platformAccounts = defineKind({
  kind: 'platform-accounts',
  columns: COLUMNS,
  recordLabel: 'PlatformAccount',
  parse,
  write: rowWriter(queries.writePlatformAccounts),
  bulk,
});
