/** `platform-logins`: one row a login to an account of the supplying platform. */
import { queries } from '../../db/queries';
import { normaliseImei, normaliseIp, platformAccountId } from '../normalize';
import {
  defineKind,
  instant,
  mapOptional,
  may,
  need,
  ownedBy,
  recordId,
  type BulkPlan,
  type Cells,
  type ParseContext,
} from './define';
import { platformAccountMention } from './mentions';
import { rowWriter } from './write';

const COLUMNS = {
  record_id: 'required',
  platform: 'required',
  handle: 'required',
  time: 'required',
  ip: 'optional',
  imei: 'optional',
} as const;

function parse(row: Cells<typeof COLUMNS>, context: ParseContext) {
  const account = platformAccountId(need(row, 'platform'), need(row, 'handle'));
  ownedBy(context, account.platform, `account ${account.id}`);
  const time = instant(need(row, 'time'), context);
  const device = mapOptional(may(row, 'imei'), normaliseImei);
  const id = recordId(row, 'record_id');
  return {
    id: `${account.platform}:${id}`,
    recordId: id,
    accountId: account.id,
    platform: account.platform,
    handle: account.handle,
    time: time.utc,
    timeOffset: time.offset,
    ip: mapOptional(may(row, 'ip'), normaliseIp),
    imei: device?.imei ?? null,
    tac: device?.tac ?? null,
    line: context.line,
  };
}

export type LoginRow = ReturnType<typeof parse>;

const bulk: BulkPlan<LoginRow> = (graph, row) => {
  graph.event('Login', row.id, {
    recordId: row.recordId,
    time: row.time,
    timeOffset: row.timeOffset,
  });
  const account = row.accountId;
  graph.identity('PlatformAccount', account, platformAccountMention(row.platform, row.handle));
  graph.relationship('LOGGED_IN', 'PlatformAccount', account, 'Login', row.id);
  if (row.ip !== null) {
    graph.identity('IPAddress', row.ip, {});
    graph.relationship('FROM_IP', 'Login', row.id, 'IPAddress', row.ip);
    graph.aggregate('USED_IP', 'PlatformAccount', account, 'IPAddress', row.ip, row.time);
  }
  if (row.imei !== null) {
    graph.identity('Device', row.imei, { tac: row.tac });
    graph.relationship('FROM_DEVICE', 'Login', row.id, 'Device', row.imei);
    graph.aggregate('USED_DEVICE', 'PlatformAccount', account, 'Device', row.imei, row.time);
  }
};

export const platformLogins = defineKind({
  kind: 'platform-logins',
  columns: COLUMNS,
  recordLabel: 'Login',
  parse,
  write: rowWriter(queries.writeLogins),
  bulk,
});
