/**
 * Evidence bundles for prosecutors: what the client asks for (the source, its arrangement and
 * picture) and what the server records of each bundle it made (its files and their SHA-256).
 */
import { z } from 'zod';
import { allocationMethod } from './trace';

/** Most entities one bundle may be made from. */
export const EVIDENCE_MAX_ENTITIES = 5_000;
/** Largest chart picture (PNG), decoded. */
export const EVIDENCE_MAX_PICTURE_BYTES = 5 * 1_048_576;
/** The media type the client sends a bundle request as (bodies up to 8 MB, for the picture). */
export const EVIDENCE_MEDIA_TYPE = 'application/vnd.ringtrace.evidence+json';

const entityKey = z
  .string()
  .min(3)
  .max(300)
  .regex(/^[A-Za-z]+:.+$/, 'an entity as Type:id');

/** What a bundle is made from: a saved investigation, a ring of a run, a trace, or entities. */
export const evidenceFrom = z.union([
  z.strictObject({ investigation: z.string().trim().min(1).max(100) }),
  z.strictObject({
    ring: z
      .string()
      .trim()
      .max(300)
      .regex(/^[^/]+\/[^/]+$/, 'a ring as run/ring'),
  }),
  z.strictObject({
    trace: z.string().trim().min(1).max(300),
    method: allocationMethod.default('proportional'),
    depth: z.number().int().min(1).max(6).default(4),
    windowHours: z
      .number()
      .min(1)
      .max(14 * 24)
      .default(72),
  }),
  z.strictObject({ entities: z.array(entityKey).min(1).max(EVIDENCE_MAX_ENTITIES) }),
]);
export type EvidenceFrom = z.output<typeof evidenceFrom>;

const position = z.object({ x: z.number().finite(), y: z.number().finite() });

/** How the investigator arranged the chart: node positions by `Type:id`, and its picture. */
export const evidenceArrangement = z.object({
  positions: z.record(z.string().max(300), position).default({}),
  /** The chart as a PNG data URL (at most 5 MB decoded). */
  picture: z
    .string()
    .max(Math.ceil((EVIDENCE_MAX_PICTURE_BYTES * 4) / 3) + 100)
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'a PNG data URL')
    .nullable()
    .default(null),
});

/** `POST /api/evidence`. */
export const evidenceRequest = z.object({
  from: evidenceFrom,
  arrangement: evidenceArrangement.default({ positions: {}, picture: null }),
  caseNumber: z.string().trim().min(1).max(100).nullable().default(null),
  note: z.string().trim().max(2_000).nullable().default(null),
});
export type EvidenceRequest = z.input<typeof evidenceRequest>;

/** One file of a bundle. */
export const evidenceFile = z.object({
  name: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
});

/** What the server recorded of a bundle it made. */
export const evidenceBundle = z.object({
  id: z.string(),
  createdAt: z.string(),
  createdBy: z.object({
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    organisation: z.string().nullable(),
  }),
  caseNumber: z.string().nullable(),
  note: z.string().nullable(),
  /** `investigation`, `ring`, `trace` or `entities`, with the id and a title. */
  madeFrom: z.object({ kind: z.string(), id: z.string(), title: z.string() }),
  /** `all`, or the partner organisation whose records alone the bundle holds. */
  scope: z.string(),
  ringtraceVersion: z.string(),
  /** SHA-256 of `manifest.json` as stored in the ZIP: the bundle's fingerprint. */
  manifestSha256: z.string(),
  zipSha256: z.string(),
  zipBytes: z.number().int(),
  files: z.array(evidenceFile),
  counts: z.object({
    nodes: z.number().int(),
    events: z.number().int(),
    links: z.number().int(),
    sources: z.number().int(),
  }),
  /** True when more records joined the entities than a bundle holds. */
  truncated: z.boolean(),
});
export type EvidenceBundle = z.infer<typeof evidenceBundle>;

/** `GET /api/evidence/:id`: the record, and whether the stored ZIP still matches it. */
export const evidenceRecord = evidenceBundle.extend({
  stored: z.object({ present: z.boolean(), intact: z.boolean() }),
});
export type EvidenceRecord = z.infer<typeof evidenceRecord>;

/** `GET /api/evidence?case=`: bundles made, newest first. */
export const evidenceList = z.object({ bundles: z.array(evidenceBundle) });
export type EvidenceList = z.infer<typeof evidenceList>;
