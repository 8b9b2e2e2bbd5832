import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { loadAllQueries } from '../../server/db/database';
import { Executor } from '../../server/db/executor';

// A real driver aimed at a port where nothing listens: the database is down.
let driver: Driver;
let app: ReturnType<typeof createApp>;
const clientDir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-client-'));
writeFileSync(path.join(clientDir, 'index.html'), '<title>Ringtrace</title>');

beforeAll(async () => {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  driver = neo4j.driver(`bolt://127.0.0.1:${port}`, neo4j.auth.basic('neo4j', 'x'), {
    connectionAcquisitionTimeout: 2_000,
    maxTransactionRetryTime: 0,
  });
  const logger = pino({ level: 'silent' });
  const executor = new Executor(driver, {
    database: 'neo4j',
    texts: loadAllQueries().texts,
    logger,
  });
  app = createApp({
    security: loadConfig({}).security,
    ingestDir: mkdtempSync(path.join(os.tmpdir(), 'ringtrace-ingest-')),
    logger,
    executor,
    kind: 'remote',
    schemaNames: ['phone_number_id'],
    clientDir,
  });
});

afterAll(async () => {
  await driver.close();
});

describe('the HTTP app', () => {
  it('answers health with 503 and "unavailable" when Neo4j cannot be reached', async () => {
    const response = await request(app).get('/api/health').expect(503);
    expect(response.body).toMatchObject({
      status: 'unavailable',
      neo4j: { reachable: false, kind: 'remote' },
      schema: { inPlace: false, missing: ['phone_number_id'] },
    });
  });

  it('asks callers to retry later when the database is down', async () => {
    const health = await request(app).get('/api/health').expect(503);
    expect(health.headers['retry-after']).toBe('10');
    const login = await request(app)
      .post('/api/auth/login')
      .send({ username: 'det.wang', password: 'a long enough password' })
      .expect(503);
    expect(login.headers['retry-after']).toBe('10');
    expect(login.body).toMatchObject({ title: 'Database unavailable' });
  });

  it('answers a known path asked with the wrong method with 405 and the methods it takes', async () => {
    const deleted = await request(app).delete('/api/health').expect(405);
    expect(deleted.headers.allow).toBe('GET, HEAD');
    expect(deleted.body).toMatchObject({ status: 405, title: 'Method not allowed' });
    expect((deleted.body as { detail: string }).detail).toMatch(
      /DELETE is not allowed on \/api\/health/,
    );
    const put = await request(app).put('/api/workspaces/w-1').send({}).expect(405);
    expect(put.headers.allow).toBe('GET, HEAD, PATCH, DELETE');
  });

  it('answers an unknown API route with a problem document', async () => {
    const response = await request(app).get('/api/suspects').expect(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, title: 'Not found' });
    expect((response.body as { detail: string }).detail).toMatch(/GET \/suspects/);
  });

  it('refuses a malformed JSON body with 400 and says why', async () => {
    const response = await request(app)
      .post('/api/health')
      .set('content-type', 'application/json')
      .send('{"broken": ')
      .expect(400);
    expect(response.body).toMatchObject({ detail: 'The request body is not valid JSON.' });
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses an oversized body with 413', async () => {
    await request(app)
      .post('/api/health')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ blob: 'x'.repeat(1_100_000) }))
      .expect(413);
  });

  it('echoes a well-formed request id and replaces a malformed one', async () => {
    const given = await request(app).get('/api/nothing').set('x-request-id', 'case-2026-0042');
    expect(given.headers['x-request-id']).toBe('case-2026-0042');
    expect((given.body as { requestId: string }).requestId).toBe('case-2026-0042');
    const replaced = await request(app).get('/api/nothing').set('x-request-id', 'bad id <script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the built client, with index.html for client-side routes', async () => {
    const root = await request(app).get('/').expect(200);
    expect(root.text).toContain('<title>Ringtrace</title>');
    const deep = await request(app).get('/cases/2026-0042').expect(200);
    expect(deep.text).toContain('<title>Ringtrace</title>');
  });
});
