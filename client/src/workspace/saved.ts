/**
 * Saved investigations: name, save, list, reopen and delete workspaces stored on the server
 * (owned by the user who saved them).
 */
import { api } from '../api';
import { el, make, type WorkspaceContext } from './context';
import { readDocument } from './document';
import type { Workspace, WorkspaceList, WorkspaceSummary } from '../../../server/contract';
import { formatTime } from '../time';

/** Media type of a workspace body: lets the server accept larger bodies than plain JSON. */
export const WORKSPACE_MEDIA_TYPE = 'application/vnd.ringtrace.workspace+json';

let current: { id: string; name: string } | null = null;

export function currentName(): string {
  return current?.name ?? el<HTMLInputElement>('ws-save-name').value.trim();
}

/** The saved investigation open now (id null before it is first saved), for export records. */
export function currentInvestigation(): { id: string | null; name: string } {
  return { id: current?.id ?? null, name: currentName() };
}

export async function listSaved(ws: WorkspaceContext): Promise<void> {
  const answer = await ws.busy('Loading saved investigations…', () =>
    api<WorkspaceList>('GET', '/workspaces'),
  );
  if (!answer) return;
  el('ws-saved').replaceChildren(
    ...answer.workspaces.map((saved) => {
      const item = make('li');
      const open = make('button', 'Open');
      open.type = 'button';
      open.addEventListener('click', () => void openSaved(ws, saved.id));
      const remove = make('button', 'Delete');
      remove.type = 'button';
      remove.addEventListener('click', () => void deleteSaved(ws, saved));
      item.append(
        open,
        ' ',
        remove,
        make('span', ` ${saved.name}`),
        make(
          'span',
          `saved ${formatTime(saved.updatedAt)} · ${(saved.sizeBytes / 1024).toFixed(0)} kB`,
          'sub',
        ),
      );
      return item;
    }),
  );
}

export async function save(ws: WorkspaceContext): Promise<void> {
  const name = el<HTMLInputElement>('ws-save-name').value.trim();
  if (!name) {
    ws.say('Give the investigation a name to save it.', 'error');
    return;
  }
  const document = ws.canvas.toDocument(el<HTMLTextAreaElement>('ws-notes').value);
  const body = { name, document };
  const saved = await ws.busy('Saving…', () =>
    current && current.name === name
      ? api<WorkspaceSummary>(
          'PATCH',
          `/workspaces/${encodeURIComponent(current.id)}`,
          body,
          WORKSPACE_MEDIA_TYPE,
        )
      : api<WorkspaceSummary>('POST', '/workspaces', body, WORKSPACE_MEDIA_TYPE),
  );
  if (!saved) return;
  current = { id: saved.id, name: saved.name };
  ws.say(`Saved “${saved.name}” (${document.nodes.length} nodes, ${document.edges.length} links).`);
  await listSaved(ws);
}

export async function openSaved(ws: WorkspaceContext, id: string): Promise<void> {
  const saved = await ws.busy('Opening…', () =>
    api<Workspace>('GET', `/workspaces/${encodeURIComponent(id)}`),
  );
  if (!saved) return;
  try {
    const document = readDocument(saved.document);
    ws.canvas.loadDocument(document);
    el<HTMLTextAreaElement>('ws-notes').value = document.notes;
    el<HTMLInputElement>('ws-save-name').value = saved.name;
    current = { id: saved.id, name: saved.name };
    ws.say(`Opened “${saved.name}”.`);
  } catch (error) {
    ws.say(error instanceof Error ? error.message : String(error), 'error');
  }
}

async function deleteSaved(ws: WorkspaceContext, saved: WorkspaceSummary): Promise<void> {
  if (!window.confirm(`Delete the saved investigation “${saved.name}”?`)) return;
  const done = await ws.busy('Deleting…', () =>
    api<void>('DELETE', `/workspaces/${encodeURIComponent(saved.id)}`).then(() => true),
  );
  if (!done) return;
  if (current?.id === saved.id) current = null;
  ws.say(`Deleted “${saved.name}”.`);
  await listSaved(ws);
}

export function newInvestigation(ws: WorkspaceContext): void {
  current = null;
  ws.canvas.clear();
  el<HTMLInputElement>('ws-save-name').value = '';
  el<HTMLTextAreaElement>('ws-notes').value = '';
  el('ws-timeline').replaceChildren();
  el('ws-timeline-dock').hidden = true;
  ws.traceStops?.(null);
  ws.say('New investigation.');
}
