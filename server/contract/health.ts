/** What the server says about itself: its health, and the API's own description. */
import { z } from 'zod';

const pluginHealth = z.object({ loaded: z.boolean(), version: z.string().nullable() });

/** `GET /api/health` (status 503 when Neo4j cannot be reached). */
export const healthReport = z.object({
  status: z.enum(['ok', 'degraded', 'unavailable']),
  neo4j: z.object({
    reachable: z.boolean(),
    kind: z.enum(['local', 'remote']),
    version: z.string().nullable(),
    edition: z.string().nullable(),
    database: z.string(),
    /** The local server Ringtrace runs and keeps running: its state and restarts (null: remote). */
    local: z
      .object({
        state: z.enum(['running', 'restarting', 'stopped']),
        restarts: z.number().int(),
        lastExitAt: z.string().nullable(),
        lastExit: z.string().nullable(),
        lastRestartAt: z.string().nullable(),
      })
      .nullable(),
  }),
  gds: pluginHealth,
  apoc: pluginHealth,
  schema: z.object({
    inPlace: z.boolean(),
    /** Constraints and indexes that are missing or not yet online. */
    missing: z.array(z.string()).readonly(),
  }),
});
export type HealthReport = z.infer<typeof healthReport>;

/** `GET /api/openapi.json`: an OpenAPI 3.1 document. */
export const openApiDocument = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});
