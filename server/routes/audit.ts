/** The audit trail: search it, export it for offline verification, verify it in place. */
import { z } from 'zod';
import { canonicalJson } from '../audit/chain';
import { auditPage, chainVerification } from '../contract/audit';
import { FROM_BEFORE_TO, fromBeforeTo, timeWindow } from '../http/validation';
import { route, type ApiRoute } from './context';

const searchQuery = z
  .object({
    actor: z.string().trim().min(1).max(64).optional(),
    action: z.string().trim().min(1).max(64).optional(),
    ...timeWindow,
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);

export const auditRoutes: ApiRoute[] = [
  route({
    method: 'get',
    path: '/audit',
    summary: 'Search the audit trail (actor, action prefix, time range), newest first',
    access: ['audit:read'],
    audit: 'audit.search',
    input: { query: searchQuery },
    output: auditPage,
    async handle({ query }, context) {
      const page = await context.audit.search(query, query.before, query.limit);
      const params = Object.fromEntries(
        Object.entries(query).filter(([, value]) => value !== undefined),
      ) as Record<string, string | number>;
      return { body: page, audit: { params, resultSize: page.entries.length } };
    },
  }),
  route({
    method: 'get',
    path: '/audit/export',
    summary: 'The whole trail as JSON Lines, for `npm run audit:verify`',
    access: ['audit:read'],
    audit: 'audit.export',
    expensive: true,
    output: { stream: 'application/x-ndjson' },
    async handle(_call, context) {
      const head = await context.audit.head();
      return {
        audit: { resultSize: head.seq, params: { headSeq: head.seq } },
        send: async (res) => {
          res.status(200);
          res.type('application/x-ndjson');
          res.setHeader('Content-Disposition', 'attachment; filename="ringtrace-audit.jsonl"');
          res.setHeader('X-Audit-Head-Seq', String(head.seq));
          res.setHeader('X-Audit-Head-Hash', head.hash);
          for await (const entry of context.audit.entries(head.seq)) {
            if (!res.write(`${canonicalJson(entry)}\n`)) {
              await new Promise((resolve) => res.once('drain', resolve));
            }
          }
          res.end();
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/audit/verify',
    summary: 'Check the whole chain in the database against its head',
    access: ['audit:read'],
    audit: 'audit.verify',
    expensive: true,
    output: chainVerification,
    async handle(_call, context) {
      const result = await context.audit.verify();
      return { body: result, audit: { resultSize: result.entries, params: { ok: result.ok } } };
    },
  }),
];
