/**
 * Evidence bundles for prosecutors: `POST /api/evidence` makes one (report, data, ANX chart and
 * manifest in a ZIP) and records the manifest's SHA-256 in the audit trail; `GET /api/evidence`
 * lists those made (of a case); `GET /api/evidence/:id` says what the server recorded and whether
 * the stored ZIP still matches it; `GET /api/evidence/:id/download` hands the ZIP over, recorded
 * as a hand-over. A request with the chart's picture is sent as
 * `application/vnd.ringtrace.evidence+json` (8 MB at most); as `application/json`, 1 MB.
 */
import type { Request } from 'express';
import { z } from 'zod';
import {
  EVIDENCE_MEDIA_TYPE,
  evidenceBundle,
  evidenceList,
  evidenceRecord,
  evidenceRequest,
} from '../contract/evidence';
import { RingtraceError, badRequest } from '../errors';
import { findBundle, listBundles, makeBundle } from '../evidence/service';
import { EVIDENCE_ID, EvidenceStore, evidenceDir } from '../evidence/store';
import { route, type ApiContext, type ApiRoute } from './context';

const MAX_BODY_BYTES = 8 * 1_048_576;

const idParams = z.object({
  id: z.string().regex(EVIDENCE_ID, 'an evidence bundle id (ev_YYYYMMDD_...)'),
});
const listQuery = z.object({
  case: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const stores = new WeakMap<ApiContext, EvidenceStore>();

function storeOf(context: ApiContext): EvidenceStore {
  let store = stores.get(context);
  if (!store) {
    store = new EvidenceStore(evidenceDir(context.ingest.workDir));
    stores.set(context, store);
  }
  return store;
}

function tooLarge(): RingtraceError {
  return new RingtraceError(
    'payload-too-large',
    `A bundle request is at most ${MAX_BODY_BYTES / 1_048_576} MB (the chart picture 5 MB).`,
  );
}

/** The request body: parsed by the app for `application/json`, read here for the evidence type. */
async function readBody(req: Request): Promise<unknown> {
  if (req.body !== undefined) return req.body as unknown;
  if (!req.is(EVIDENCE_MEDIA_TYPE)) {
    throw badRequest(`Send the request as application/json or ${EVIDENCE_MEDIA_TYPE}.`);
  }
  if (Number(req.header('content-length') ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

export const evidenceRoutes: ApiRoute[] = [
  route({
    method: 'post',
    path: '/evidence',
    summary:
      'Make an evidence bundle (report, GraphML, CSV, ANX chart, manifest) from an investigation, a ring, a trace or entities',
    access: ['export:create', 'graph:read-own'],
    audit: 'evidence.create',
    expensive: true,
    input: { body: evidenceRequest, readBody },
    output: evidenceBundle,
    async handle({ body, principal }, context) {
      const made = await makeBundle(context.executor, storeOf(context), principal, body);
      return {
        status: 201,
        body: made,
        audit: {
          target: `Evidence:${made.id}`,
          params: {
            manifestSha256: made.manifestSha256,
            zipSha256: made.zipSha256,
            madeFrom: made.madeFrom.kind,
            madeFromId: made.madeFrom.id,
            caseNumber: made.caseNumber,
            scope: made.scope,
            files: made.files.map((file) => `${file.name} ${file.sha256}`),
          },
          resultSize: made.counts.nodes + made.counts.events + made.counts.links,
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/evidence',
    summary:
      'Evidence bundles made (of one case with ?case=), newest first, with who made them and their hashes',
    access: ['export:create', 'graph:read-own'],
    audit: 'evidence.list',
    input: { query: listQuery },
    output: evidenceList,
    async handle({ query, principal }, context) {
      const bundles = await listBundles(storeOf(context), principal, query.case, query.limit);
      return {
        body: { bundles },
        audit: {
          params: { case: query.case ?? null, limit: query.limit },
          resultSize: bundles.length,
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/evidence/:id',
    summary:
      'What the server recorded of an evidence bundle, and whether its stored ZIP still matches',
    access: ['export:create', 'graph:read-own'],
    audit: 'evidence.view',
    input: { params: idParams },
    output: evidenceRecord,
    async handle({ params, principal }, context) {
      const found = await findBundle(storeOf(context), principal, params.id);
      return {
        body: found,
        audit: {
          target: `Evidence:${found.id}`,
          params: { manifestSha256: found.manifestSha256, intact: found.stored.intact },
          resultSize: 1,
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/evidence/:id/download',
    summary: 'Hand over an evidence bundle: the ZIP, recorded in the audit trail as a hand-over',
    access: ['export:create', 'graph:read-own'],
    audit: 'evidence.handover',
    input: { params: idParams },
    output: { stream: 'application/zip' },
    async handle({ params, principal }, context) {
      const store = storeOf(context);
      const found = await findBundle(store, principal, params.id);
      const zip = await store.zip(found.id);
      if (!zip || !found.stored.intact) {
        throw new RingtraceError(
          'conflict',
          `The stored ZIP of bundle ${found.id} is ${zip ? 'not the one recorded' : 'missing'}; it is not handed over. Make the bundle again.`,
        );
      }
      return {
        audit: {
          target: `Evidence:${found.id}`,
          params: { manifestSha256: found.manifestSha256, zipSha256: found.zipSha256 },
          resultSize: zip.byteLength,
        },
        send: (res) => {
          res.status(200);
          res.type('application/zip');
          res.setHeader(
            'Content-Disposition',
            `attachment; filename="ringtrace-evidence-${found.id}.zip"`,
          );
          res.setHeader('X-Manifest-Sha256', found.manifestSha256);
          res.end(Buffer.from(zip));
        },
      };
    },
  }),
];
