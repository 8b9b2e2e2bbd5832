/**
 * `npm run bench:ui`: how the investigator's workspace holds up, in headless Debian Chromium
 * (playwright-core) on the built client.
 *
 * - Frames per second while panning and zooming a synthetic 5,000-node / 20,000-edge view, with
 *   the WebGL renderer and, as a peer in the same run, the canvas renderer (goal: 30 fps or more).
 * - fcose layout time (draft quality) at 1,000 and 5,000 nodes (goals: 0.5 s and 2 s).
 * - Search to first picture: from submitting a search to the added node drawn (goal: 1 s). The
 *   API is stubbed in this benchmark only (`/api/search` answers at once from the page's route
 *   handler), so the figure is the client's share: rendering results, adding, drawing.
 *
 * Chromium runs without a GPU here: WebGL comes from SwiftShader (`--use-angle=swiftshader`), a
 * CPU rasteriser, and the renderer it reports is printed. Each figure is the median of several runs.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { fcoseOptions } from '../../client/src/workspace/layouts';
import { PROJECT_ROOT } from '../../server/config';
import { CHROMIUM_PATH } from '../e2e/browser';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const NODES = 5_000;
const EDGES = 20_000;
const SECONDS = 3;
const CLIENT_DIR = path.join(PROJECT_ROOT, '.ringtrace', 'bench', 'client');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const SESSION = {
  user: {
    username: 'bench',
    displayName: 'Bench',
    role: 'investigator',
    organisation: null,
    permissions: ['graph:read'],
  },
  csrfToken: 'bench',
};

async function openWorkspace(
  browser: Browser,
  baseUrl: string,
  renderer: 'webgl' | 'canvas',
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  page.on('crash', () => console.error('the page crashed'));
  // tsx keeps function names with a `__name` helper that page-side functions must find.
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.route('**/api/**', async (route) => {
    const url = new URL(route.request().url());
    const json = (body: unknown) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
    switch (url.pathname) {
      case '/api/auth/session':
        return json(SESSION);
      case '/api/health':
        return json({
          status: 'ok',
          neo4j: {
            reachable: true,
            kind: 'local',
            database: 'neo4j',
            version: '5.26',
            edition: 'community',
          },
          gds: { loaded: true, version: null },
          apoc: { loaded: true, version: null },
          schema: { inPlace: true, missing: [] },
        });
      case '/api/graph/summary':
        return json({ counts: {} });
      case '/api/workspaces':
        return json({ workspaces: [] });
      case '/api/search':
        return json({
          hits: [
            {
              type: 'PhoneNumber',
              id: '+8613800138000',
              label: '138 0013 8000',
              rank: 100,
              summary: '42 calls made',
            },
            {
              type: 'BankAccount',
              id: 'ICBC:6222000000000001',
              label: 'ICBC 6222000000000001',
              rank: 90,
              summary: '3 transfers',
            },
          ],
        });
      default:
        return route.fulfill({
          status: 404,
          contentType: 'application/problem+json',
          body: JSON.stringify({ title: 'Not found', detail: 'stub' }),
        });
    }
  });
  await page.goto(`${baseUrl}/?renderer=${renderer}`);
  await page.waitForFunction(() => window.ringtraceWorkspace !== undefined);
  return page;
}

/** Loads the synthetic view: nodes on a grid-ish random layout, edges mostly local. */
async function loadSynthetic(page: Page, nodes: number, edges: number): Promise<void> {
  await page.evaluate(
    ({ nodes, edges }) => {
      const ws = window.ringtraceWorkspace;
      if (!ws) throw new Error('no workspace');
      const cy = ws.canvas.cy;
      cy.elements().remove();
      let seed = 42;
      const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
      const types = ['Person', 'PhoneNumber', 'BankAccount', 'Device', 'SIM'];
      const colors = ['#5b8def', '#1aa39a', '#e08e0b', '#8c6bb1', '#7fb800'];
      const side = Math.ceil(Math.sqrt(nodes));
      const elements: {
        group: 'nodes' | 'edges';
        data: Record<string, unknown>;
        position?: { x: number; y: number };
      }[] = [];
      for (let i = 0; i < nodes; i += 1) {
        const t = i % types.length;
        elements.push({
          group: 'nodes',
          data: {
            id: `n${i}`,
            type: types[t],
            label: `n${i}`,
            display: `n${i}`,
            color: colors[t],
            size: 20 + (i % 5) * 6,
          },
          position: {
            x: (i % side) * 60 + random() * 30,
            y: Math.floor(i / side) * 60 + random() * 30,
          },
        });
      }
      for (let i = 0; i < edges; i += 1) {
        const source = Math.floor(random() * nodes);
        const target = Math.min(
          nodes - 1,
          Math.max(0, source + Math.floor((random() - 0.5) * side * 4)),
        );
        elements.push({
          group: 'edges',
          data: {
            id: `e${i}`,
            source: `n${source}`,
            target: `n${target === source ? (source + 1) % nodes : target}`,
            type: i % 2 ? 'CALLED' : 'TRANSFERRED',
            w: 1 + (i % 4),
          },
        });
      }
      cy.add(elements);
      cy.fit();
    },
    { nodes, edges },
  );
}

/**
 * Frames per second while the view pans and zooms every animation frame: the rate of animation
 * frames, each of which redraws the moved view (a slow redraw delays the next frame).
 */
async function panZoomFps(page: Page, seconds: number): Promise<number> {
  return page.evaluate(async (seconds) => {
    const ws = window.ringtraceWorkspace;
    if (!ws) throw new Error('no workspace');
    const cy = ws.canvas.cy;
    cy.fit();
    // Frames are counted from the first one drawn after the loop starts, for at least `seconds`
    // and at least 10 frames (a very slow renderer still gives a figure).
    let frames = -1;
    let start = 0;
    let last = 0;
    await new Promise<void>((resolve) => {
      const step = (now: number) => {
        if (frames < 0) start = now;
        frames += 1;
        last = now;
        const t = (now - start) / 1000;
        if (t >= seconds && frames >= 10) return resolve();
        cy.panBy({ x: Math.sin(t * 3) * 8, y: Math.cos(t * 2) * 6 });
        cy.zoom({
          level: cy.zoom() * (1 + Math.sin(t * 4) * 0.02),
          renderedPosition: { x: 400, y: 300 },
        });
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    return frames / ((last - start) / 1000);
  }, seconds);
}

/** fcose layout time (ms), with the workspace's options, on a synthetic view of `nodes` nodes. */
async function layoutMs(page: Page, nodes: number): Promise<number> {
  await loadSynthetic(page, nodes, nodes * 2);
  const options = fcoseOptions(nodes);
  return page.evaluate(
    async ({ nodes, options }) => {
      const ws = window.ringtraceWorkspace;
      if (!ws) throw new Error('no workspace');
      const cy = ws.canvas.cy;
      const start = performance.now();
      await new Promise<void>((resolve) => {
        const layout = cy.layout(options as unknown as Parameters<typeof cy.layout>[0]);
        layout.one('layoutstop', () => resolve());
        layout.run();
      });
      const ms = performance.now() - start;
      if (cy.nodes().length !== nodes) throw new Error('layout lost nodes');
      return ms;
    },
    { nodes, options },
  );
}

/** From submitting a search to the added node drawn on the canvas (ms). */
async function searchToPicture(page: Page): Promise<number> {
  await page.evaluate(() => window.ringtraceWorkspace?.canvas.clear());
  await page.locator('#ws-search').fill('13800138000');
  return page.evaluate(async () => {
    const ws = window.ringtraceWorkspace;
    if (!ws) throw new Error('no workspace');
    const list = document.getElementById('ws-results');
    const form = document.getElementById('ws-search-form') as HTMLFormElement | null;
    if (!list || !form) throw new Error('no search');
    list.replaceChildren();
    const start = performance.now();
    const results = new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (list.querySelector('button')) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(list, { childList: true, subtree: true });
    });
    form.requestSubmit();
    await results;
    list.querySelector('button')?.click();
    // The node is on the canvas; the picture is the next frame drawn (the WebGL renderer emits
    // no 'render' event, so wait for two animation frames: the redraw and its presentation).
    if (ws.canvas.cy.nodes().empty()) throw new Error('nothing added');
    await new Promise<void>((resolve) =>
      requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
    );
    return performance.now() - start;
  });
}

async function webglRenderer(page: Page): Promise<string> {
  return page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return 'none (no WebGL 2)';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(
      info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
    );
  });
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH.`,
    );
  console.log('Building the client…');
  await build({
    configFile: path.join(PROJECT_ROOT, 'vite.config.ts'),
    build: { outDir: CLIENT_DIR, emptyOutDir: true },
    logLevel: 'error',
  });
  const app = express();
  app.use(express.static(CLIENT_DIR));
  const server: Server = await new Promise((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--use-gl=angle',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const results: [string, string, string][] = [];
    // Search to first picture, on a fresh page as an investigator would start.
    const first = await openWorkspace(browser, baseUrl, 'webgl');
    const searches: number[] = [];
    for (let run = 0; run < Math.max(RUNS, 5); run += 1)
      searches.push(await searchToPicture(first));
    results.push([
      'search to first picture (API stubbed)',
      `${median(searches).toFixed(0)} ms`,
      '<= 1000 ms',
    ]);
    console.log(`search runs (ms): ${searches.map((v) => v.toFixed(0)).join(', ')}`);
    await first.close();

    for (const renderer of ['webgl', 'canvas'] as const) {
      const page = await openWorkspace(browser, baseUrl, renderer);
      const active = await page.evaluate(() => window.ringtraceWorkspace?.canvas.renderer ?? '?');
      const gl = await webglRenderer(page);
      console.log(`${renderer}: workspace renderer "${active}", WebGL: ${gl}`);
      await loadSynthetic(page, NODES, EDGES);
      await panZoomFps(page, 1); // warm-up: textures and caches
      const fps: number[] = [];
      for (let run = 0; run < RUNS; run += 1) fps.push(await panZoomFps(page, SECONDS));
      results.push([
        `pan and zoom, ${NODES} nodes / ${EDGES} edges, ${renderer}`,
        `${median(fps).toFixed(1)} fps`,
        '>= 30 fps',
      ]);
      console.log(`  fps runs: ${fps.map((v) => v.toFixed(1)).join(', ')}`);
      await page.close();
    }

    const page = await openWorkspace(browser, baseUrl, 'webgl');
    for (const nodes of [1_000, 5_000]) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run += 1) times.push(await layoutMs(page, nodes));
      results.push([
        `fcose layout (${String(fcoseOptions(nodes).quality)}), ${nodes} nodes / ${nodes * 2} edges`,
        `${(median(times) / 1000).toFixed(2)} s`,
        nodes === 1_000 ? '<= 0.5 s' : '<= 2 s',
      ]);
      console.log(`layout ${nodes} runs (ms): ${times.map((v) => v.toFixed(0)).join(', ')}`);
    }
    await page.close();
    console.log('\nMedians:');
    for (const [what, value, goal] of results)
      console.log(`  ${what.padEnd(52)} ${value.padStart(10)}   (goal ${goal})`);
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
