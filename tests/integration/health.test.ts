import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { schemaObjectName } from '../../server/db/schema';
import { loadAllQueries } from '../../server/db/database';
import { useTestDatabase } from './support/testDatabase';
import { testAppOptions } from './support/testApp';

const db = useTestDatabase();

function schemaNames(): string[] {
  const { texts, schema } = loadAllQueries();
  return schema.map((statement) => schemaObjectName(texts.get(statement.name) ?? ''));
}

describe('GET /api/health on a real Neo4j', () => {
  it('reports Neo4j 5.26, GDS and APOC loaded, and the schema in place', async () => {
    const app = createApp(testAppOptions(db.executor, { schemaNames: schemaNames() }));
    const response = await request(app).get('/api/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      neo4j: { reachable: true, edition: 'community', database: db.settings.database },
      gds: { loaded: true },
      apoc: { loaded: true },
      schema: { inPlace: true, missing: [] },
    });
    const body = response.body as { neo4j: { version: string }; gds: { version: string } };
    expect(body.neo4j.version).toMatch(/^5\.26\./);
    expect(body.gds.version).toMatch(/^2\.13\./);
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('names a constraint that is missing from the database', async () => {
    const app = createApp(
      testAppOptions(db.executor, { schemaNames: [...schemaNames(), 'suspect_alias_id'] }),
    );
    const response = await request(app).get('/api/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'degraded',
      schema: { inPlace: false, missing: ['suspect_alias_id'] },
    });
  });
});
