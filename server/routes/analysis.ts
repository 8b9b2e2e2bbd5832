/**
 * Ring analysis: start a run (answered at once; the work goes on off the event loop), follow its
 * progress, list runs and compare two, list a run's rings and read one ring's members by role
 * with their reasons; and report-based risk: who works most closely with reported identities, a
 * short list in the query string or thousands in a POST body (a read: same permission), answered
 * a page at a time.
 */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import { RingtraceError, notFound } from '../errors';
import { withAudit, type AuditDetails, type RouteResult } from '../http/routing';
import {
  analysisRun,
  analysisRuns,
  riskPage,
  ringDetail as ringAnswer,
  rings,
  runComparison,
  runStarted,
  type RiskPage as RiskAnswer,
} from '../contract/analysis';
import { commaList, entityRefList, isoTime, pageQuery } from '../http/validation';
import type { RiskPage, RiskRequest } from '../services/analysis';
import { compareRuns, getRun, listRings, listRuns, ringDetail } from '../services/analysisRuns';
import { ENTITY_TYPES } from '../services/entities';
import { route, type ApiContext, type ApiRoute } from './context';

const runBody = z
  .object({
    algorithm: z.enum(['leiden', 'louvain']).default('leiden'),
    engine: z.enum(['ringtrace', 'gds']).default('ringtrace'),
    resolution: z.number().positive().max(100).default(1),
    seed: z.number().int().min(0).max(2_147_483_647).default(1),
    from: isoTime.optional(),
    to: isoTime.optional(),
    cases: z.array(z.string().trim().min(1).max(100)).min(1).max(500).optional(),
    hops: z.number().int().min(1).max(6).optional(),
  })
  .strict()
  .refine((body) => !body.from || !body.to || body.from < body.to, {
    message: '"from" must be before "to"',
  });
const runParams = z.object({ id: z.string().trim().min(1).max(100) });
const compareQuery = z.object({ with: z.string().trim().min(1).max(100) });
const ringsQuery = pageQuery(50, 500).extend({
  run: z.string().trim().min(1).max(100).default('latest'),
});
const ringParams = z.object({
  run: z.string().trim().min(1).max(100),
  ring: z.string().trim().min(1).max(100),
});
/**
 * Reported identities a POST may name; bodies are capped at 1 MB (server/app.ts), which holds
 * 20,000 account numbers or phone numbers.
 */
const MAX_REPORTED = 20_000;
/** Reported identities the GET query string takes; longer lists go in a POST body. */
const MAX_REPORTED_IN_QUERY = 500;
/** Ranking entries a page at most; `offset` reaches every position. */
const MAX_RISK_PAGE = 1_000;
/** Reported identities written into the audit entry's target; all are counted and hashed. */
const AUDITED_TARGETS = 500;

const USE_POST = 'send longer lists as POST /api/analysis/risk {"reported": ["Type:id", ...]}';
const riskQuery = z.object({
  reported: z
    .string()
    .max(10_000, `at most 10,000 characters; ${USE_POST}`)
    .refine(
      (text) => text.split(',').filter((item) => item.trim()).length <= MAX_REPORTED_IN_QUERY,
      {
        message: `at most ${MAX_REPORTED_IN_QUERY} identities; ${USE_POST}`,
      },
    )
    .pipe(entityRefList(ENTITY_TYPES, 1, MAX_REPORTED_IN_QUERY)),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_RISK_PAGE).default(100),
  types: commaList(ENTITY_TYPES).optional(),
  includeCases: z.enum(['true', 'false']).default('false'),
});
/** One `Type:id`, read as the GET's list reads each of its items. */
const reportedItem = z
  .string()
  .refine((text) => !text.includes(','), { message: 'one "Type:id" an item, without commas' })
  .pipe(entityRefList(ENTITY_TYPES, 1, 1))
  .transform((refs) => refs[0] as { type: (typeof ENTITY_TYPES)[number]; id: string });
const riskBody = z
  .object({
    reported: z
      .array(reportedItem)
      .min(1)
      .max(MAX_REPORTED, `at most ${MAX_REPORTED.toLocaleString('en')} identities a request`),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(MAX_RISK_PAGE).default(100),
    types: z.array(z.enum(ENTITY_TYPES)).min(1).optional(),
    includeCases: z.boolean().default(false),
  })
  .strict();

/** Refuses a body naming too many identities before its items are read. */
function checkReportedCount(body: unknown): void {
  const reported = (body as { reported?: unknown } | undefined)?.reported;
  if (Array.isArray(reported) && reported.length > MAX_REPORTED) {
    throw new RingtraceError(
      'payload-too-large',
      `body.reported names ${reported.length.toLocaleString('en')} identities; send at most ` +
        `${MAX_REPORTED.toLocaleString('en')} in one request.`,
    );
  }
}

/** What a risk request is audited with: the first identities, and how many and which (hash). */
function riskAudit(request: RiskRequest, page?: RiskPage): AuditDetails {
  const keys = request.reported.map((entity) => `${entity.type}:${entity.id}`);
  return {
    target: keys.slice(0, AUDITED_TARGETS).join(','),
    params: {
      reported: keys.length,
      reportedSha256: createHash('sha256')
        .update([...keys].sort().join('\n'))
        .digest('hex'),
      offset: request.offset,
      limit: request.limit,
      types: request.types ? [...request.types] : null,
      includeCases: request.includeCases ?? false,
    },
    resultSize: page?.ranking.length ?? 0,
  };
}

/** Answers a risk request; a refused one is audited with what it asked. */
async function answerRisk(
  context: ApiContext,
  request: RiskRequest,
): Promise<RouteResult<RiskAnswer>> {
  try {
    const page = await context.analysis.risk(request);
    return { body: page, audit: riskAudit(request, page) };
  } catch (error) {
    throw error instanceof RingtraceError ? withAudit(error, riskAudit(request)) : error;
  }
}

const RISK_SUMMARY =
  'every identity scored by how closely it works with the reported ones (personalised PageRank ' +
  'refined by mule and telecom signals), one page of the ranking (Case nodes only when asked), ' +
  'with when the analysis graph used was read';

export const analysisRoutes: ApiRoute[] = [
  route({
    method: 'post',
    path: '/analysis/runs',
    summary:
      'Start a ring analysis (Leiden or Louvain, by Ringtrace or GDS) of the whole graph, a time ' +
      'window or the neighbourhood of chosen cases; answered at once with the run id',
    access: ['analysis:run'],
    audit: 'analysis.start',
    expensive: true,
    input: { body: runBody },
    output: runStarted,
    async handle({ body, principal }, context) {
      const { algorithm, engine, resolution, seed, ...scope } = body;
      const { id } = await context.analysis.start(
        { algorithm, engine, resolution, seed, scope },
        principal.username,
      );
      return {
        status: 202,
        body: { id, status: 'running' as const, progress: `/api/analysis/runs/${id}` },
        audit: { target: `AnalysisRun:${id}`, params: { algorithm, engine, resolution, seed } },
      };
    },
  }),
  route({
    method: 'get',
    path: '/analysis/runs',
    summary: 'Analysis runs, newest first, with status and progress',
    access: ['graph:read'],
    audit: 'analysis.list',
    input: { query: pageQuery(50, 500) },
    output: analysisRuns,
    async handle({ query: page }, context) {
      const runs = await listRuns(context.executor, page);
      return { body: { runs, ...page }, audit: { resultSize: runs.length } };
    },
  }),
  route({
    method: 'get',
    path: '/analysis/runs/:id',
    summary: 'One analysis run: parameters, engine, version, status, progress and results',
    access: ['graph:read'],
    audit: 'analysis.view',
    input: { params: runParams },
    output: analysisRun,
    async handle({ params: { id } }, context) {
      const run = await getRun(context.executor, id);
      if (!run) throw notFound(`No analysis run ${id}.`);
      return { body: run, audit: { target: `AnalysisRun:${id}` } };
    },
  }),
  route({
    method: 'get',
    path: '/analysis/runs/:id/compare',
    summary: 'Compare two runs ring by ring: best match, overlap, members added and removed',
    access: ['graph:read'],
    audit: 'analysis.compare',
    input: { params: runParams, query: compareQuery },
    output: runComparison,
    async handle({ params: { id }, query }, context) {
      const comparison = await compareRuns(context.executor, id, query.with);
      return {
        body: comparison,
        audit: { target: `AnalysisRun:${id}`, params: { with: query.with } },
      };
    },
  }),
  route({
    method: 'get',
    path: '/rings',
    summary: "A run's rings (the latest finished run by default), highest score first",
    access: ['graph:read'],
    audit: 'rings.list',
    input: { query: ringsQuery },
    output: rings,
    async handle({ query }, context) {
      const rows = await listRings(context.executor, query.run, {
        skip: query.skip,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      return {
        body: { run: query.run, rings: page, skip: query.skip, more: rows.length > query.limit },
        audit: { params: { run: query.run }, resultSize: page.length },
      };
    },
  }),
  route({
    method: 'get',
    path: '/rings/:run/:ring',
    summary: 'One ring: its members by role with their reasons, and the links between them',
    access: ['graph:read'],
    audit: 'rings.view',
    input: { params: ringParams },
    output: ringAnswer,
    async handle({ params: { run, ring } }, context) {
      const detail = await ringDetail(context.executor, `${run}/${ring}`);
      return {
        body: detail,
        audit: { target: `Ring:${run}/${ring}`, resultSize: detail.members.length },
      };
    },
  }),
  route({
    method: 'get',
    path: '/analysis/risk',
    summary: `Who else works with these identities (up to ${MAX_REPORTED_IN_QUERY}): ${RISK_SUMMARY}`,
    access: ['graph:read'],
    audit: 'analysis.risk',
    expensive: true,
    input: { query: riskQuery },
    output: riskPage,
    async handle({ query }, context) {
      const request: RiskRequest = {
        reported: query.reported,
        offset: query.offset,
        limit: query.limit,
        types: query.types,
        includeCases: query.includeCases === 'true',
      };
      return answerRisk(context, request);
    },
  }),
  route({
    method: 'post',
    path: '/analysis/risk',
    summary: `Who else works with these identities (up to ${MAX_REPORTED}, in the body; a read): ${RISK_SUMMARY}`,
    access: ['graph:read'],
    audit: 'analysis.risk',
    expensive: true,
    input: {
      body: riskBody,
      readBody(req: Request) {
        checkReportedCount(req.body);
        return req.body as unknown;
      },
    },
    output: riskPage,
    async handle({ body }, context) {
      return answerRisk(context, body);
    },
  }),
];
