/**
 * Money-flow tracing: forward from a victim's transfer (or from an account and a time), and
 * backward from an account. Each answer is the flow hop by hop with the amount each hop carries
 * under the named rule, and where the traced money sits (forward) or came from (backward).
 */
import { z } from 'zod';
import { badRequest } from '../errors';
import { backwardTrace, forwardTrace } from '../contract/trace';
import { isoTime } from '../http/validation';
import {
  TRACE_DEFAULTS,
  traceBackward,
  traceForward,
  traceForwardFromAccount,
} from '../services/trace';
import { route, type ApiRoute } from './context';

const traceOptions = {
  depth: z.coerce.number().int().min(1).max(TRACE_DEFAULTS.maxDepth).default(TRACE_DEFAULTS.depth),
  windowHours: z.coerce
    .number()
    .positive()
    .max(TRACE_DEFAULTS.maxWindowHours)
    .default(TRACE_DEFAULTS.windowHours),
  method: z.enum(['proportional', 'fifo']).default('proportional'),
};
const accountId = z
  .string()
  .trim()
  .min(3)
  .max(200)
  .regex(/^[^:]+:.+$/, 'expected BANK:NUMBER');
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as CNY')
  .optional();

const forwardQuery = z.object({
  transfer: z.string().trim().min(1).max(200).optional(),
  account: accountId.optional(),
  at: isoTime.optional(),
  amountMinor: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  currency,
  ...traceOptions,
});

const backwardQuery = z.object({
  account: accountId,
  at: isoTime.optional(),
  currency,
  ...traceOptions,
});

export const traceRoutes: ApiRoute[] = [
  route({
    method: 'get',
    path: '/trace/forward',
    summary:
      "Trace a victim's money forward through the mule layers (from its transfer, or from an " +
      'account, a time and an amount): the flow and what can still be frozen',
    access: ['graph:read'],
    audit: 'trace.forward',
    expensive: true,
    input: { query: forwardQuery },
    output: forwardTrace,
    async handle({ query }, context) {
      const options = { depth: query.depth, windowHours: query.windowHours, method: query.method };
      let trace;
      if (query.transfer) {
        if (query.account) throw badRequest('Give either "transfer" or "account", not both.');
        trace = await traceForward(context.executor, query.transfer, options);
      } else if (query.account && query.at && query.amountMinor) {
        trace = await traceForwardFromAccount(
          context.executor,
          {
            account: query.account,
            at: query.at,
            amountMinor: query.amountMinor,
            currency: query.currency,
          },
          options,
        );
      } else {
        throw badRequest(
          'Give "transfer" (a transfer id), or "account" with "at" (ISO time) and "amountMinor".',
        );
      }
      return {
        body: trace,
        audit: {
          target: query.transfer ? `Transfer:${query.transfer}` : `BankAccount:${query.account}`,
          params: { ...options, ...(query.at ? { at: query.at } : {}) },
          resultSize: trace.hops.length,
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/trace/backward',
    summary:
      'Trace the money an account received back, hop by hop, to where it came from (victims, ' +
      'money held before the window)',
    access: ['graph:read'],
    audit: 'trace.backward',
    expensive: true,
    input: { query: backwardQuery },
    output: backwardTrace,
    async handle({ query }, context) {
      const options = { depth: query.depth, windowHours: query.windowHours, method: query.method };
      const trace = await traceBackward(
        context.executor,
        {
          account: query.account,
          at: query.at ?? new Date().toISOString(),
          currency: query.currency,
        },
        options,
      );
      return {
        body: trace,
        audit: {
          target: `BankAccount:${query.account}`,
          params: { ...options, at: trace.at },
          resultSize: trace.hops.length,
        },
      };
    },
  }),
];
