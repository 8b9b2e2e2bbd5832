/**
 * The live intake behind `POST /api/events`: a small batch of events of mixed kinds, one JSON
 * object a line (`{"kind": "bank-transfers", "record": {...columns}}`), as partner systems send
 * each record when it happens. Every event is normalised as a file row of its kind is (same
 * columns, same limits, same reasons); a bad one is rejected with its index while the rest load.
 *
 * The batch is one Source (its organisation and the SHA-256 of its bytes), recorded as received
 * before anything is written and as scored once its alerts are stored. The same batch sent again
 * changes nothing; a batch cut off by a restart between writing and scoring is scored in full when
 * it is sent again (alerts are merged by the events they hold, so none is raised twice).
 */
import { createHash } from 'node:crypto';
import type { CountryCode } from 'libphonenumber-js';
import type { EventsReceipt } from '../contract/warning';
import type { Executor } from '../db/executor';
import { queries } from '../db/queries';
import { RingtraceError } from '../errors';
import {
  FILE_KINDS,
  isFileKind,
  kindDefinition,
  type FileKind,
  type KeyedRow,
  type KindRow,
  type RawRow,
} from '../ingest/kinds';
import { parseRead } from '../ingest/loader';
import type { WarningService } from './service';

export const INTAKE_LIMITS = {
  /** Most events a batch. */
  events: 5_000,
  /** Largest batch, in bytes. */
  bytes: 2 * 1_048_576,
} as const;

export interface IntakeOptions {
  readonly organisation: string;
  /** A partner's own records: see `ParseContext.partner`. */
  readonly partner: boolean;
  /** The kinds this sender may send (a partner: its sector's). */
  readonly allowedKinds: readonly FileKind[];
  readonly country: CountryCode;
  /** Load as history: the watch state learns from it, no alert is raised. */
  readonly history: boolean;
}

interface Reject {
  index: number;
  kind: string | null;
  reason: string;
}

/** Reads one line of a batch: its kind and its record as text cells, or why it is refused. */
function readEvent(
  line: string,
  allowed: readonly FileKind[],
): { kind: FileKind; record: RawRow } | { kind: string | null; reason: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { kind: null, reason: 'not a JSON object' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { kind: null, reason: 'not a JSON object' };
  }
  const { kind, record } = parsed as { kind?: unknown; record?: unknown };
  if (typeof kind !== 'string' || !isFileKind(kind)) {
    return {
      kind: typeof kind === 'string' ? kind.slice(0, 40) : null,
      reason: `kind must be one of ${FILE_KINDS.join(', ')}`,
    };
  }
  if (!allowed.includes(kind)) {
    return { kind, reason: `this sender may send only ${allowed.join(', ')} events` };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { kind, reason: 'record must be an object of column: value' };
  }
  const cells: Record<string, string> = {};
  for (const [column, value] of Object.entries(record as Record<string, unknown>)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') cells[column] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) cells[column] = String(value);
    else return { kind, reason: `${column} must be text or a number` };
  }
  return { kind, record: cells };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Splits a body into its lines (blank lines skipped, with their indices kept); a line that is not
 * UTF-8 text comes back as null, to be rejected on its own.
 */
function linesOf(body: Buffer): { index: number; text: string | null }[] {
  const lines: { index: number; text: string | null }[] = [];
  let start = 0;
  for (let index = 0; start <= body.length; index += 1) {
    const end = body.indexOf(0x0a, start);
    const bytes = body.subarray(start, end === -1 ? body.length : end);
    start = end === -1 ? body.length + 1 : end + 1;
    let text: string | null;
    try {
      text = utf8.decode(bytes).trim();
    } catch {
      text = null;
    }
    if (text !== '') lines.push({ index, text });
  }
  return lines;
}

/** Loads and scores one batch; see the module comment. */
export async function receiveEvents(
  executor: Executor,
  warning: WarningService,
  body: Buffer,
  options: IntakeOptions,
): Promise<EventsReceipt> {
  if (body.length > INTAKE_LIMITS.bytes) {
    throw new RingtraceError(
      'payload-too-large',
      `A batch of events is at most ${INTAKE_LIMITS.bytes / 1_048_576} MB; send smaller batches. Nothing was loaded.`,
    );
  }
  const lines = linesOf(body);
  if (lines.length === 0) {
    throw new RingtraceError(
      'bad-request',
      'The batch is empty: send one JSON object a line, {"kind": ..., "record": {...}}.',
    );
  }
  if (lines.length > INTAKE_LIMITS.events) {
    throw new RingtraceError(
      'payload-too-large',
      `A batch holds at most ${INTAKE_LIMITS.events.toLocaleString('en')} events; this one holds ${lines.length.toLocaleString('en')}. Nothing was loaded.`,
    );
  }
  const batchId = `${options.organisation}:${createHash('sha256').update(body).digest('hex')}`;
  const rejects: Reject[] = [];
  const byKind = new Map<FileKind, { rows: KeyedRow[]; ids: Set<string> }>();
  let duplicates = 0;
  for (const { index, text } of lines) {
    if (text === null) {
      rejects.push({ index, kind: null, reason: 'the event is not UTF-8 text' });
      continue;
    }
    if (text.length > 300_000) {
      rejects.push({ index, kind: null, reason: 'the event is longer than 300,000 characters' });
      continue;
    }
    const read = readEvent(text, options.allowedKinds);
    if ('reason' in read) {
      rejects.push({ index, kind: read.kind, reason: read.reason });
      continue;
    }
    const definition = kindDefinition(read.kind);
    const parsed = parseRead({ line: index + 1, row: read.record }, definition, undefined, {
      organisation: options.organisation,
      partner: options.partner,
      country: options.country,
      defaultOffset: undefined,
    });
    if ('reason' in parsed) {
      rejects.push({ index, kind: read.kind, reason: parsed.reason });
      continue;
    }
    const group = byKind.get(read.kind) ?? { rows: [], ids: new Set<string>() };
    byKind.set(read.kind, group);
    if (group.ids.has(parsed.row.id)) {
      duplicates += 1;
      continue;
    }
    group.ids.add(parsed.row.id);
    group.rows.push(parsed.row);
  }

  const events = [...byKind.values()].reduce((n, group) => n + group.rows.length, 0);
  const before = await executor.first(queries.receiveBatch, {
    id: batchId,
    organisation: options.organisation,
    events,
  });
  // Sent before and scored: nothing to do. Sent before and cut off before scoring: score it all.
  const rescoreAll = before?.received === true && !before.scored;
  let loaded = 0;
  const toScore: { kind: FileKind; row: KeyedRow }[] = [];
  // Identities before the events that name them.
  for (const kind of FILE_KINDS) {
    const group = byKind.get(kind);
    if (!group || group.rows.length === 0) continue;
    // The group's rows were parsed by this kind's definition (above).
    const rows = group.rows as KindRow<typeof kind>[];
    const written = await kindDefinition(kind).write(executor, rows, batchId, options.organisation);
    loaded += written.created;
    duplicates += group.rows.length - written.created;
    const fresh = rescoreAll ? group.rows : (written.fresh ?? group.rows);
    for (const row of fresh) toScore.push({ kind, row });
  }
  const alreadyScored = before?.scored === true;
  const alerts = alreadyScored
    ? []
    : await warning.scoreEvents(toScore, { history: options.history });
  if (!alreadyScored) {
    await executor.run(queries.markSourceScored, { id: batchId });
  }
  return {
    batchId,
    received: lines.length,
    loaded,
    duplicates,
    rejected: rejects.length,
    rejects,
    alerts: alerts.map((alert) => ({
      id: alert.id,
      rule: alert.rule as EventsReceipt['alerts'][number]['rule'],
      severity: alert.severity,
    })),
  };
}
