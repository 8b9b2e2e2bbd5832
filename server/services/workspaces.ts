/**
 * Saved investigation workspaces: the investigator's canvas (elements, positions, filters, notes)
 * stored as JSON text in Neo4j, owned by the user who saved it. Every read, change and delete is
 * scoped to the owner inside the query, so another user's workspace looks the same as none (404).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Workspace } from '../contract/workspaces';
import type { Executor } from '../db/executor';
import { queries, type WorkspaceRow } from '../db/queries';
import { RingtraceError, badRequest, notFound } from '../errors';

export const WORKSPACE_LIMITS = {
  /** Largest workspace document, as JSON text. */
  maxBytes: 5 * 1_048_576,
  /** Most workspaces one user keeps. */
  perUser: 500,
  maxNodes: 50_000,
  maxEdges: 200_000,
} as const;

const element = z.looseObject({ data: z.looseObject({ id: z.string().min(1).max(1_000) }) });

/** What a workspace document must be: nodes and links with ids; the rest is the client's. */
export const workspaceDocument = z.looseObject({
  version: z.number().int().min(1),
  nodes: z.array(element).max(WORKSPACE_LIMITS.maxNodes),
  edges: z
    .array(
      z.looseObject({
        data: z.looseObject({
          id: z.string().min(1).max(2_000),
          source: z.string().min(1).max(1_000),
          target: z.string().min(1).max(1_000),
        }),
      }),
    )
    .max(WORKSPACE_LIMITS.maxEdges),
  notes: z.string().max(100_000).optional(),
});

export const workspaceName = z.string().trim().min(1).max(200);

/** A saved workspace with its document, as the API answers it. */
export type WorkspaceView = Workspace;

function serialise(document: unknown): { text: string; sizeBytes: number } {
  const text = JSON.stringify(document);
  const sizeBytes = Buffer.byteLength(text, 'utf8');
  if (sizeBytes > WORKSPACE_LIMITS.maxBytes) {
    throw new RingtraceError(
      'payload-too-large',
      `The workspace is ${(sizeBytes / 1_048_576).toFixed(1)} MB; at most ` +
        `${WORKSPACE_LIMITS.maxBytes / 1_048_576} MB can be saved. Remove or collapse elements.`,
    );
  }
  return { text, sizeBytes };
}

export async function listWorkspaces(
  executor: Executor,
  owner: string,
  page: { skip: number; limit: number },
): Promise<WorkspaceRow[]> {
  return executor.run(queries.listWorkspaces, { owner, ...page });
}

export async function createWorkspace(
  executor: Executor,
  owner: string,
  name: string,
  document: unknown,
): Promise<WorkspaceRow> {
  const saved = await executor.first(queries.countWorkspaces, { owner });
  if ((saved?.count ?? 0) >= WORKSPACE_LIMITS.perUser) {
    throw badRequest(
      `You have ${WORKSPACE_LIMITS.perUser} saved workspaces; delete some before saving more.`,
    );
  }
  const { text, sizeBytes } = serialise(document);
  const row = await executor.first(queries.createWorkspace, {
    id: randomUUID(),
    owner,
    name,
    document: text,
    sizeBytes,
  });
  if (!row) throw notFound(`No user ${owner}.`);
  return row;
}

export async function getWorkspace(
  executor: Executor,
  owner: string,
  id: string,
): Promise<WorkspaceView> {
  const row = await executor.first(queries.workspaceById, { id, owner });
  if (!row) throw notFound(`No saved workspace ${id}.`);
  const { document, ...rest } = row;
  return { ...rest, document: JSON.parse(document) as unknown };
}

export async function updateWorkspace(
  executor: Executor,
  owner: string,
  id: string,
  change: { name?: string | undefined; document?: unknown },
): Promise<WorkspaceRow> {
  const serialised = change.document === undefined ? null : serialise(change.document);
  const row = await executor.first(queries.updateWorkspace, {
    id,
    owner,
    name: change.name ?? null,
    document: serialised?.text ?? null,
    sizeBytes: serialised?.sizeBytes ?? null,
  });
  if (!row) throw notFound(`No saved workspace ${id}.`);
  return row;
}

export async function deleteWorkspace(
  executor: Executor,
  owner: string,
  id: string,
): Promise<void> {
  const row = await executor.first(queries.deleteWorkspace, { id, owner });
  if (!row) throw notFound(`No saved workspace ${id}.`);
}
