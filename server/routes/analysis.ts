/**
 * Ring analysis: start a run (answered at once; the work goes on off the event loop), follow its
 * progress, list runs and compare two, list a run's rings and read one ring's members by role
 * with their reasons; and report-based risk: who works most closely with reported identities.
 */
import { z } from 'zod';
import { notFound } from '../errors';
import { entityRefList, isoTime, pageQuery, parseInput } from '../http/validation';
import { compareRuns, getRun, listRings, listRuns, ringDetail } from '../services/analysisRuns';
import { ENTITY_TYPES } from '../services/entities';
import type { ApiRoute } from './context';

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
const riskQuery = z.object({
  reported: entityRefList(ENTITY_TYPES, 1, 500),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});

export const analysisRoutes: ApiRoute[] = [
  {
    method: 'post',
    path: '/analysis/runs',
    summary:
      'Start a ring analysis (Leiden or Louvain, by Ringtrace or GDS) of the whole graph, a time ' +
      'window or the neighbourhood of chosen cases; answered at once with the run id',
    access: ['analysis:run'],
    audit: 'analysis.start',
    expensive: true,
    input: { body: runBody },
    async handle(req, _res, context) {
      const body = parseInput(runBody, req.body, 'body');
      const { algorithm, engine, resolution, seed, ...scope } = body;
      const { id } = await context.analysis.start(
        { algorithm, engine, resolution, seed, scope },
        req.principal?.username ?? 'unknown',
      );
      return {
        status: 202,
        body: { id, status: 'running', progress: `/api/analysis/runs/${id}` },
        audit: { target: `AnalysisRun:${id}`, params: { algorithm, engine, resolution, seed } },
      };
    },
  },
  {
    method: 'get',
    path: '/analysis/runs',
    summary: 'Analysis runs, newest first, with status and progress',
    access: ['graph:read'],
    audit: 'analysis.list',
    input: { query: pageQuery(50, 500) },
    async handle(req, _res, context) {
      const page = parseInput(pageQuery(50, 500), req.query, 'query');
      const runs = await listRuns(context.executor, page);
      return { body: { runs, ...page }, audit: { resultSize: runs.length } };
    },
  },
  {
    method: 'get',
    path: '/analysis/runs/:id',
    summary: 'One analysis run: parameters, engine, version, status, progress and results',
    access: ['graph:read'],
    audit: 'analysis.view',
    input: { params: runParams },
    async handle(req, _res, context) {
      const { id } = parseInput(runParams, req.params, 'path');
      const run = await getRun(context.executor, id);
      if (!run) throw notFound(`No analysis run ${id}.`);
      return { body: run, audit: { target: `AnalysisRun:${id}` } };
    },
  },
  {
    method: 'get',
    path: '/analysis/runs/:id/compare',
    summary: 'Compare two runs ring by ring: best match, overlap, members added and removed',
    access: ['graph:read'],
    audit: 'analysis.compare',
    input: { params: runParams, query: compareQuery },
    async handle(req, _res, context) {
      const { id } = parseInput(runParams, req.params, 'path');
      const query = parseInput(compareQuery, req.query, 'query');
      const comparison = await compareRuns(context.executor, id, query.with);
      return {
        body: comparison,
        audit: { target: `AnalysisRun:${id}`, params: { with: query.with } },
      };
    },
  },
  {
    method: 'get',
    path: '/rings',
    summary: "A run's rings (the latest finished run by default), highest score first",
    access: ['graph:read'],
    audit: 'rings.list',
    input: { query: ringsQuery },
    async handle(req, _res, context) {
      const query = parseInput(ringsQuery, req.query, 'query');
      const rows = await listRings(context.executor, query.run, {
        skip: query.skip,
        limit: query.limit + 1,
      });
      const rings = rows.slice(0, query.limit);
      return {
        body: { run: query.run, rings, skip: query.skip, more: rows.length > query.limit },
        audit: { params: { run: query.run }, resultSize: rings.length },
      };
    },
  },
  {
    method: 'get',
    path: '/rings/:run/:ring',
    summary: 'One ring: its members by role with their reasons, and the links between them',
    access: ['graph:read'],
    audit: 'rings.view',
    input: { params: ringParams },
    async handle(req, _res, context) {
      const { run, ring } = parseInput(ringParams, req.params, 'path');
      const detail = await ringDetail(context.executor, `${run}/${ring}`);
      return {
        body: detail,
        audit: { target: `Ring:${run}/${ring}`, resultSize: detail.members.length },
      };
    },
  },
  {
    method: 'get',
    path: '/analysis/risk',
    summary:
      'Who else works with these identities: every identity scored by how closely it works with ' +
      'the reported ones (personalised PageRank refined by mule and telecom signals)',
    access: ['graph:read'],
    audit: 'analysis.risk',
    expensive: true,
    input: { query: riskQuery },
    async handle(req, _res, context) {
      const query = parseInput(riskQuery, req.query, 'query');
      const result = await context.analysis.risk(query.reported, query.limit);
      return {
        body: result,
        audit: {
          target: query.reported.map((entity) => `${entity.type}:${entity.id}`).join(','),
          resultSize: result.ranking.length,
        },
      };
    },
  },
];
