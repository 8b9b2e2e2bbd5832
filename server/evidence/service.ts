/**
 * Making, finding and handing over evidence bundles. A bundle's facts are read again from Neo4j
 * as the caller may see them; the client supplies only what it is made from, its arrangement and
 * picture. Police users (graph:read) see every bundle; a partner sees the bundles it made.
 */
import { can, type Principal } from '../auth/principal';
import type { EvidenceBundle, EvidenceRecord } from '../contract/evidence';
import { EVIDENCE_MAX_PICTURE_BYTES, type evidenceRequest } from '../contract/evidence';
import type { Executor } from '../db/executor';
import { RingtraceError, badRequest, notFound } from '../errors';
import { RINGTRACE_VERSION } from '../version';
import { buildBundle } from './bundle';
import { readFacts } from './facts';
import type { BundleContext } from './model';
import { newEvidenceId, type EvidenceStore } from './store';
import type { z } from 'zod';

type Request = z.output<typeof evidenceRequest>;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The chart picture from its data URL: a PNG of at most 5 MB. */
export function decodePicture(dataUrl: string | null): Uint8Array | null {
  if (dataUrl === null) return null;
  const bytes = new Uint8Array(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
  if (bytes.byteLength > EVIDENCE_MAX_PICTURE_BYTES) {
    throw new RingtraceError('payload-too-large', 'The chart picture is larger than 5 MB.');
  }
  if (!PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    throw badRequest('arrangement.picture: not a PNG image.');
  }
  return bytes;
}

export async function makeBundle(
  executor: Executor,
  store: EvidenceStore,
  principal: Principal,
  request: Request,
): Promise<EvidenceBundle> {
  const picture = decodePicture(request.arrangement.picture);
  const facts = await readFacts(executor, principal, request.from, request.arrangement.positions);
  if (facts.nodes.length === 0) {
    throw notFound('None of the entities the bundle was asked for exists or is yours to see.');
  }
  const at = new Date();
  const context: BundleContext = {
    id: newEvidenceId(at),
    createdAt: at.toISOString(),
    createdBy: {
      username: principal.username,
      displayName: principal.displayName,
      role: principal.role,
      organisation: principal.organisation,
    },
    caseNumber: request.caseNumber,
    note: request.note,
    ringtraceVersion: RINGTRACE_VERSION,
  };
  const from = request.from;
  const built = await buildBundle(
    facts,
    context,
    picture,
    'trace' in from
      ? { method: from.method, depth: from.depth, windowHours: from.windowHours }
      : null,
  );
  const record: EvidenceBundle = {
    ...context,
    madeFrom: { kind: facts.madeFrom.kind, id: facts.madeFrom.id, title: facts.madeFrom.title },
    scope: facts.scope,
    manifestSha256: built.manifestSha256,
    zipSha256: built.zipSha256,
    zipBytes: built.zip.byteLength,
    files: [...built.files],
    counts: built.manifest.counts,
    truncated: facts.truncated,
  };
  await store.save(record, built.zip);
  return record;
}

function maySee(principal: Principal, record: EvidenceBundle): boolean {
  return can(principal, 'graph:read') || record.createdBy.username === principal.username;
}

/** A bundle's record and whether its stored ZIP still matches it; others' look absent to partners. */
export async function findBundle(
  store: EvidenceStore,
  principal: Principal,
  id: string,
): Promise<EvidenceRecord> {
  const record = await store.record(id);
  if (!record || !maySee(principal, record)) throw notFound(`No evidence bundle ${id}.`);
  return { ...record, stored: await store.check(record) };
}

/** Bundles made, newest first, of one case when `caseNumber` is given. */
export async function listBundles(
  store: EvidenceStore,
  principal: Principal,
  caseNumber: string | undefined,
  limit: number,
): Promise<EvidenceBundle[]> {
  const records = await store.list();
  return records
    .filter((record) => maySee(principal, record))
    .filter((record) => caseNumber === undefined || record.caseNumber === caseNumber)
    .slice(0, limit);
}
