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
