/**
 * Schemathesis, the property-based API tester, for the integration tier: installed on first use
 * into a virtual environment under `.ringtrace/` (the way the local Neo4j is fetched on first
 * use; `.ci/run` installs it ahead), at a pinned version, and run against a live server.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../server/config';

export const SCHEMATHESIS_VERSION = '4.32.5';

const VENV = path.join(PROJECT_ROOT, '.ringtrace', `schemathesis-${SCHEMATHESIS_VERSION}`);

/** The `st` command, installed first if missing (needs Python 3.9+ with venv, and PyPI). */
export function schemathesis(): string {
  const st = path.join(VENV, 'bin', 'st');
  if (existsSync(st)) return st;
  const python = process.env.PYTHON ?? 'python3';
  const steps: [string, string[]][] = [
    [python, ['-m', 'venv', VENV]],
    [
      path.join(VENV, 'bin', 'pip'),
      [
        'install',
        '--quiet',
        '--disable-pip-version-check',
        `schemathesis==${SCHEMATHESIS_VERSION}`,
      ],
    ],
  ];
  for (const [command, args] of steps) {
    const done = spawnSync(command, args, { encoding: 'utf8', stdio: 'pipe' });
    if (done.status !== 0) {
      throw new Error(
        `Installing schemathesis ${SCHEMATHESIS_VERSION} failed (${command} ${args.join(' ')}): ` +
          `${done.error?.message ?? ''}${done.stderr}. It needs Python 3 with venv and PyPI access.`,
      );
    }
  }
  return st;
}

export interface SchemathesisResult {
  readonly status: number | null;
  readonly output: string;
}

/** Runs `st` with `args` without blocking this process's event loop (the server runs here). */
export function runSchemathesis(
  args: readonly string[],
  timeoutMs: number,
): Promise<SchemathesisResult> {
  const st = schemathesis();
  return new Promise((resolve, reject) => {
    // Run in .ringtrace/, where schemathesis keeps its example database (`.schemathesis/`).
    const child = spawn(st, args, {
      cwd: path.join(PROJECT_ROOT, '.ringtrace'),
      env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}
