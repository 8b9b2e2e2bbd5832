/**
 * Shared identifiers: `GET /api/shared/handsets` (many SIMs: SIM boxes), `/api/shared/origins`
 * (accounts opened from one handset, address or number), `/api/shared/reported` (named in
 * several reports, optionally across stations), and same-person candidates with their reviews.
 */
import { z } from 'zod';
import { badRequest } from '../errors';
import {
  identityReview,
  namedInReports as reportedAnswer,
  samePersonCandidates as candidatesAnswer,
  sharedHandsets,
  sharedOrigins as originsAnswer,
} from '../contract/shared';
import { entityRefList, pageQuery } from '../http/validation';
import {
  SHARED_DEFAULTS,
  devicesWithManySims,
  namedInReports,
  reviewSamePerson,
  samePersonCandidates,
  sharedOrigins,
} from '../services/shared';
import { route, type ApiRoute } from './context';

const PERSON_LIKE = ['Person', 'PlatformAccount'] as const;

const handsetQuery = pageQuery(50, 500).extend({
  minSims: z.coerce.number().int().min(2).max(1_000).default(SHARED_DEFAULTS.minSims),
});
const originQuery = pageQuery(50, 500).extend({
  minAccounts: z.coerce
    .number()
    .int()
    .min(2)
    .max(SHARED_DEFAULTS.maxAccounts)
    .default(SHARED_DEFAULTS.minAccounts),
});
const reportedQuery = pageQuery(50, 500).extend({
  minCases: z.coerce.number().int().min(1).max(1_000).default(SHARED_DEFAULTS.minCases),
  acrossStations: z.enum(['true', 'false']).default('false'),
});
const candidateQuery = pageQuery(50, 500).extend({
  entity: entityRefList(PERSON_LIKE, 1, 1).optional(),
  minScore: z.coerce.number().min(0).max(1).default(SHARED_DEFAULTS.minScore),
  status: z.enum(['open', 'confirmed', 'rejected']).optional(),
});
const reviewBody = z
  .object({
    a: entityRefList(PERSON_LIKE, 1, 1),
    b: entityRefList(PERSON_LIKE, 1, 1),
    decision: z.enum(['confirmed', 'rejected']),
    note: z.string().trim().max(2_000).optional(),
  })
  .strict();

export const sharedRoutes: ApiRoute[] = [
  route({
    method: 'get',
    path: '/shared/handsets',
    summary: 'Handsets that carried many SIMs (SIM boxes, burner phones), most SIMs first',
    access: ['graph:read'],
    audit: 'shared.handsets',
    input: { query: handsetQuery },
    output: sharedHandsets,
    async handle({ query }, context) {
      const handsets = await devicesWithManySims(context.executor, query.minSims, query);
      return {
        body: { handsets, skip: query.skip, limit: query.limit },
        audit: { params: { minSims: query.minSims }, resultSize: handsets.length },
      };
    },
  }),
  route({
    method: 'get',
    path: '/shared/origins',
    summary: 'Handsets, addresses and numbers several platform accounts were registered from',
    access: ['graph:read'],
    audit: 'shared.origins',
    input: { query: originQuery },
    output: originsAnswer,
    async handle({ query }, context) {
      const origins = await sharedOrigins(context.executor, query.minAccounts, query);
      return {
        body: { origins, skip: query.skip, limit: query.limit },
        audit: { params: { minAccounts: query.minAccounts }, resultSize: origins.length },
      };
    },
  }),
  route({
    method: 'get',
    path: '/shared/reported',
    summary:
      'Numbers, accounts and handles named in several reports; acrossStations=true keeps those ' +
      'linking cases of different stations',
    access: ['graph:read'],
    audit: 'shared.reported',
    input: { query: reportedQuery },
    output: reportedAnswer,
    async handle({ query }, context) {
      const entities = await namedInReports(
        context.executor,
        query.minCases,
        query.acrossStations === 'true',
        query,
      );
      return {
        body: { entities, skip: query.skip, limit: query.limit },
        audit: {
          params: { minCases: query.minCases, acrossStations: query.acrossStations },
          resultSize: entities.length,
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/shared/same-person',
    summary:
      'Candidate same-person links (people, platform accounts) with a score, reasons and the ' +
      'latest review',
    access: ['graph:read'],
    audit: 'shared.same-person',
    expensive: true,
    input: { query: candidateQuery },
    output: candidatesAnswer,
    async handle({ query }, context) {
      const entity = query.entity?.[0];
      const result = await samePersonCandidates(context.executor, {
        ...(entity ? { entity } : {}),
        minScore: query.minScore,
        ...(query.status ? { status: query.status } : {}),
        skip: query.skip,
        limit: query.limit,
      });
      return {
        body: { ...result, skip: query.skip, limit: query.limit },
        audit: {
          target: entity ? `${entity.type}:${entity.id}` : null,
          params: { minScore: query.minScore },
          resultSize: result.candidates.length,
        },
      };
    },
  }),
  route({
    method: 'post',
    path: '/shared/same-person/reviews',
    summary: 'Confirm or reject a candidate same-person link (kept with who decided and when)',
    access: ['investigations:write'],
    audit: 'shared.same-person-review',
    input: { body: reviewBody },
    output: identityReview,
    async handle({ body, principal }, context) {
      const [a] = body.a;
      const [b] = body.b;
      if (!a || !b) throw badRequest('Give both entities as Type:id.');
      const review = await reviewSamePerson(
        context.executor,
        { a, b, decision: body.decision, note: body.note },
        principal.username,
      );
      return {
        status: 201,
        body: review,
        audit: { target: review.pair, params: { decision: body.decision } },
      };
    },
  }),
];
