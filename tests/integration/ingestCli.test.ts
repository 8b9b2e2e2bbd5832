/**
 * `npm run ingest` when the Neo4j it should use does not answer: a local Neo4j of this data folder
 * runs (as under `npm start`) but on another port than the command is told, or NEO4J_URI names a
 * port where nothing listens. The command says that nothing answers on that port and how to name
 * the right one; it never blames the password or advises deleting the data folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-ingest-cli-'));
const started: number[] = [];
afterAll(() => {
  for (const pid of started) process.kill(pid, 'SIGTERM');
  rmSync(scratch, { recursive: true, force: true });
});

const cdr = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'ingest', 'cdr.csv');

async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs `npm run ingest` (its script) with this environment; its output and exit code. */
function ingest(env: Record<string, string>): { output: string; status: number | null } {
  const run = spawnSync(
    process.execPath,
    [
      path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      path.join(PROJECT_ROOT, 'server', 'cli', 'ingest.ts'),
      '--kind',
      'telecom-cdr',
      '--org',
      'CMCC',
      cdr,
    ],
    {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      encoding: 'utf8',
      timeout: 50_000,
    },
  );
  return { output: `${run.stdout}${run.stderr}`, status: run.status };
}

describe('npm run ingest against a Neo4j that does not answer', () => {
  it('says nothing answers on the local port, not that the password was refused', async () => {
    const dataDir = path.join(scratch, 'local');
    const home = path.join(dataDir, 'neo4j');
    mkdirSync(path.join(home, 'run'), { recursive: true });
    writeFileSync(path.join(home, 'password'), 'kept-from-an-earlier-start\n');
    // Stands in for the local Neo4j that `npm start` runs from this folder on another port: a
    // process with Neo4j's entry point and this home folder on its command line.
    const neo4j = spawn(
      process.execPath,
      [
        '-e',
        'setTimeout(() => {}, 120000)',
        'org.neo4j.server.CommunityEntryPoint',
        `--home-dir=${home}`,
      ],
      { stdio: 'ignore' },
    );
    if (neo4j.pid === undefined) throw new Error('could not start the stand-in process');
    started.push(neo4j.pid);
    writeFileSync(path.join(home, 'run', 'ringtrace-neo4j.pid'), `${neo4j.pid}\n`);
    const port = await unusedPort();

    const { output, status } = ingest({
      RINGTRACE_DATA_DIR: dataDir,
      NEO4J_BOLT_PORT: String(port),
    });
    expect(status).toBe(1);
    expect(output).toContain(`Nothing answers on 127.0.0.1:${port}`);
    expect(output).toMatch(/NEO4J_BOLT_PORT/);
    expect(output).not.toMatch(/does not accept the password|deletes the local graph/);
    expect(existsSync(path.join(home, 'password'))).toBe(true);
  });

  it('says nothing answers at NEO4J_URI', async () => {
    const port = await unusedPort();
    const { output, status } = ingest({
      RINGTRACE_DATA_DIR: path.join(scratch, 'remote'),
      NEO4J_URI: `bolt://127.0.0.1:${port}`,
      NEO4J_PASSWORD: 'secret',
    });
    expect(status).toBe(1);
    expect(output).toContain(`Nothing answers on 127.0.0.1:${port}`);
    expect(output).toMatch(/Check NEO4J_URI/);
    expect(output).not.toMatch(/deletes the local graph/);
  });
});
