/**
 * Saved investigations: `GET, POST /api/workspaces`, `GET, PATCH, DELETE /api/workspaces/:id`.
 * A workspace belongs to the user who saved it; others get 404. Bodies are JSON: as
 * `application/json` they are limited to the app's 1 MB, as
 * `application/vnd.ringtrace.workspace+json` (what the client sends) to 5 MB.
 */
import type { Request } from 'express';
import { z } from 'zod';
import { RingtraceError, badRequest } from '../errors';
import { workspace, workspaceList, workspaceSummary } from '../contract/workspaces';
import { pageQuery } from '../http/validation';
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
import { route, type ApiRoute } from './context';

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

export const workspaceRoutes: ApiRoute[] = [
  route({
    method: 'get',
    path: '/workspaces',
    summary: 'Your saved investigations, most recent first (without their contents)',
    access: ['graph:read'],
    audit: 'workspace.list',
    input: { query: listQuery },
    output: workspaceList,
    async handle({ query: page, principal }, context) {
      const workspaces = await listWorkspaces(context.executor, principal.username, page);
      return { body: { workspaces }, audit: { resultSize: workspaces.length } };
    },
  }),
  route({
    method: 'post',
    path: '/workspaces',
    summary: 'Save an investigation workspace: name, elements, positions, filters, notes',
    access: ['investigations:write'],
    audit: 'workspace.save',
    input: { body: createBody, readBody },
    output: workspaceSummary,
    async handle({ body, principal }, context) {
      const saved = await createWorkspace(
        context.executor,
        principal.username,
        body.name,
        body.document,
      );
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
  }),
  route({
    method: 'get',
    path: '/workspaces/:id',
    summary: 'Reopen one of your saved investigations',
    access: ['graph:read'],
    audit: 'workspace.open',
    input: { params: idParams },
    output: workspace,
    async handle({ params: { id }, principal }, context) {
      const found = await getWorkspace(context.executor, principal.username, id);
      return { body: found, audit: { target: `Workspace:${id}`, resultSize: 1 } };
    },
  }),
  route({
    method: 'patch',
    path: '/workspaces/:id',
    summary: 'Rename one of your saved investigations or replace its contents',
    access: ['investigations:write'],
    audit: 'workspace.update',
    input: { params: idParams, body: updateBody, readBody },
    output: workspaceSummary,
    async handle({ params: { id }, body, principal }, context) {
      const saved = await updateWorkspace(context.executor, principal.username, id, body);
      return {
        body: saved,
        audit: {
          target: `Workspace:${id}`,
          params: { name: saved.name, sizeBytes: saved.sizeBytes },
          resultSize: body.document?.nodes.length ?? 0,
        },
      };
    },
  }),
  route({
    method: 'delete',
    path: '/workspaces/:id',
    summary: 'Delete one of your saved investigations',
    access: ['investigations:write'],
    audit: 'workspace.delete',
    input: { params: idParams },
    output: 'empty',
    async handle({ params: { id }, principal }, context) {
      await deleteWorkspace(context.executor, principal.username, id);
      return { audit: { target: `Workspace:${id}` } };
    },
  }),
];
