/**
 * Saved investigations: `GET, POST /api/workspaces`, `GET, PATCH, DELETE /api/workspaces/:id`.
 * A workspace belongs to the user who saved it; others get 404. Bodies are JSON: as
 * `application/json` they are limited to the app's 1 MB, as
 * `application/vnd.ringtrace.workspace+json` (what the client sends) to 5 MB.
 */
import type { Request } from 'express';
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { RingtraceError, badRequest } from '../errors';
import { pageQuery, parseInput } from '../http/validation';
import {
  WORKSPACE_LIMITS,
  createWorkspace,
  deleteWorkspace,
  getWorkspace,
  listWorkspaces,
  updateWorkspace,
  workspaceDocument,
  workspaceName,
} from '../services/workspaces';
import type { ApiRoute } from './context';

export const WORKSPACE_MEDIA_TYPE = 'application/vnd.ringtrace.workspace+json';

const listQuery = pageQuery(100, 500);
const idParams = z.object({ id: z.string().trim().min(1).max(100) });
const createBody = z.object({ name: workspaceName, document: workspaceDocument });
const updateBody = z
  .object({ name: workspaceName.optional(), document: workspaceDocument.optional() })
  .refine((body) => body.name !== undefined || body.document !== undefined, {
    message: 'give a new name, a new document or both',
  });

function tooLarge(): RingtraceError {
  return new RingtraceError(
    'payload-too-large',
    `A workspace is at most ${WORKSPACE_LIMITS.maxBytes / 1_048_576} MB of JSON.`,
  );
}

/** The request body: parsed by the app for `application/json`, read here for the workspace type. */
async function readBody(req: Request): Promise<unknown> {
  if (req.body !== undefined) return req.body as unknown;
  if (!req.is(WORKSPACE_MEDIA_TYPE)) {
    throw badRequest(`Send the workspace as application/json or ${WORKSPACE_MEDIA_TYPE}.`);
  }
  const declared = Number(req.header('content-length') ?? 0);
  if (declared > WORKSPACE_LIMITS.maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > WORKSPACE_LIMITS.maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

function owner(req: Request): string {
  return (req.principal as Principal).username;
}

export const workspaceRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/workspaces',
    summary: 'Your saved investigations, most recent first (without their contents)',
    access: ['graph:read'],
    audit: 'workspace.list',
    input: { query: listQuery },
    async handle(req, _res, context) {
      const page = parseInput(listQuery, req.query, 'query');
      const workspaces = await listWorkspaces(context.executor, owner(req), page);
      return { body: { workspaces }, audit: { resultSize: workspaces.length } };
    },
  },
  {
    method: 'post',
    path: '/workspaces',
    summary: 'Save an investigation workspace: name, elements, positions, filters, notes',
    access: ['graph:read'],
    audit: 'workspace.save',
    input: { body: createBody },
    async handle(req, _res, context) {
      const body = parseInput(createBody, await readBody(req), 'body');
      const saved = await createWorkspace(context.executor, owner(req), body.name, body.document);
      return {
        status: 201,
        body: saved,
        audit: {
          target: `Workspace:${saved.id}`,
          params: { name: saved.name, sizeBytes: saved.sizeBytes },
          resultSize: body.document.nodes.length,
        },
      };
    },
  },
  {
    method: 'get',
    path: '/workspaces/:id',
    summary: 'Reopen one of your saved investigations',
    access: ['graph:read'],
    audit: 'workspace.open',
    input: { params: idParams },
    async handle(req, _res, context) {
      const { id } = parseInput(idParams, req.params, 'path');
      const workspace = await getWorkspace(context.executor, owner(req), id);
      return { body: workspace, audit: { target: `Workspace:${id}`, resultSize: 1 } };
    },
  },
  {
    method: 'patch',
    path: '/workspaces/:id',
    summary: 'Rename one of your saved investigations or replace its contents',
    access: ['graph:read'],
    audit: 'workspace.update',
    input: { params: idParams, body: updateBody },
    async handle(req, _res, context) {
      const { id } = parseInput(idParams, req.params, 'path');
      const body = parseInput(updateBody, await readBody(req), 'body');
      const saved = await updateWorkspace(context.executor, owner(req), id, body);
      return {
        body: saved,
        audit: {
          target: `Workspace:${id}`,
          params: { name: saved.name, sizeBytes: saved.sizeBytes },
          resultSize: body.document?.nodes.length ?? 0,
        },
      };
    },
  },
  {
    method: 'delete',
    path: '/workspaces/:id',
    summary: 'Delete one of your saved investigations',
    access: ['graph:read'],
    audit: 'workspace.delete',
    input: { params: idParams },
    async handle(req, _res, context) {
      const { id } = parseInput(idParams, req.params, 'path');
      await deleteWorkspace(context.executor, owner(req), id);
      return { audit: { target: `Workspace:${id}` } };
    },
  },
];
