/**
 * Saved investigation workspaces: save, list, reopen, rename, replace and delete; owned by the
 * user who saved them (another investigator gets 404); validated; size-limited (a document over
 * 5 MB is refused with 413, as JSON up to the app's 1 MB or as the workspace media type).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './support/testDatabase';
import { USERS, useTestApp } from './support/testApp';

const db = useTestDatabase();
const testApp = useTestApp(db);
const MEDIA = 'application/vnd.ringtrace.workspace+json';

function documentOf(nodes: number, notes = 'first look') {
  return {
    version: 1,
    nodes: Array.from({ length: nodes }, (_, i) => ({
      group: 'nodes',
      data: { id: `PhoneNumber:+86138000000${i}`, type: 'PhoneNumber', label: `n${i}` },
      position: { x: i * 10, y: 0 },
    })),
    edges: [
      {
        group: 'edges',
        data: {
          id: 'e1',
          source: 'PhoneNumber:+861380000000',
          target: 'PhoneNumber:+861380000001',
          type: 'CALLED',
        },
      },
    ],
    hidden: [],
    pinned: ['PhoneNumber:+861380000000'],
    filters: { hiddenTypes: [], hiddenLinkTypes: [], rings: null, timeRange: null },
    notes,
    viewport: { zoom: 1, pan: { x: 0, y: 0 } },
  };
}

interface Saved {
  id: string;
  name: string;
  sizeBytes: number;
  createdAt: string;
  updatedAt: string;
}

describe('/api/workspaces', () => {
  it('saves, lists, reopens, changes and deletes a workspace of its owner only', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const created = await agent
      .post('/api/workspaces')
      .send({ name: 'Refund scam, October', document: documentOf(3) })
      .expect(201);
    const saved = created.body as Saved;
    expect(saved.name).toBe('Refund scam, October');
    expect(saved.sizeBytes).toBeGreaterThan(100);

    const list = await agent.get('/api/workspaces').expect(200);
    expect((list.body as { workspaces: Saved[] }).workspaces.map((w) => w.id)).toEqual([saved.id]);

    const opened = await agent.get(`/api/workspaces/${saved.id}`).expect(200);
    const body = opened.body as Saved & { document: ReturnType<typeof documentOf> };
    expect(body.document).toEqual(documentOf(3));

    // Another user's workspace looks like none.
    const other = await testApp.signIn(USERS.supervisor.username);
    await other.agent.get(`/api/workspaces/${saved.id}`).expect(404);
    await other.agent.patch(`/api/workspaces/${saved.id}`).send({ name: 'mine' }).expect(404);
    await other.agent.delete(`/api/workspaces/${saved.id}`).expect(404);
    expect(
      ((await other.agent.get('/api/workspaces').expect(200)).body as { workspaces: Saved[] })
        .workspaces,
    ).toEqual([]);

    // Rename, then replace the contents with the workspace media type.
    await agent.patch(`/api/workspaces/${saved.id}`).send({ name: 'Refund ring' }).expect(200);
    await agent
      .patch(`/api/workspaces/${saved.id}`)
      .set('content-type', MEDIA)
      .send(JSON.stringify({ document: documentOf(5, 'second look') }))
      .expect(200);
    const reopened = (await agent.get(`/api/workspaces/${saved.id}`).expect(200)).body as Saved & {
      document: ReturnType<typeof documentOf>;
    };
    expect(reopened.name).toBe('Refund ring');
    expect(reopened.document.nodes).toHaveLength(5);
    expect(reopened.document.notes).toBe('second look');

    await agent.delete(`/api/workspaces/${saved.id}`).expect(204);
    await agent.get(`/api/workspaces/${saved.id}`).expect(404);
  });

  it('accepts up to 5 MB as the workspace media type and refuses more with a problem document', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const big = documentOf(14_000);
    const bigText = JSON.stringify({ name: 'large', document: big });
    expect(bigText.length).toBeGreaterThan(1_048_576);
    expect(bigText.length).toBeLessThan(5 * 1_048_576);
    await agent.post('/api/workspaces').set('content-type', MEDIA).send(bigText).expect(201);

    const huge = { ...documentOf(1), notes: 'x'.repeat(100), padding: 'y'.repeat(5 * 1_048_576) };
    const refused = await agent
      .post('/api/workspaces')
      .set('content-type', MEDIA)
      .send(JSON.stringify({ name: 'too large', document: huge }))
      .expect(413);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((refused.body as { detail: string }).detail).toMatch(/5 MB/);
  });

  it('validates the name and the document', async () => {
    const { agent } = await testApp.signIn(USERS.investigator.username);
    const noName = await agent
      .post('/api/workspaces')
      .send({ name: ' ', document: documentOf(1) })
      .expect(400);
    expect((noName.body as { detail: string }).detail).toMatch(/body\.name/);
    const noNodes = await agent
      .post('/api/workspaces')
      .send({ name: 'x', document: { version: 1, edges: [] } })
      .expect(400);
    expect((noNodes.body as { detail: string }).detail).toMatch(/body\.document\.nodes/);
    await agent.post('/api/workspaces').set('content-type', MEDIA).send('{not json').expect(400);
    await agent.patch('/api/workspaces/whatever').send({}).expect(400);
  });

  it('is refused to a partner and an administrator, who hold no graph:read', async () => {
    for (const role of ['partner', 'administrator'] as const) {
      const { agent } = await testApp.signIn(USERS[role].username);
      await agent.get('/api/workspaces').expect(403);
    }
  });
});
