/**
 * Evidence bundles from the workspace: the view's entities (or, when the view is one ring, that
 * ring), their positions and a picture of the chart go to `POST /api/evidence`; the server reads
 * the facts again, records the bundle's hash in the audit trail, and the browser downloads the
 * sealed ZIP. The i2 chart (ANX) on its own is taken from such a bundle, so it is recorded too.
 */
import { unzipSync } from 'fflate';
import type { EvidenceBundle, EvidenceList, EvidenceRequest } from '../../../../server/contract';
import type { ViewSnapshot } from './snapshot';
import { formatTime } from '../../time';

/** The media type that lets the request carry the chart's picture (`EVIDENCE_MEDIA_TYPE`). */
export const EVIDENCE_MEDIA_TYPE = 'application/vnd.ringtrace.evidence+json';
/** Largest picture sent (`EVIDENCE_MAX_PICTURE_BYTES`); a larger one is left out. */
export const MAX_PICTURE_BYTES = 5 * 1_048_576;
/** Kinds a bundle is made of (`cypher/evidence/identitiesByIds.cypher`). */
const KINDS = new Set([
  'Person',
  'PhoneNumber',
  'SIM',
  'Device',
  'BankAccount',
  'PlatformAccount',
  'IPAddress',
  'Case',
]);

/** The forward trace the workspace's money-flow form names (from a transfer). */
export interface TraceOnScreen {
  readonly transfer: string;
  readonly depth: number;
  readonly windowHours: number;
}

/**
 * The request for a bundle of the view: its ring when every entity on screen is a member of the
 * same ring (roles and reasons come with it); the trace when the view is the accounts of the
 * forward trace the form names, its victim's transfer drawn (the money trail comes with it);
 * otherwise its entities. Positions by `Type:id`.
 */
export function evidenceRequest(
  view: ViewSnapshot,
  picture: string | null,
  caseNumber: string | null,
  note: string | null = null,
  trace: TraceOnScreen | null = null,
): EvidenceRequest {
  const entities = view.nodes.filter((node) => KINDS.has(node.data.type));
  const positions = Object.fromEntries(
    entities.map((node) => [
      `${node.data.type}:${node.data.entityId}`,
      { x: Math.round(node.position.x), y: Math.round(node.position.y) },
    ]),
  );
  const rings = new Set(entities.map((node) => node.data.ring ?? ''));
  const [ring] = [...rings];
  const traced =
    trace !== null &&
    trace.transfer !== '' &&
    entities.every((node) => node.data.type === 'BankAccount') &&
    view.edges.some((edge) => edge.data.id === `Transfer:${trace.transfer}`);
  const from =
    rings.size === 1 && ring && /^[^/]+\/[^/]+$/.test(ring)
      ? { ring }
      : traced
        ? {
            trace: trace.transfer,
            depth: Math.min(6, Math.max(1, Math.round(trace.depth))),
            windowHours: Math.min(336, Math.max(1, trace.windowHours)),
          }
        : {
            entities: entities
              .slice(0, 5_000)
              .map((node) => `${node.data.type}:${node.data.entityId}`),
          };
  return {
    from,
    arrangement: { positions, picture },
    caseNumber: caseNumber?.trim() || null,
    note: note?.trim() || null,
  };
}

/** The chart's picture as a data URL, or null when it is larger than the server takes. */
export async function pictureOf(png: Blob): Promise<string | null> {
  if (png.size > MAX_PICTURE_BYTES) return null;
  const bytes = new Uint8Array(await png.arrayBuffer());
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return `data:image/png;base64,${btoa(binary)}`;
}

export type EvidenceApi = <T>(
  method: string,
  path: string,
  body?: unknown,
  contentType?: string,
) => Promise<T>;

/** Makes the bundle on the server; the answer names its files and hashes. */
export function makeBundle(call: EvidenceApi, request: EvidenceRequest): Promise<EvidenceBundle> {
  return call<EvidenceBundle>('POST', '/evidence', request, EVIDENCE_MEDIA_TYPE);
}

/** Fetches a bundle's ZIP (the server records the hand-over). */
export async function fetchBundle(id: string): Promise<Blob> {
  const response = await fetch(`/api/evidence/${encodeURIComponent(id)}/download`, {
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string };
    throw new Error(problem.detail ?? `The bundle could not be downloaded (${response.status}).`);
  }
  return response.blob();
}

/** One file of a bundle's ZIP (the ANX chart on its own). */
export async function fileOfBundle(zip: Blob, name: string): Promise<Uint8Array> {
  const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
  const file = files[name];
  if (!file) throw new Error(`The bundle has no ${name}.`);
  return file;
}

/** Bundles made of a case (all of them without one), newest first. */
export async function listBundles(call: EvidenceApi, caseNumber: string | null) {
  const query = caseNumber ? `?case=${encodeURIComponent(caseNumber)}` : '';
  return (await call<EvidenceList>('GET', `/evidence${query}`)).bundles;
}

/** A line per bundle for the message area: when, who, what from, the manifest hash. */
export function bundleLine(bundle: EvidenceBundle): string {
  return (
    `${formatTime(bundle.createdAt)} ${bundle.createdBy.username}: ` +
    `${bundle.madeFrom.title} (${bundle.id}), manifest SHA-256 ${bundle.manifestSha256}`
  );
}
