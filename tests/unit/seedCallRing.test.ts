import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../../server/ingest/kinds';
import { normaliseImei, normalisePhone } from '../../server/ingest/normalize';
import {
  cdrCsv,
  generateCallRing,
  reportsCsv,
  resolveCallRingOptions,
  truthJson,
  writeCallRing,
  type CallRingTruth,
  type CallRingWorld,
} from '../../seed/callring';
import { COLUMNS } from '../../seed/output/formats';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ringtrace-callring-'));
  dirs.push(dir);
  return dir;
}

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

interface Cdr {
  id: string;
  from: string;
  to: string;
  start: string;
  duration: number;
  imsi: string;
  imei: string;
  cell: string;
}

function cdrRows(text: string): Cdr[] {
  const lines = text.trimEnd().split('\n').slice(1);
  return lines.map((line) => {
    const [
      id = '',
      from = '',
      to = '',
      start = '',
      duration = '',
      imsi = '',
      imei = '',
      cell = '',
    ] = line.split(',');
    return { id, from, to, start, duration: Number(duration), imsi, imei, cell };
  });
}

/** Distinct callees and callers of every number. */
function graph(calls: readonly Cdr[]) {
  const out = new Map<string, Set<string>>();
  const into = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, value: string) => {
    const set = map.get(key) ?? new Set<string>();
    set.add(value);
    map.set(key, set);
  };
  for (const call of calls) {
    add(out, call.from, call.to);
    add(into, call.to, call.from);
  }
  const reciprocity = (n: string) => {
    const callees = [...(out.get(n) ?? [])];
    return callees.filter((m) => into.get(n)?.has(m)).length / Math.max(1, callees.length);
  };
  return { out, into, reciprocity };
}

describe('callring: determinism and options', () => {
  it('writes byte-identical files for the same seed, different ones for another', async () => {
    const options = { seed: 5, numbers: 3000, days: 7, reportShare: 0.4 };
    const [a, b, c] = await Promise.all([
      writeCallRing({ ...options, outDir: tempDir() }),
      writeCallRing({ ...options, outDir: tempDir() }),
      writeCallRing({ ...options, seed: 6, outDir: tempDir() }),
    ]);
    for (const file of ['cdr', 'reports', 'truth'] as const) {
      expect(sha(a.files[file] ?? '')).toBe(sha(b.files[file] ?? ''));
      expect(sha(a.files[file] ?? '')).not.toBe(sha(c.files[file] ?? ''));
    }
  });

  it('writes police reports only when a share of victims reports', async () => {
    const outDir = tempDir();
    writeFileSync(path.join(outDir, 'police-reports.csv'), 'stale\n');
    const summary = await writeCallRing({ seed: 5, numbers: 2000, days: 5, outDir });
    expect(summary.files.reports).toBeNull();
    expect(summary.reports).toBe(0);
    expect(existsSync(path.join(outDir, 'police-reports.csv'))).toBe(false);
  });

  it('checks its options and names the bad one', () => {
    expect(() => resolveCallRingOptions({ numbers: 10 })).toThrow(/numbers/);
    expect(() => resolveCallRingOptions({ mode: 'gangs' as 'rings' })).toThrow(/mode/);
    expect(() => resolveCallRingOptions({ reportShare: 1.5 })).toThrow(/reportShare/);
    expect(() => resolveCallRingOptions({ sampleShare: 0 })).toThrow(/sampleShare/);
  });

  it("samples ordinary calls only: every fraud number's call stays", () => {
    const options = { seed: 4, numbers: 4000, days: 7 };
    const full = generateCallRing(options);
    const sampled = generateCallRing({ ...options, sampleShare: 0.2 });
    const fraud = new Set(full.truth.fraudNumbers);
    const number = (i: number) => full.subscribers.number[i]!;
    const isFraud = (call: { from: number; to: number }) =>
      fraud.has(number(call.from)) || fraud.has(number(call.to));
    const count = (world: CallRingWorld, fraudCalls: boolean) =>
      world.calls.filter((call) => isFraud(call) === fraudCalls).length;
    expect(sampled.truth).toEqual(full.truth);
    expect(count(sampled, true)).toBe(count(full, true));
    const share = count(sampled, false) / count(full, false);
    expect(share).toBeGreaterThan(0.18);
    expect(share).toBeLessThan(0.22);
  });
});

describe('callring: rings mode', () => {
  let world: CallRingWorld;
  let cdrText: string;
  let calls: Cdr[];
  let truth: CallRingTruth;
  let g: ReturnType<typeof graph>;

  beforeAll(() => {
    world = generateCallRing({ seed: 3, numbers: 8000, reportShare: 0.3 });
    cdrText = cdrCsv(world);
    calls = cdrRows(cdrText);
    truth = JSON.parse(truthJson(world)) as CallRingTruth;
    g = graph(calls);
  }, 60_000);

  it('writes the telecom-cdr columns exactly, with valid values', () => {
    expect(cdrText.slice(0, cdrText.indexOf('\n'))).toBe(COLUMNS['telecom-cdr'].join(','));
    expect(calls.length).toBeGreaterThan(40_000);
    const { start, end } = truth.period;
    const bad = calls.filter(
      (call, i) =>
        call.id !== `CDR${String(i + 1).padStart(12, '0')}` ||
        !/^\+861\d{10}$/.test(call.from) ||
        !/^\+861\d{10}$/.test(call.to) ||
        call.from === call.to ||
        // One offset throughout, so text order is time order.
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/.test(call.start) ||
        call.start < start ||
        call.start >= end ||
        call.start < (calls[i - 1]?.start ?? start) ||
        !Number.isInteger(call.duration) ||
        call.duration < 0 ||
        !/^460(00|01|11)\d{10}$/.test(call.imsi) ||
        !/^\d{4}-\d{5}$/.test(call.cell),
    );
    expect(bad).toEqual([]);
  });

  it('uses numbers and handsets that Ringtrace accepts as they are', () => {
    const numbers = new Set([
      ...truth.fraudNumbers,
      ...truth.busyLegitimate,
      ...calls.slice(0, 3000).flatMap((call) => [call.from, call.to]),
    ]);
    const rejected = [...numbers].filter((n) => {
      try {
        return normalisePhone(n, 'CN') !== n;
      } catch {
        return true;
      }
    });
    expect(rejected).toEqual([]);
    const badImeis = [...new Set(calls.map((call) => call.imei))].filter((imei) => {
      try {
        return normaliseImei(imei).imei !== imei;
      } catch {
        return true;
      }
    });
    expect(badImeis).toEqual([]);
    const context = { organisation: 'OPERATOR', country: 'CN' as const, defaultOffset: undefined };
    const rejects: string[] = [];
    const text = cdrText.split('\n', 3001);
    const header = text[0]?.split(',') ?? [];
    text.slice(1, 3001).forEach((line, i) => {
      const row = Object.fromEntries(line.split(',').map((value, c) => [header[c] ?? '', value]));
      try {
        KINDS['telecom-cdr'].parse(row, { ...context, line: i + 2 });
      } catch (error) {
        rejects.push(String(error));
      }
    });
    expect(rejects).toEqual([]);
  });

  it('lists 3-6 rings whose numbers all occur in the records', () => {
    expect(truth.mode).toBe('rings');
    expect(truth.rings.length).toBeGreaterThanOrEqual(3);
    expect(truth.rings.length).toBeLessThanOrEqual(6);
    const seen = new Set(calls.flatMap((call) => [call.from, call.to]));
    const fraud = new Set(truth.fraudNumbers);
    for (const ring of truth.rings) {
      expect(ring.callers.length).toBeGreaterThanOrEqual(4);
      expect(ring.callers.length).toBeLessThanOrEqual(15);
      expect(ring.coordinators.length).toBeGreaterThanOrEqual(1);
      expect(ring.coordinators.length).toBeLessThanOrEqual(2);
      for (const n of [...ring.callers, ...ring.coordinators]) expect(fraud.has(n)).toBe(true);
    }
    const ringNumbers = truth.rings.flatMap((ring) => [...ring.callers, ...ring.coordinators]);
    expect(new Set(ringNumbers)).toEqual(fraud);
    for (const n of [...truth.fraudNumbers, ...truth.busyLegitimate, ...truth.victims]) {
      expect(seen.has(n)).toBe(true);
    }
    expect(truth.busyLegitimate.filter((n) => fraud.has(n))).toEqual([]);
  });

  it('has callers that cold-call overlapping strangers in short bursts and are rarely called back', () => {
    const victims = new Set(truth.victims);
    for (const ring of truth.rings) {
      const coordinators = new Set(ring.coordinators);
      const callees = ring.callers.map(
        (caller) => new Set([...(g.out.get(caller) ?? [])].filter((n) => !coordinators.has(n))),
      );
      for (const [i, caller] of ring.callers.entries()) {
        expect(callees[i]?.size).toBeGreaterThanOrEqual(10);
        expect(g.reciprocity(caller)).toBeLessThan(0.2);
        for (const n of callees[i] ?? []) expect(victims.has(n)).toBe(true);
        // Every caller is called by a coordinator of its ring.
        const callers = g.into.get(caller) ?? new Set();
        expect(ring.coordinators.some((c) => callers.has(c))).toBe(true);
      }
      // Callers of a ring share victims.
      const shared = callees.slice(1).some((set) => [...set].some((n) => callees[0]?.has(n)));
      expect(shared).toBe(true);
      const ringCalls = calls.filter(
        (call) => ring.callers.includes(call.from) && victims.has(call.to),
      );
      const short = ringCalls.filter((call) => call.duration <= 60).length;
      expect(short / ringCalls.length).toBeGreaterThan(0.7);
      // Some long working calls to the same victim.
      expect(ringCalls.some((call) => call.duration >= 300)).toBe(true);
      // Bursts: some caller reaches three or more victims within an hour.
      const burst = ring.callers.some((caller) => {
        const starts = ringCalls
          .filter((call) => call.from === caller)
          .map((call) => Date.parse(call.start));
        return starts.some((t, i) => (starts[i + 2] ?? Infinity) - t <= 3_600_000);
      });
      expect(burst).toBe(true);
    }
  });

  it('has coordinators who talk with callers at length and do not cold-call', () => {
    for (const ring of truth.rings) {
      for (const coordinator of ring.coordinators) {
        const toCallers = calls.filter(
          (call) => call.from === coordinator && ring.callers.includes(call.to),
        );
        expect(toCallers.length).toBeGreaterThan(0);
        const median = toCallers.map((call) => call.duration).sort((a, b) => a - b)[
          Math.floor(toCallers.length / 2)
        ];
        expect(median).toBeGreaterThanOrEqual(180);
        expect(g.out.get(coordinator)?.size ?? 0).toBeLessThan(80);
        expect(g.reciprocity(coordinator)).toBeGreaterThan(0.3);
      }
    }
  });

  it('moves ring SIMs between shared handsets', () => {
    for (const ring of truth.rings) {
      const numbersOn = new Map<string, Set<string>>();
      const imsis = new Map<string, Set<string>>();
      for (const call of calls) {
        if (!ring.callers.includes(call.from)) continue;
        const set = numbersOn.get(call.imei) ?? new Set<string>();
        set.add(call.from);
        numbersOn.set(call.imei, set);
        const own = imsis.get(call.from) ?? new Set<string>();
        own.add(call.imsi);
        imsis.set(call.from, own);
      }
      expect(Math.max(...[...numbersOn.values()].map((set) => set.size))).toBeGreaterThan(1);
      for (const own of imsis.values()) expect(own.size).toBe(1);
    }
  });

  it('has a heavy-tailed, mostly reciprocated background and busy honest lines', () => {
    const special = new Set([...truth.fraudNumbers, ...truth.busyLegitimate]);
    const people = [...g.out.keys()].filter((n) => !special.has(n));
    const degrees = people.map((n) => g.out.get(n)?.size ?? 0).sort((a, b) => a - b);
    const median = degrees[Math.floor(degrees.length / 2)] ?? 0;
    expect(degrees[degrees.length - 1]).toBeGreaterThan(8 * median);
    const reciprocity = people.map(g.reciprocity).sort((a, b) => a - b);
    expect(reciprocity[Math.floor(reciprocity.length / 2)]).toBeGreaterThanOrEqual(0.5);
    const social = calls.filter((call) => !special.has(call.from) && call.duration > 0);
    const durations = social.map((call) => call.duration).sort((a, b) => a - b);
    const medianDuration = durations[Math.floor(durations.length / 2)] ?? 0;
    expect(medianDuration).toBeGreaterThanOrEqual(100);
    expect(medianDuration).toBeLessThanOrEqual(200);
    expect(truth.busyLegitimate.length).toBeGreaterThan(40);
    for (const n of truth.busyLegitimate) {
      expect(g.out.get(n)?.size ?? 0).toBeGreaterThan(50);
      expect(g.reciprocity(n)).toBeLessThan(0.3);
    }
  });

  it('writes police reports of a share of victims naming the numbers that called them', () => {
    const text = reportsCsv(world) ?? '';
    const rows = parse<Record<string, string>>(text, { columns: true });
    expect(text.split('\n')[0]).toBe(COLUMNS['police-reports'].join(','));
    expect(rows).toHaveLength(Math.round(0.3 * truth.victims.length));
    const victims = new Set(truth.victims);
    const fraud = new Set(truth.fraudNumbers);
    const context = { organisation: 'POLICE', country: 'CN' as const, defaultOffset: undefined };
    rows.forEach((row, i) => {
      expect(victims.has(row.victim_phone ?? '')).toBe(true);
      const named = (row.named_numbers ?? '').split(';');
      expect(named.length).toBeGreaterThan(0);
      for (const n of named) {
        expect(fraud.has(n)).toBe(true);
        expect(g.out.get(n)?.has(row.victim_phone ?? '')).toBe(true);
      }
      expect(() => KINDS['police-reports'].parse(row, { ...context, line: i + 2 })).not.toThrow();
    });
  });
});

describe('callring: operator mode', () => {
  let truth: CallRingTruth;
  let g: ReturnType<typeof graph>;
  let calls: Cdr[];

  beforeAll(() => {
    const world = generateCallRing({ seed: 4, numbers: 8000, mode: 'operator' });
    calls = cdrRows(cdrCsv(world));
    truth = JSON.parse(truthJson(world)) as CallRingTruth;
    g = graph(calls);
  }, 60_000);

  it('labels about 1 % of numbers as fraud, most of them outside rings', () => {
    expect(truth.mode).toBe('operator');
    expect(truth.fraudNumbers.length).toBe(80);
    const inRings = truth.rings.flatMap((ring) => [...ring.callers, ...ring.coordinators]);
    expect(inRings.length).toBeLessThanOrEqual(12);
    const seen = new Set(calls.flatMap((call) => [call.from, call.to]));
    for (const n of truth.fraudNumbers) expect(seen.has(n)).toBe(true);
  });

  it('mixes busy and quiet fraud numbers, overlapping call centres by degree', () => {
    const inRings = new Set(truth.rings.flatMap((ring) => [...ring.callers, ...ring.coordinators]));
    const lone = truth.fraudNumbers.filter((n) => !inRings.has(n));
    const degree = (n: string) => g.out.get(n)?.size ?? 0;
    const fraudDegrees = lone.map(degree);
    const busyDegrees = truth.busyLegitimate.map(degree);
    expect(Math.max(...fraudDegrees)).toBeGreaterThan(Math.min(...busyDegrees));
    expect(fraudDegrees.filter((d) => d < 40).length).toBeGreaterThan(5);
    expect(fraudDegrees.filter((d) => d > Math.min(...busyDegrees)).length).toBeGreaterThan(5);
    // Some lone numbers share victims with another.
    const sharing = lone.filter((n) =>
      lone.some(
        (m) => m !== n && [...(g.out.get(n) ?? [])].filter((v) => g.out.get(m)?.has(v)).length >= 5,
      ),
    );
    expect(sharing.length).toBeGreaterThan(5);
  });
});
