/** Saved investigation workspaces as the API answers them. */
import { z } from 'zod';

/** A saved workspace without its contents. */
export const workspaceSummary = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sizeBytes: z.number().int(),
});
export type WorkspaceSummary = z.infer<typeof workspaceSummary>;

/** `GET /api/workspaces`: most recent first. */
export const workspaceList = z.object({ workspaces: z.array(workspaceSummary) });
export type WorkspaceList = z.infer<typeof workspaceList>;

/** `GET /api/workspaces/:id`: the document is the client's own (nodes, edges, notes, ...). */
export const workspace = workspaceSummary.extend({ document: z.unknown() });
export type Workspace = z.infer<typeof workspace>;
