/**
 * The API contract: zod schemas of every JSON answer, by area. Routes declare them as their
 * `output`, the OpenAPI document lists them, the services' answer types are inferred from them,
 * and the client imports the types (`import type`) instead of copying them.
 */
export * from './analysis';
export * from './audit';
export * from './auth';
export * from './evidence';
export * from './explore';
export * from './freeze';
export * from './exports';
export * from './health';
export * from './ingest';
export * from './shared';
export * from './trace';
export * from './workspaces';
export * from './warning';
