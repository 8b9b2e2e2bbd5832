/**
 * Queries of `cypher/workspaces/`. Saved investigation workspaces.
 */
import { defineQuery, type Nullable } from '../query';

/** A saved investigation workspace, without its document. */
export interface WorkspaceRow {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  sizeBytes: number;
}

export const workspacesQueries = {
  createWorkspace: defineQuery<
    { id: string; owner: string; name: string; document: string; sizeBytes: number },
    WorkspaceRow
  >('workspaces/createWorkspace', 'write', { integerParams: ['sizeBytes'] }),
  listWorkspaces: defineQuery<{ owner: string; skip: number; limit: number }, WorkspaceRow>(
    'workspaces/listWorkspaces',
    'read',
    { integerParams: ['skip', 'limit'] },
  ),
  workspaceById: defineQuery<{ id: string; owner: string }, WorkspaceRow & { document: string }>(
    'workspaces/workspaceById',
    'read',
  ),
  updateWorkspace: defineQuery<
    {
      id: string;
      owner: string;
      name: Nullable<string>;
      document: Nullable<string>;
      sizeBytes: Nullable<number>;
    },
    WorkspaceRow
  >('workspaces/updateWorkspace', 'write', { integerParams: ['sizeBytes'] }),
  deleteWorkspace: defineQuery<{ id: string; owner: string }, { id: string }>(
    'workspaces/deleteWorkspace',
    'write',
  ),
  countWorkspaces: defineQuery<{ owner: string }, { count: number }>(
    'workspaces/countWorkspaces',
    'read',
  ),
} as const;
