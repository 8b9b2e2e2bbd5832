/**
 * The local Neo4j runtime: the server jars (`lib/`) and the GDS and APOC plugins (`plugins/`),
 * fetched from Maven Central by `neo4j/pom.xml` on first use. A marker file records which POM the
 * jars came from, so a version change in the POM fetches afresh.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { PROJECT_ROOT } from '../config';
import { StartupError } from '../errors';

export const RUNTIME_POM = path.join(PROJECT_ROOT, 'neo4j', 'pom.xml');
const MARKER = '.fetched-from';
const PROGRESS_INTERVAL_MS = 5_000;

function pomHash(pomPath: string): string {
  return createHash('sha256').update(readFileSync(pomPath)).digest('hex');
}

function hasJars(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((file) => file.endsWith('.jar'));
}

/** True when the jars in `runtimeDir` were fetched by the current POM. */
export function isRuntimeFetched(runtimeDir: string, pomPath = RUNTIME_POM): boolean {
  const marker = path.join(runtimeDir, MARKER);
  return (
    existsSync(marker) &&
    readFileSync(marker, 'utf8').trim() === pomHash(pomPath) &&
    hasJars(path.join(runtimeDir, 'lib')) &&
    hasJars(path.join(runtimeDir, 'plugins'))
  );
}

function requireMaven(): void {
  const probe = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new StartupError(
      'Maven (mvn) is needed once to fetch the local Neo4j from Maven Central, and it was not ' +
        'found. Install Maven 3.8 or later (Debian/Ubuntu: apt-get install maven), or set ' +
        'NEO4J_URI to use a Neo4j server that already runs.',
    );
  }
}

/** Fetches the runtime with Maven unless it is already there; logs progress while it downloads. */
export async function ensureRuntime(
  runtimeDir: string,
  logger: Logger,
  pomPath = RUNTIME_POM,
): Promise<void> {
  if (isRuntimeFetched(runtimeDir, pomPath)) return;
  requireMaven();
  logger.info(
    { runtimeDir },
    'Fetching Neo4j 5.26 with GDS and APOC from Maven Central (first run only: about 135 MB)',
  );
  for (const folder of ['lib', 'plugins']) {
    rmSync(path.join(runtimeDir, folder), { recursive: true, force: true });
  }
  mkdirSync(runtimeDir, { recursive: true });

  const started = Date.now();
  const output: string[] = [];
  let downloaded = 0;
  const child = spawn('mvn', ['-B', '-f', pomPath, `-Druntime.dir=${runtimeDir}`, 'package'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.includes('Downloaded from')) downloaded += 1;
      if (line.trim()) output.push(line);
      if (output.length > 200) output.shift();
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const progress = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    logger.info(`Fetching Neo4j: ${downloaded} files downloaded, ${seconds} s`);
  }, PROGRESS_INTERVAL_MS);

  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  }).finally(() => clearInterval(progress));

  if (exitCode !== 0) {
    const errors = output.filter((line) => line.includes('ERROR')).slice(0, 8);
    throw new StartupError(
      `Fetching Neo4j with Maven failed (exit ${String(exitCode)}). Check that Maven Central ` +
        `can be reached, then start again.\n${(errors.length ? errors : output.slice(-15)).join('\n')}`,
    );
  }
  writeFileSync(path.join(runtimeDir, MARKER), `${pomHash(pomPath)}\n`);
  logger.info(
    { seconds: Math.round((Date.now() - started) / 1000), downloaded },
    'Neo4j runtime fetched',
  );
}
