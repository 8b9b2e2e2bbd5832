/** The audit trail: search it, export it for offline verification, verify it in place. */
import { z } from 'zod';
import { canonicalJson } from '../audit/chain';
import { auditCheckpoints, auditPage, chainVerification } from '../contract/audit';
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

const checkpointsQuery = z.object({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});

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
    path: '/audit/checkpoints',
    summary: 'The public key that signs the trail and its signed checkpoints, newest first',
    access: ['audit:read'],
    audit: 'audit.checkpoints',
    input: { query: checkpointsQuery },
    output: auditCheckpoints,
    async handle({ query }, context) {
      const state = await context.audit.anchorState();
      if (!state) {
        return {
          body: {
            anchored: false,
            publicKeyPem: null,
            keyId: null,
            checkpoints: [],
            nextBefore: null,
          },
        };
      }
      const older = state.checkpoints
        .filter((checkpoint) => query.before === undefined || checkpoint.seq < query.before)
        .sort((a, b) => b.seq - a.seq || b.at.localeCompare(a.at));
      const checkpoints = older.slice(0, query.limit);
      const last = checkpoints[checkpoints.length - 1];
      return {
        body: {
          anchored: true,
          publicKeyPem: state.signer.publicKeyPem,
          keyId: state.signer.keyId,
          checkpoints,
          nextBefore: older.length > query.limit && last ? last.seq : null,
        },
        audit: {
          params: { before: query.before ?? null, limit: query.limit },
          resultSize: checkpoints.length,
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
