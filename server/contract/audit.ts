/** The audit trail as the API answers it. */
import { z } from 'zod';

export const auditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  role: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  /** The request's parameters, secrets removed (any JSON). */
  params: z.record(z.string(), z.unknown()),
  resultSize: z.number(),
  outcome: z.string(),
  requestId: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

/** `GET /api/audit`: newest first; `nextBefore` asks for the next (older) page. */
export const auditPage = z.object({
  entries: z.array(auditEntry),
  nextBefore: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof auditPage>;

/** `GET /api/audit/verify`. */
export const chainVerification = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  head: z.string(),
  problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })).readonly(),
});
export type ChainVerification = z.infer<typeof chainVerification>;

/** A signed statement that entry `seq` of the trail had hash `hash` at time `at` (Ed25519). */
export const auditCheckpoint = z.object({
  seq: z.number().int(),
  hash: z.string(),
  at: z.string(),
  keyId: z.string(),
  signature: z.string(),
});

/**
 * `GET /api/audit/checkpoints`: the key that signs the trail's head and its checkpoints, newest
 * first, to keep outside Ringtrace and give to `npm run audit:verify -- --checkpoints --public-key`.
 * `anchored` is false (and the rest empty) on a server that does not anchor its trail.
 */
export const auditCheckpoints = z.object({
  anchored: z.boolean(),
  publicKeyPem: z.string().nullable(),
  keyId: z.string().nullable(),
  checkpoints: z.array(auditCheckpoint),
  /** Pass as `before` to get the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});
export type AuditCheckpoints = z.infer<typeof auditCheckpoints>;
