/**
 * Early warning over HTTP: the live intake (`POST /api/events`), the alerts of a station or of
 * the centre (list, one, acknowledge, outcome), their live stream (server-sent events, resumed
 * with `Last-Event-ID`), the centre's dashboard and the watch list. A station officer sees and
 * handles only their station's alerts: another station's alert is not found. Every view and
 * action is in the audit trail.
 */
import type { Request } from 'express';
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { can } from '../auth/principal';
import { SECTOR_KINDS, uploadRefusal } from '../auth/sectors';
import {
  ALERT_OUTCOMES,
  ALERT_RULES,
  WATCH_REASONS,
  alert,
  alertDashboard,
  alertPage,
  eventsReceipt,
  watchList,
  type AlertStatus,
} from '../contract/warning';
import { RingtraceError, badRequest, forbidden } from '../errors';
import { loadQuery } from '../http/validation';
import { FILE_KINDS, type FileKind } from '../ingest/kinds';
import type { AlertScope } from '../warning/alerts';
import { toAlert } from '../warning/alerts';
import { INTAKE_LIMITS, receiveEvents } from '../warning/intake';
import { route, type ApiRoute } from './context';

/** One station's alerts for a station officer; every station's for the centre. */
function scopeOf(principal: Principal): AlertScope {
  if (can(principal, 'alerts:read')) return { stationId: null };
  return { stationId: principal.organisation ?? '(no station)' };
}

const eventsQuery = z.object(loadQuery);

/** Reads the request body up to `maxBytes`; 413 past it, with nothing loaded. */
async function readBody(req: Request, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > maxBytes) {
      req.resume();
      throw new RingtraceError(
        'payload-too-large',
        `A batch of events is at most ${maxBytes / 1_048_576} MB; send smaller batches. Nothing was loaded.`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const STATUS_FILTERS = {
  open: ['new', 'acknowledged'],
  new: ['new'],
  acknowledged: ['acknowledged'],
  closed: ['closed'],
  all: ['new', 'acknowledged', 'closed'],
} as const satisfies Record<string, readonly AlertStatus[]>;

const listQuery = z.object({
  status: z.enum(Object.keys(STATUS_FILTERS) as [keyof typeof STATUS_FILTERS]).default('open'),
  rule: z.enum(ALERT_RULES).optional(),
  /** The centre may look at one station's alerts. */
  station: z.string().trim().min(1).max(32).optional(),
  skip: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const alertParams = z.object({ id: z.string().trim().min(1).max(64) });

const outcomeBody = z.object({
  outcome: z.enum(ALERT_OUTCOMES),
  note: z.string().trim().max(2_000).optional(),
});

const streamQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
});

const dashboardQuery = z.object({
  hours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(24),
});

const watchQuery = z.object({
  reason: z.enum(WATCH_REASONS).optional(),
  skip: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const READERS = ['alerts:read', 'alerts:read-station'] as const;

/** Heartbeat on an idle stream, so that proxies keep it open and clients see it alive. */
const HEARTBEAT_MS = 15_000;

export const warningRoutes: ApiRoute[] = [
  route({
    method: 'post',
    path: '/events',
    summary:
      'Live intake: a batch of events as NDJSON ({"kind", "record"} a line), loaded and scored at once',
    access: ['data:submit'],
    audit: 'events.submit',
    input: { query: eventsQuery },
    output: eventsReceipt,
    async handle({ query, principal, req }, context) {
      const partner = principal.role === 'partner';
      if (partner && query.history) {
        throw forbidden('Only the centre loads history; partners send live events.');
      }
      let allowedKinds: readonly FileKind[] = FILE_KINDS;
      if (partner) {
        // A partner without a sector may send nothing: the refusal says so.
        if (!principal.sector) throw forbidden(uploadRefusal(null, 'bank-transfers') ?? '');
        allowedKinds = SECTOR_KINDS[principal.sector];
      }
      if (!req.is('application/x-ndjson') && !req.is('text/plain')) {
        throw badRequest(
          'Send the events as NDJSON with Content-Type: application/x-ndjson, one {"kind": ..., "record": {...}} a line.',
        );
      }
      const body = await readBody(req, INTAKE_LIMITS.bytes);
      const organisation = partner ? (principal.organisation ?? '') : (query.org ?? 'police');
      const receipt = await receiveEvents(context.executor, context.warning, body, {
        organisation,
        partner,
        allowedKinds,
        country: query.country as 'CN',
        history: query.history,
      });
      context.analysis.dataLoaded();
      return {
        body: receipt,
        audit: {
          target: `Source:${receipt.batchId}`,
          params: {
            organisation,
            received: receipt.received,
            rejected: receipt.rejected,
            duplicates: receipt.duplicates,
            alerts: receipt.alerts.length,
            history: query.history,
          },
          resultSize: receipt.loaded,
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/alerts',
    summary: "Alerts, most severe first: a station officer's station's, or every station's",
    access: READERS,
    audit: 'alerts.list',
    input: { query: listQuery },
    output: alertPage,
    async handle({ query, principal }, context) {
      const own = scopeOf(principal);
      const scope = own.stationId === null && query.station ? { stationId: query.station } : own;
      const page = await context.warning.store.list(scope, {
        statuses: STATUS_FILTERS[query.status],
        rule: query.rule ?? null,
        skip: query.skip,
        limit: query.limit,
      });
      return {
        body: { ...page, skip: query.skip, limit: query.limit },
        audit: {
          params: { status: query.status, station: scope.stationId ?? 'all' },
          resultSize: page.alerts.length,
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/alerts/stream',
    summary:
      'Alerts as they are raised and change (server-sent events); resumes after Last-Event-ID',
    access: READERS,
    audit: 'alerts.stream',
    input: { query: streamQuery },
    output: { stream: 'text/event-stream' },
    handle({ query, principal, req }, context) {
      const scope = scopeOf(principal);
      const header = req.header('last-event-id');
      const resumed = header && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
      const after = resumed ?? query.after ?? null;
      return Promise.resolve({
        audit: { params: { station: scope.stationId ?? 'all', after: after ?? -1 } },
        send: async (res) => {
          res.status(200);
          res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
          res.setHeader('Cache-Control', 'no-cache, no-transform');
          res.setHeader('X-Accel-Buffering', 'no');
          res.flushHeaders();
          res.write('retry: 2000\n\n');
          const unsubscribe = await context.warning.hub.subscribe(
            {
              scope,
              send: (row) => {
                res.write(
                  `id: ${row.seq}\nevent: alert\ndata: ${JSON.stringify(toAlert(row))}\n\n`,
                );
              },
            },
            after,
          );
          const heartbeat = setInterval(() => res.write(': alive\n\n'), HEARTBEAT_MS);
          await new Promise<void>((resolve) => {
            req.on('close', resolve);
            res.on('close', resolve);
          });
          clearInterval(heartbeat);
          unsubscribe();
        },
      });
    },
  }),
  route({
    method: 'get',
    path: '/alerts/dashboard',
    summary: "The centre's figures: alerts per hour and per station, outcomes, money at risk",
    access: ['alerts:read'],
    audit: 'alerts.dashboard',
    input: { query: dashboardQuery },
    output: alertDashboard,
    async handle({ query }, context) {
      const dashboard = await context.warning.store.dashboard(query.hours);
      return { body: dashboard, audit: { params: { hours: query.hours } } };
    },
  }),
  route({
    method: 'get',
    path: '/alerts/:id',
    summary: 'One alert with its reasons and evidence',
    access: READERS,
    audit: 'alerts.view',
    input: { params: alertParams },
    output: alert,
    async handle({ params, principal }, context) {
      const found = await context.warning.store.get(scopeOf(principal), params.id);
      return { body: found, audit: { target: `Alert:${found.id}`, resultSize: 1 } };
    },
  }),
  route({
    method: 'post',
    path: '/alerts/:id/acknowledge',
    summary: 'Acknowledge a new alert: someone is on it',
    access: ['alerts:handle'],
    audit: 'alerts.acknowledge',
    input: { params: alertParams },
    output: alert,
    async handle({ params, principal }, context) {
      const done = await context.warning.store.acknowledge(
        scopeOf(principal),
        params.id,
        principal.username,
      );
      void context.warning.hub.wake();
      return { body: done, audit: { target: `Alert:${done.id}` } };
    },
  }),
  route({
    method: 'post',
    path: '/alerts/:id/outcome',
    summary:
      'Close an acknowledged alert with its outcome: warned, payment stopped, already paid, false alarm',
    access: ['alerts:handle'],
    audit: 'alerts.outcome',
    input: { params: alertParams, body: outcomeBody },
    output: alert,
    async handle({ params, body, principal }, context) {
      const done = await context.warning.store.close(
        scopeOf(principal),
        params.id,
        principal.username,
        body.outcome,
        body.note ?? null,
      );
      void context.warning.hub.wake();
      return {
        body: done,
        audit: { target: `Alert:${done.id}`, params: { outcome: body.outcome } },
      };
    },
  }),
  route({
    method: 'get',
    path: '/watch',
    summary: 'The watch list: identities early warning watches, each with why',
    access: ['alerts:read'],
    audit: 'watch.list',
    input: { query: watchQuery },
    output: watchList,
    handle({ query }, context) {
      const list = context.warning.watchList(query.reason ?? null, query.skip, query.limit);
      return Promise.resolve({
        body: list,
        audit: { params: { reason: query.reason ?? 'all' }, resultSize: list.entries.length },
      });
    },
  }),
];
