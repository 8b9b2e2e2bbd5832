/** `platform-messages`: one row a message between two accounts of the supplying platform. */
import { queries } from '../../db/queries';
import { oneOf, platformAccountId } from '../normalize';
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
  from_handle: 'required',
  to_handle: 'required',
  time: 'required',
  kind: 'optional',
} as const;

const MESSAGE_KINDS = ['text', 'voice', 'image', 'link', 'payment_request'] as const;

function parse(row: Cells<typeof COLUMNS>, context: ParseContext) {
  const platform = need(row, 'platform');
  const from = platformAccountId(platform, need(row, 'from_handle'));
  const to = platformAccountId(platform, need(row, 'to_handle'));
  ownedBy(context, from.platform, `account ${from.id}`);
  const time = instant(need(row, 'time'), context);
  const id = recordId(row, 'record_id');
  return {
    id: `${from.platform}:${id}`,
    recordId: id,
    platform: from.platform,
    fromId: from.id,
    fromHandle: from.handle,
    toId: to.id,
    toHandle: to.handle,
    time: time.utc,
    timeOffset: time.offset,
    kind: mapOptional(may(row, 'kind'), (text) => oneOf(text, MESSAGE_KINDS, 'kind')),
    line: context.line,
  };
}

export type MessageRow = ReturnType<typeof parse>;

const bulk: BulkPlan<MessageRow> = (graph, row) => {
  graph.event('Message', row.id, {
    recordId: row.recordId,
    time: row.time,
    timeOffset: row.timeOffset,
    kind: row.kind,
  });
  graph.identity(
    'PlatformAccount',
    row.fromId,
    platformAccountMention(row.platform, row.fromHandle),
  );
  graph.identity('PlatformAccount', row.toId, platformAccountMention(row.platform, row.toHandle));
  graph.relationship('WROTE', 'PlatformAccount', row.fromId, 'Message', row.id);
  graph.relationship('TO', 'Message', row.id, 'PlatformAccount', row.toId);
  graph.aggregate('MESSAGED', 'PlatformAccount', row.fromId, 'PlatformAccount', row.toId, row.time);
};

export const platformMessages = defineKind({
  kind: 'platform-messages',
  columns: COLUMNS,
  recordLabel: 'Message',
  parse,
  write: rowWriter(queries.writeMessages),
  bulk,
});
