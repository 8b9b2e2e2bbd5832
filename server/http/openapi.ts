/**
 * The OpenAPI 3.1 document of the API, generated from the route table: every route with its
 * method, path, summary, who may call it, its inputs from the same zod schemas the routes are
 * parsed with, and its answer from the contract's schema (`server/contract/`). Nothing is written
 * by hand, so the document cannot drift from the routes.
 */
import { z } from 'zod';
import type { RouteOutput, RouteSpec } from './routing';
import { CSRF_HEADER, SESSION_COOKIE } from './routing';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

/** The documented success answer: the contract's JSON, no content, or a stream. */
function success(output: RouteOutput) {
  if (output === 'empty') return { '204': { description: 'Done; no content' } };
  if ('stream' in output) {
    return { '200': { description: 'Success', content: { [output.stream]: {} } } };
  }
  return {
    '2XX': {
      description: 'Success',
      content: { 'application/json': { schema: jsonSchema(output, 'output') } },
    },
  };
}

/** `/entities/:type/:id` -> `/entities/{type}/{id}` */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

function parameters(where: 'path' | 'query', schema: z.ZodType | undefined) {
  if (!schema) return [];
  const object = jsonSchema(schema);
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
}

const PROBLEM = {
  description: 'What went wrong and what to fix',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

function operation<Context>(route: RouteSpec<Context>) {
  const isPublic = route.access === 'public';
  return {
    operationId: `${route.method}${route.path
      .split('/')
      .filter(Boolean)
      .map((part) => part.replace(/^:/, 'by-'))
      .map((part) =>
        part
          .split(/[-_]/)
          .map((word) => (word[0] ?? '').toUpperCase() + word.slice(1))
          .join(''),
      )
      .join('')}`,
    summary: route.summary,
    tags: [route.path.split('/')[1] ?? 'api'],
    'x-ringtrace-access': route.access,
    ...(route.audit ? { 'x-ringtrace-audit': route.audit } : {}),
    ...(route.expensive ? { 'x-ringtrace-rate-limited': true } : {}),
    security: isPublic ? [] : [{ session: [] }, { apiToken: [] }],
    parameters: [
      ...parameters('path', route.input?.params),
      ...parameters('query', route.input?.query),
    ],
    ...(route.input?.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.input.body) } },
          },
        }
      : {}),
    responses: {
      ...success(route.output),
      '400': PROBLEM,
      ...(isPublic ? {} : { '401': PROBLEM, '403': PROBLEM }),
      '404': PROBLEM,
      '429': PROBLEM,
    },
  };
}

export function openApiDocument<Context>(
  routes: readonly RouteSpec<Context>[],
  info: { version: string },
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const key = `/api${openApiPath(route.path)}`;
    paths[key] = { ...(paths[key] ?? {}), [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ringtrace API',
      version: info.version,
      description:
        'Fraud-network investigation: search, expansion, paths, money-flow tracing, shared ' +
        `identifiers, timelines. Browser sessions send the ${CSRF_HEADER} header on every ` +
        'state-changing request; API tokens go in "Authorization: Bearer".',
    },
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        apiToken: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
          },
          required: ['title', 'status'],
        },
      },
    },
  };
}
