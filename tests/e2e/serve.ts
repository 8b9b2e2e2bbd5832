/**
 * What every end-to-end test sets up around its browser: the client built as the server serves
 * it, and the app listening on a free local port for one test.
 */
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'vite';
import { PROJECT_ROOT } from '../../server/config';

/** Builds the client into `outDir` (emptied first) with the project's Vite config. */
export async function buildClient(outDir: string): Promise<void> {
  await build({
    configFile: path.join(PROJECT_ROOT, 'vite.config.ts'),
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
}

/**
 * Starts `app` on a free port of 127.0.0.1: its URL, and a stop that also closes connections
 * left open (event streams, a page a failed test did not close), which would keep the server up.
 */
export async function serve(app: Express): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const server = await new Promise<ReturnType<Express['listen']>>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
