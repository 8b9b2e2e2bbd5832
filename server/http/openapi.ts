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

const PROBLEM_CONTENT = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};

function problem(description: string, retryAfter = false) {
  return {
    description,
    ...(retryAfter
      ? {
          headers: {
            'Retry-After': {
              description: 'Seconds to wait before trying again',
              schema: { type: 'integer' },
            },
          },
        }
      : {}),
    content: PROBLEM_CONTENT,
  };
}

/**
 * The error answers a route can give, each an `application/problem+json` document: 400 (inputs),
 * 401 and 403 (guarded routes), 404, 409 (writes: a record that already exists, a run already
 * going), 413 (bodies over their limit), 429 (throttled) and 503 (Neo4j unreachable or a query
 * over its time; both carry Retry-After); and 431, without a body, from Node's HTTP server when the
 * request line and headers exceed 16 KB (a very long query string). Other methods on a documented path answer 405 with
 * `Allow`, which OpenAPI describes by leaving those methods out.
 */
function errorResponses<Context>(route: RouteSpec<Context>) {
  const isPublic = route.access === 'public';
  const unavailable = problem('The database is unavailable or the query took too long', true);
  return {
    '400': problem('The request is malformed; the detail names the field'),
    ...(isPublic
      ? route.alsoAnswers?.includes(401)
        ? { '401': problem('Wrong credentials') }
        : {}
      : {
          '401': problem('No valid session or API token'),
          '403': problem('Signed in, but the role, token scope or CSRF token does not allow it'),
        }),
    '404': problem('No such entity, record or route'),
    ...(route.method === 'get' ? {} : { '409': problem('Conflicts with what is stored') }),
    ...(route.input?.body ? { '413': problem('The request body is too large') } : {}),
    '429': problem('Too many requests; wait and try again', true),
    // Answered by Node's HTTP server itself, without a body, before Ringtrace sees the request.
    '431': {
      description: 'The request line and headers exceed 16 KB (use the POST form of long queries)',
    },
    '503':
      route.unavailableAnswer === 'output' &&
      typeof route.output === 'object' &&
      'parse' in route.output
        ? {
            ...unavailable,
            content: {
              ...PROBLEM_CONTENT,
              'application/json': { schema: jsonSchema(route.output, 'output') },
            },
          }
        : unavailable,
  };
}

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
    responses: { ...success(route.output), ...errorResponses(route) },
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
