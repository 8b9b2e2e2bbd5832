/**
 * What the details panel says, as pure rows: first what a detective reads (holder, bank, opened,
 * counts, the organisation and file a record came from, times in the investigator's zone with the
 * record's own offset), then the internal fields (source hashes, line numbers, raw minor units,
 * offsets) for the "Provenance" fold. No DOM here.
 */
import type { EntityContext, EntityView } from '../../../server/contract';
import { formatAtOffset, formatTime, localParts, offsetText, parseOffset } from '../time';
import { formatMoney, plainText, type EdgeData } from './model';

/** One row of a details table: what, and its value as text. */
export type DetailRow = [string, string];

export interface DetailRows {
  /** What a detective reads. */
  facts: DetailRow[];
  /** Internal fields, shown folded. */
  provenance: DetailRow[];
}

/** Property names as a detective reads them; others are spelled out from camelCase. */
const PROPERTY_NAMES: Readonly<Record<string, string>> = {
  name: 'Name',
  bank: 'Bank',
  number: 'Number',
  openedAt: 'Opened',
  reportedAt: 'Reported',
  scamType: 'Scam type',
  lossMinor: 'Loss',
  amountMinor: 'Amount',
  totalMinor: 'Total',
  platform: 'Platform',
  handle: 'Handle',
  raw: 'As written',
  tac: 'Handset model code (TAC)',
  iccid: 'ICCID',
  imsi: 'IMSI',
  imei: 'IMEI',
  operator: 'Operator',
  idNumber: 'ID number',
  time: 'Time',
  start: 'Start',
  first: 'First',
  last: 'Last',
  count: 'Count',
  cell: 'Cell',
};

/** Fields only the provenance fold shows (where a record came from, bookkeeping). */
const INTERNAL = new Set([
  'id',
  'recordSourceId',
  'recordLine',
  'sourceId',
  'sourceLine',
  'recordId',
  'pending',
  'currency',
]);

/** `openedAt` -> `Opened at`: a property name spelled out. */
export function propertyName(key: string): string {
  const known = PROPERTY_NAMES[key];
  if (known) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The property holding a time's original offset: `openedAt` -> `openedOffset`, `time` -> `timeOffset`. */
export function offsetKey(key: string): string {
  return key.endsWith('At') ? `${key.slice(0, -2)}Offset` : `${key}Offset`;
}

function isIsoTime(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value);
}

/**
 * A time in the investigator's zone, and as the record wrote it when its offset is another:
 * `2026-11-02 10:00 (UTC+08:00)`, or `2026-11-02 02:00 UTC, recorded 2026-11-02 10:00:00
 * (UTC+08:00)`.
 */
export function timeText(iso: string, offset?: unknown, timeZone?: string): string {
  const local = formatTime(iso, timeZone ? { timeZone } : {});
  const parts = localParts(iso, timeZone ? { timeZone } : {});
  const minutes = typeof offset === 'string' ? parseOffset(offset) : null;
  if (!parts || minutes === null || offsetText(minutes) === parts.offset) return local;
  const recorded = formatAtOffset(iso, offset as string);
  return recorded ? `${local}, recorded ${recorded}` : local;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** Words for a link count, by `RELATIONSHIP:out|in`; others are spelled out. */
const LINK_WORDS: Readonly<Record<string, (count: number) => string>> = {
  'TRANSFERRED:out': (n) => `paid ${plural(n, 'account')}`,
  'TRANSFERRED:in': (n) => `paid by ${plural(n, 'account')}`,
  'SENT:out': (n) => `${plural(n, 'transfer')} sent`,
  'CALLED:out': (n) => `called ${plural(n, 'number')}`,
  'CALLED:in': (n) => `called by ${plural(n, 'number')}`,
  'MADE:out': (n) => `${plural(n, 'call')} made`,
  'TO:in': (n) => `${plural(n, 'record')} addressed to it`,
  'HOLDS:in': (n) => `${plural(n, 'holder')}`,
  'HOLDS:out': (n) => `holds ${plural(n, 'account')}`,
  'USES_NUMBER:in': (n) => `used by ${plural(n, 'person', 'people')}`,
  'USES_NUMBER:out': (n) => `uses ${plural(n, 'number')}`,
  'NAMES:in': (n) => `named in ${plural(n, 'report')}`,
  'NAMES:out': (n) => `names ${plural(n, 'identity', 'identities')}`,
  'REPORTED:out': (n) => `reported ${plural(n, 'case')}`,
  'REPORTED:in': (n) => `reported by ${plural(n, 'person', 'people')}`,
  'HAS_MEMBER:in': (n) => `member of ${plural(n, 'ring')} (analysis runs)`,
  'LOGGED_IN:out': (n) => `${plural(n, 'login')}`,
  'WROTE:out': (n) => `${plural(n, 'message')} written`,
  'MESSAGED:out': (n) => `wrote to ${plural(n, 'account')}`,
  'MESSAGED:in': (n) => `written to by ${plural(n, 'account')}`,
  'SEEN_IN:out': (n) => `seen in ${plural(n, 'handset')}`,
  'SEEN_IN:in': (n) => `carried ${plural(n, 'SIM')}`,
  'HAS_NUMBER:out': (n) => `had ${plural(n, 'number')}`,
  'HAS_NUMBER:in': (n) => `on ${plural(n, 'SIM')}`,
};

/** What arrives at an identity over `TO`, by its kind. */
const RECEIVED: Readonly<Record<string, string>> = {
  BankAccount: 'transfer',
  PhoneNumber: 'call',
  PlatformAccount: 'message',
};

/** An entity's links counted, in words: `paid 3 accounts; 14 transfers sent; 1 holder`. */
export function linkCounts(links: EntityContext['links'], type = ''): string {
  return links
    .map((link) => {
      const received = RECEIVED[type];
      if (received && link.relationship === 'TO' && !link.outgoing)
        return `${plural(link.count, received)} received`;
      const words = LINK_WORDS[`${link.relationship}:${link.outgoing ? 'out' : 'in'}`];
      if (words) return words(link.count);
      const name = link.relationship.toLowerCase().replace(/_/g, ' ');
      return `${name} (${link.outgoing ? 'out' : 'in'}): ${link.count.toLocaleString('en')}`;
    })
    .join('; ');
}

/** Where a record came from: `ICBC, bank-accounts file accounts-2026-10.csv`. */
export function sourceText(source: NonNullable<EntityContext['source']>): string {
  const who = source.organisation ?? 'unknown organisation';
  const file = source.fileName ? `file ${source.fileName}` : 'an upload';
  return `${who}, ${source.kind ? `${source.kind} ` : ''}${file}`;
}

/** Rows of an entity's properties and context, split into what is read and the provenance fold. */
export function entityRows(view: EntityView): DetailRows {
  const facts: DetailRow[] = [];
  const provenance: DetailRow[] = [];
  const properties = view.properties;
  const offsets = new Set<string>();
  for (const [key, value] of Object.entries(properties)) {
    if (isIsoTime(value) && typeof properties[offsetKey(key)] === 'string')
      offsets.add(offsetKey(key));
  }
  const currency = typeof properties.currency === 'string' ? properties.currency : '';
  const people = view.context?.people ?? [];
  if (people.length)
    facts.push([view.type === 'BankAccount' ? 'Holder' : 'Used by', people.join(', ')]);
  for (const [key, value] of Object.entries(properties)) {
    if (INTERNAL.has(key) || offsets.has(key)) {
      if (key !== 'id') provenance.push([key, plainText(value)]);
      continue;
    }
    if (isIsoTime(value)) {
      facts.push([propertyName(key), timeText(value, properties[offsetKey(key)])]);
    } else if (key.endsWith('Minor') && typeof value === 'number') {
      facts.push([propertyName(key), formatMoney(value, currency)]);
      provenance.push([`${key} (minor units)`, String(value)]);
    } else {
      facts.push([propertyName(key), plainText(value)]);
    }
  }
  if (view.context?.links.length) facts.push(['Links', linkCounts(view.context.links, view.type)]);
  if (view.context?.source) facts.push(['Source', sourceText(view.context.source)]);
  return { facts, provenance };
}

/**
 * Rows of a link: its type, ends (by their labels), money, counts and times in the investigator's
 * zone; its source records and raw figures in the provenance fold.
 */
export function linkRows(data: EdgeData, labelOf: (id: string) => string): DetailRows {
  const facts: DetailRow[] = [
    ['Link', data.type.toLowerCase().replace(/_/g, ' ')],
    ['From', labelOf(data.source)],
    ['To', labelOf(data.target)],
  ];
  const provenance: DetailRow[] = [
    ['From id', data.source],
    ['To id', data.target],
  ];
  const currency = data.currency ?? '';
  if (data.amountMinor !== undefined) {
    facts.push(['Amount', formatMoney(data.amountMinor, currency)]);
    provenance.push(['amountMinor (minor units)', String(data.amountMinor)]);
  }
  if (data.tracedMinor !== undefined) {
    facts.push(['Traced money', formatMoney(data.tracedMinor, currency)]);
    provenance.push(['tracedMinor (minor units)', String(data.tracedMinor)]);
  }
  if (data.count !== undefined) facts.push(['Count', data.count.toLocaleString('en')]);
  const properties = data.properties ?? {};
  if (data.time) facts.push(['Time', timeText(data.time, properties.timeOffset)]);
  if (data.first) facts.push(['First', formatTime(data.first)]);
  if (data.last) facts.push(['Last', formatTime(data.last)]);
  for (const [key, value] of Object.entries(properties)) {
    if (['first', 'last', 'count'].includes(key)) continue;
    if (key.endsWith('Minor') && typeof value === 'number') {
      facts.push([propertyName(key), formatMoney(value, currency)]);
      provenance.push([`${key} (minor units)`, String(value)]);
    } else if (isIsoTime(value)) {
      facts.push([propertyName(key), timeText(value, properties[offsetKey(key)])]);
    } else if (typeof value === 'number' && key === 'totalSeconds') {
      facts.push(['Total length', `${value.toLocaleString('en')} s`]);
    } else {
      provenance.push([key, plainText(value)]);
    }
  }
  return { facts, provenance };
}
