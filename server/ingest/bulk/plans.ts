/**
 * What each kind's normalised row (from `kinds.ts`) puts into the graph, for the bulk load: the
 * same nodes, properties and relationships as that kind's online write in `cypher/ingest/`.
 */
import type { FileKind } from '../kinds';
import type { BulkGraph } from './bulkGraph';

type Row = Record<string, unknown> & { id: string };

/** A row's field as text, or null. */
function text(row: Row, name: string): string | null {
  const value = row[name];
  return value === null || value === undefined ? null : (value as string);
}

function number(row: Row, name: string): number | null {
  const value = row[name];
  return value === null || value === undefined ? null : (value as number);
}

/** Writes one row; `organisation` supplied the file. */
export type BulkPlan = (graph: BulkGraph, row: Row, organisation: string) => void;

/** The label whose id identifies a row of each kind (a second row with the id is a duplicate). */
export const RECORD_LABEL: Readonly<Record<FileKind, string>> = {
  'bank-transfers': 'Transfer',
  'bank-accounts': 'BankAccount',
  'telecom-cdr': 'Call',
  'telecom-sightings': 'Sighting',
  'platform-accounts': 'PlatformAccount',
  'platform-logins': 'Login',
  'platform-messages': 'Message',
  'police-reports': 'Case',
};

const bankTransfer: BulkPlan = (graph, row) => {
  const time = row.time as string;
  graph.event('Transfer', row.id, [
    row.recordId as string,
    time,
    text(row, 'timeOffset'),
    number(row, 'amountMinor'),
    text(row, 'currency'),
    text(row, 'channel'),
    text(row, 'reference'),
    graph.sourceId,
    graph.line,
  ]);
  const from = row.fromId as string;
  const to = row.toId as string;
  graph.identity('BankAccount', from, [text(row, 'fromBank'), text(row, 'fromNumber')]);
  graph.identity('BankAccount', to, [text(row, 'toBank'), text(row, 'toNumber')]);
  graph.relationship('SENT', 'BankAccount', from, 'Transfer', row.id);
  graph.relationship('TO', 'Transfer', row.id, 'BankAccount', to);
  graph.aggregate(
    'TRANSFERRED',
    'BankAccount',
    from,
    'BankAccount',
    to,
    time,
    row.amountMinor as number,
    row.currency as string,
  );
};

const bankAccount: BulkPlan = (graph, row) => {
  graph.identity('BankAccount', row.id, [
    text(row, 'bank'),
    text(row, 'number'),
    graph.sourceId,
    graph.line,
    text(row, 'openedAt'),
    text(row, 'openedOffset'),
  ]);
  const holder = text(row, 'holderId');
  if (holder !== null) {
    graph.identity('Person', holder, [text(row, 'holderName'), null]);
    graph.link('HOLDS', 'Person', holder, 'BankAccount', row.id);
  }
};

const call: BulkPlan = (graph, row, organisation) => {
  const start = row.start as string;
  graph.event('Call', row.id, [
    row.recordId as string,
    start,
    text(row, 'startOffset'),
    number(row, 'duration'),
    text(row, 'cell'),
    graph.sourceId,
    graph.line,
  ]);
  const from = row.from as string;
  const to = row.to as string;
  graph.identity('PhoneNumber', from, [text(row, 'fromRaw'), organisation]);
  graph.identity('PhoneNumber', to, [text(row, 'toRaw'), null]);
  graph.relationship('MADE', 'PhoneNumber', from, 'Call', row.id);
  graph.relationship('TO', 'Call', row.id, 'PhoneNumber', to);
  graph.aggregate('CALLED', 'PhoneNumber', from, 'PhoneNumber', to, start, row.duration as number);
  const imsi = text(row, 'imsi');
  const imei = text(row, 'imei');
  if (imsi !== null) {
    graph.identity('SIM', imsi, [null, organisation]);
    graph.relationship('VIA_SIM', 'Call', row.id, 'SIM', imsi);
  }
  if (imei !== null) {
    graph.identity('Device', imei, [text(row, 'tac')]);
    graph.relationship('VIA_DEVICE', 'Call', row.id, 'Device', imei);
  }
  if (imsi !== null && imei !== null)
    graph.aggregate('SEEN_IN', 'SIM', imsi, 'Device', imei, start);
};

const sighting: BulkPlan = (graph, row, organisation) => {
  const time = row.seenAt as string;
  graph.event('Sighting', row.id, [
    row.recordId as string,
    time,
    text(row, 'seenOffset'),
    text(row, 'cell'),
    graph.sourceId,
    graph.line,
  ]);
  const imsi = row.imsi as string;
  const imei = row.imei as string;
  graph.identity('SIM', imsi, [text(row, 'iccid'), organisation]);
  graph.identity('Device', imei, [text(row, 'tac')]);
  graph.relationship('SIGHTED', 'SIM', imsi, 'Sighting', row.id);
  graph.relationship('IN_DEVICE', 'Sighting', row.id, 'Device', imei);
  graph.aggregate('SEEN_IN', 'SIM', imsi, 'Device', imei, time);
  const msisdn = text(row, 'msisdn');
  if (msisdn !== null) {
    graph.identity('PhoneNumber', msisdn, [text(row, 'msisdnRaw'), organisation]);
    graph.relationship('WITH_NUMBER', 'Sighting', row.id, 'PhoneNumber', msisdn);
    graph.aggregate('HAS_NUMBER', 'SIM', imsi, 'PhoneNumber', msisdn, time);
  }
};

const platformAccount: BulkPlan = (graph, row) => {
  graph.identity('PlatformAccount', row.id, [
    text(row, 'platform'),
    text(row, 'handle'),
    graph.sourceId,
    graph.line,
    text(row, 'displayName'),
    text(row, 'registeredAt'),
    text(row, 'registeredOffset'),
  ]);
  const phone = text(row, 'phone');
  if (phone !== null) {
    graph.identity('PhoneNumber', phone, [text(row, 'phoneRaw'), null]);
    graph.link('REGISTERED_WITH', 'PlatformAccount', row.id, 'PhoneNumber', phone);
  }
  const ip = text(row, 'ip');
  if (ip !== null) {
    graph.identity('IPAddress', ip, []);
    graph.link('REGISTERED_FROM', 'PlatformAccount', row.id, 'IPAddress', ip);
  }
  const imei = text(row, 'imei');
  if (imei !== null) {
    graph.identity('Device', imei, [text(row, 'tac')]);
    graph.link('REGISTERED_FROM', 'PlatformAccount', row.id, 'Device', imei);
  }
};

/** A platform account named by a login or message (created with platform and handle only). */
function platformMention(graph: BulkGraph, id: string, platform: unknown, handle: unknown): void {
  graph.identity('PlatformAccount', id, [
    platform as string,
    handle as string,
    null,
    null,
    null,
    null,
    null,
  ]);
}

const login: BulkPlan = (graph, row) => {
  const time = row.time as string;
  graph.event('Login', row.id, [
    row.recordId as string,
    time,
    text(row, 'timeOffset'),
    graph.sourceId,
    graph.line,
  ]);
  const account = row.accountId as string;
  platformMention(graph, account, row.platform, row.handle);
  graph.relationship('LOGGED_IN', 'PlatformAccount', account, 'Login', row.id);
  const ip = text(row, 'ip');
  if (ip !== null) {
    graph.identity('IPAddress', ip, []);
    graph.relationship('FROM_IP', 'Login', row.id, 'IPAddress', ip);
    graph.aggregate('USED_IP', 'PlatformAccount', account, 'IPAddress', ip, time);
  }
  const imei = text(row, 'imei');
  if (imei !== null) {
    graph.identity('Device', imei, [text(row, 'tac')]);
    graph.relationship('FROM_DEVICE', 'Login', row.id, 'Device', imei);
    graph.aggregate('USED_DEVICE', 'PlatformAccount', account, 'Device', imei, time);
  }
};

const message: BulkPlan = (graph, row) => {
  const time = row.time as string;
  graph.event('Message', row.id, [
    row.recordId as string,
    time,
    text(row, 'timeOffset'),
    text(row, 'kind'),
    graph.sourceId,
    graph.line,
  ]);
  const from = row.fromId as string;
  const to = row.toId as string;
  platformMention(graph, from, row.platform, row.fromHandle);
  platformMention(graph, to, row.platform, row.toHandle);
  graph.relationship('WROTE', 'PlatformAccount', from, 'Message', row.id);
  graph.relationship('TO', 'Message', row.id, 'PlatformAccount', to);
  graph.aggregate('MESSAGED', 'PlatformAccount', from, 'PlatformAccount', to, time);
};

const report: BulkPlan = (graph, row) => {
  graph.event('Case', row.id, [
    text(row, 'reportedAt'),
    text(row, 'reportedOffset'),
    text(row, 'scamType'),
    number(row, 'lossMinor'),
    text(row, 'currency'),
    graph.sourceId,
    graph.line,
  ]);
  const station = row.stationId as string;
  graph.identity('Station', station, [text(row, 'stationName')]);
  graph.relationship('REPORTED_AT', 'Case', row.id, 'Station', station);
  const victim = text(row, 'victimId');
  if (victim !== null) {
    graph.identity('Person', victim, [text(row, 'victimName'), true]);
    graph.relationship('REPORTED', 'Person', victim, 'Case', row.id);
    const phone = text(row, 'victimPhone');
    if (phone !== null) {
      graph.identity('PhoneNumber', phone, [text(row, 'victimPhoneRaw'), null]);
      graph.link('USES_NUMBER', 'Person', victim, 'PhoneNumber', phone);
    }
  }
  for (const named of row.numbers as { id: string; raw: string }[]) {
    graph.identity('PhoneNumber', named.id, [named.raw, null]);
    graph.relationship('NAMES', 'Case', row.id, 'PhoneNumber', named.id);
  }
  for (const named of row.accounts as { id: string; bank: string; number: string }[]) {
    graph.identity('BankAccount', named.id, [named.bank, named.number, null, null, null, null]);
    graph.relationship('NAMES', 'Case', row.id, 'BankAccount', named.id);
  }
  for (const named of row.handles as { id: string; platform: string; handle: string }[]) {
    platformMention(graph, named.id, named.platform, named.handle);
    graph.relationship('NAMES', 'Case', row.id, 'PlatformAccount', named.id);
  }
};

export const PLANS: Readonly<Record<FileKind, BulkPlan>> = {
  'bank-transfers': bankTransfer,
  'bank-accounts': bankAccount,
  'telecom-cdr': call,
  'telecom-sightings': sighting,
  'platform-accounts': platformAccount,
  'platform-logins': login,
  'platform-messages': message,
  'police-reports': report,
};
