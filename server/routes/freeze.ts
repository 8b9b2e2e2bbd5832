/**
 * Stop-payment requests over HTTP. Investigators ask a bank to hold money (from an alert, a
 * money-flow trace or any account), renew, freeze and release holds; a bank's partner user or
 * token sees and answers only its own bank's requests (`since`: the changes after the last it saw);
 * `GET /api/money` counts a case's, a ring's or the centre's money lost, secured and still moving.
 * Every view and step is in the audit trail.
 */
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { can } from '../auth/principal';
import {
  ACTIVE_STOP_STATUSES,
  STOP_STATUSES,
  moneySummary as moneySummaryOutput,
  stopPage,
  stopReceipt,
  stopRequest,
  type StopStatus,
} from '../contract/freeze';
import { forbidden } from '../errors';
import { moneySummary } from '../freeze/money';
import { MAX_TRANSFERS } from '../freeze/service';
import type { StopScope } from '../freeze/store';
import { route, type ApiRoute } from './context';

/** A bank partner's scope is its own bank; the police see every bank's stops. */
function scopeOf(principal: Principal): StopScope {
  if (can(principal, 'stops:read')) return { bank: null };
  if (principal.role === 'partner' && principal.sector === 'bank' && principal.organisation) {
    return { bank: principal.organisation };
  }
  throw forbidden('Only a bank answers stop-payment requests, and only its own bank’s.');
}

const accountId = z
  .string()
  .trim()
  .min(3)
  .max(200)
  .regex(/^[^:]+:.+$/, 'expected BANK:NUMBER');
const text = (max: number) => z.string().trim().min(1).max(max);
const amountMinor = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const requestBody = z.object({
  account: accountId,
  amountMinor,
  /** The victims' payments whose money it follows. */
  transfers: z.array(text(200)).min(1).max(MAX_TRANSFERS),
  legalBasis: text(200),
  origin: z.enum(['alert', 'trace', 'account']).default('account'),
  caseId: text(64).optional(),
  alertId: text(64).optional(),
});

const STATUS_FILTERS: Record<string, readonly StopStatus[]> = {
  all: STOP_STATUSES,
  active: ACTIVE_STOP_STATUSES,
  ...Object.fromEntries(STOP_STATUSES.map((status) => [status, [status]])),
};

const listQuery = z.object({
  status: z
    .enum(Object.keys(STATUS_FILTERS) as [string, ...string[]])
    .default('all')
    .describe('all, active (requested, held or frozen), or one status'),
  /** Comma-separated account ids. */
  accounts: z
    .string()
    .trim()
    // A URL stays well under the 16 KB Node takes, even with every character percent-encoded.
    .max(5_000)
    .transform((value) =>
      value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .refine((ids) => ids.length <= 200, 'at most 200 accounts')
    .refine(
      (ids) => ids.every((id) => id.length <= 200 && /^[^:]+:.+$/.test(id)),
      'each account as BANK:NUMBER, at most 200 characters',
    )
    .optional(),
  case: text(64).optional(),
  since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  skip: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const stopParams = z.object({ id: text(64) });

const answerBody = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('held'), heldMinor: amountMinor, bankReference: text(100) }),
  z.object({ outcome: z.literal('empty'), bankReference: text(100).optional() }),
  z.object({ outcome: z.literal('refused'), reason: text(1_000) }),
]);

const moneyQuery = z
  .object({
    case: text(64).optional(),
    ring: text(200).optional(),
    days: z.coerce.number().int().min(1).max(365).default(7),
  })
  .refine((q) => !(q.case && q.ring), 'ask for a case or a ring, not both');

export const freezeRoutes: ApiRoute[] = [
  route({
    method: 'post',
    path: '/stops',
    summary:
      'Ask the bank to hold money in an account (at most what was traced into it from the given transfers); one open request an account',
    access: ['stops:request'],
    audit: 'stops.request',
    input: { body: requestBody },
    output: stopReceipt,
    async handle({ body, principal }, context) {
      const receipt = await context.freeze.request(body, principal.username);
      return {
        status: receipt.created ? 201 : 200,
        body: receipt,
        audit: {
          target: `StopRequest:${receipt.stop.id}`,
          params: {
            account: body.account,
            amountMinor: body.amountMinor,
            origin: body.origin,
            created: receipt.created,
          },
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/stops',
    summary:
      'Stop-payment requests, newest first (a bank sees only its own); with since, the changes after that number, oldest first',
    access: ['stops:read', 'stops:answer'],
    audit: 'stops.list',
    input: { query: listQuery },
    output: stopPage,
    async handle({ query, principal }, context) {
      const scope = scopeOf(principal);
      const page = await context.freeze.store.list(scope, {
        statuses: STATUS_FILTERS[query.status] ?? STOP_STATUSES,
        accounts: query.accounts ?? null,
        caseId: query.case ?? null,
        since: query.since ?? null,
        skip: query.skip,
        limit: query.limit,
      });
      return {
        body: { ...page, skip: query.skip, limit: query.limit },
        audit: {
          params: { status: query.status, bank: scope.bank ?? 'all', since: query.since ?? -1 },
          resultSize: page.stops.length,
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/stops/:id',
    summary: 'One stop-payment request and its hold',
    access: ['stops:read', 'stops:answer'],
    audit: 'stops.view',
    input: { params: stopParams },
    output: stopRequest,
    async handle({ params, principal }, context) {
      const stop = await context.freeze.store.get(scopeOf(principal), params.id);
      return { body: stop, audit: { target: `StopRequest:${stop.id}`, resultSize: 1 } };
    },
  }),
  route({
    method: 'post',
    path: '/stops/:id/answer',
    summary:
      "The bank's answer: held (the amount actually held, its reference), account already empty, or refused (why)",
    access: ['stops:answer'],
    audit: 'stops.answer',
    input: { params: stopParams, body: answerBody },
    output: stopRequest,
    async handle({ params, body, principal }, context) {
      const scope = scopeOf(principal);
      if (scope.bank === null) throw forbidden('Only the bank that holds the account answers.');
      const stop = await context.freeze.answer(scope, params.id, body, principal.username);
      return {
        body: stop,
        audit: {
          target: `StopRequest:${stop.id}`,
          params: {
            outcome: body.outcome,
            ...(body.outcome === 'held' ? { heldMinor: body.heldMinor } : {}),
          },
        },
      };
    },
  }),
  route({
    method: 'post',
    path: '/stops/:id/renew',
    summary: `Renew a hold once, for as long again, before it ends`,
    access: ['stops:request'],
    audit: 'stops.renew',
    input: { params: stopParams },
    output: stopRequest,
    async handle({ params, principal }, context) {
      const stop = await context.freeze.act(params.id, { kind: 'renew' }, principal.username);
      return { body: stop, audit: { target: `StopRequest:${stop.id}` } };
    },
  }),
  route({
    method: 'post',
    path: '/stops/:id/freeze',
    summary: 'Turn a hold into a freeze, with its legal basis',
    access: ['stops:request'],
    audit: 'stops.freeze',
    input: { params: stopParams, body: z.object({ legalBasis: text(200) }) },
    output: stopRequest,
    async handle({ params, body, principal }, context) {
      const stop = await context.freeze.act(
        params.id,
        { kind: 'freeze', legalBasis: body.legalBasis },
        principal.username,
      );
      return {
        body: stop,
        audit: { target: `StopRequest:${stop.id}`, params: { legalBasis: body.legalBasis } },
      };
    },
  }),
  route({
    method: 'post',
    path: '/stops/:id/release',
    summary: 'Release a hold or a freeze early, saying why',
    access: ['stops:request'],
    audit: 'stops.release',
    input: { params: stopParams, body: z.object({ reason: text(1_000) }) },
    output: stopRequest,
    async handle({ params, body, principal }, context) {
      const stop = await context.freeze.act(
        params.id,
        { kind: 'release', reason: body.reason },
        principal.username,
      );
      return {
        body: stop,
        audit: { target: `StopRequest:${stop.id}`, params: { reason: body.reason } },
      };
    },
  }),
  route({
    method: 'get',
    path: '/money',
    summary:
      "Victims' money lost, secured by holds and still moving: of a case, a ring, or the cases of the last days",
    access: ['graph:read'],
    audit: 'money.view',
    expensive: true,
    input: { query: moneyQuery },
    output: moneySummaryOutput,
    async handle({ query }, context) {
      const summary = await moneySummary(
        context.executor,
        query.case
          ? { kind: 'case', id: query.case }
          : query.ring
            ? { kind: 'ring', id: query.ring }
            : { kind: 'centre', days: query.days, now: context.freeze.now() },
      );
      return {
        body: summary,
        audit: {
          target: query.case ? `Case:${query.case}` : query.ring ? `Ring:${query.ring}` : null,
          params: { days: query.days },
          resultSize: summary.cases.length,
        },
      };
    },
  }),
];
