/**
 * Ring detection, roles and report-based risk on small hand-made analysis graphs with known
 * answers; determinism; empty and tiny graphs.
 */
import { describe, expect, it } from 'vitest';
import {
  AnalysisGraphBuilder,
  detectRings,
  neighbourhood,
  restrictAnalysisGraph,
  scoreRisk,
  type AnalysisGraph,
  type AnalysisNodeType,
  type NodeRef,
} from '../../../server/analysis/rings/index';
import { isConnectedCommunity } from '../../../server/analysis/leiden';
import { rocAuc } from '../../../server/analysis/metrics';
import { addRingFixture, ringFixture } from './ringFixture';

/**
 * A builder fed as the database reader feeds it: every node by a numeric reference, its id
 * given afterwards with `nameRef`.
 */
class ByReference extends AnalysisGraphBuilder {
  private readonly refOf = new Map<string, number>();
  readonly idOf = new Map<number, string>();

  override node(type: AnalysisNodeType, id: NodeRef): number {
    if (typeof id === 'number') return super.node(type, id);
    const key = `${type}:${id}`;
    let ref = this.refOf.get(key);
    if (ref === undefined) {
      // Small references and huge ones (beyond the builder's flat table) alike.
      ref = this.refOf.size % 2 === 0 ? 5_000 - this.refOf.size * 3 : 2 ** 40 + this.refOf.size;
      this.refOf.set(key, ref);
      this.idOf.set(ref, id);
    }
    return super.node(type, ref);
  }
}

const PARAMS = { algorithm: 'leiden', resolution: 1, seed: 3 } as const;

function roleOf(analysis: ReturnType<typeof detectRings>, key: string): string | undefined {
  for (const ring of analysis.rings) {
    const member = ring.members.find((m) => m.key === key);
    if (member) return member.role;
  }
  return undefined;
}

describe('analysis graph signals', () => {
  const graph = ringFixture();
  const at = (key: string) => graph.keys.indexOf(key);

  it('counts payers, fast forwarding, SIMs and strangers', () => {
    const f = graph.features;
    expect(f.payers![at('BankAccount:BANK:MULE1')]).toBe(5);
    expect(f.fastShare![at('BankAccount:BANK:MULE1')]).toBeCloseTo(0.985, 3);
    expect(f.forwardMinutes![at('BankAccount:BANK:MULE1')]).toBe(4);
    expect(f.fastShare![at('BankAccount:BANK:CASH')]).toBe(0);
    expect(f.sims![at('Device:IMEIBOX')]).toBe(6);
    expect(f.deviceCalls![at('Device:IMEIBOX')]).toBe(6 * 30 + 10 * 3);
    expect(f.strangers![at('PhoneNumber:+86900')]).toBe(30);
    expect(f.reports![at('BankAccount:BANK:MULE1')]).toBe(1);
    expect(f.platformAccounts![at('Device:IMEIHERDER')]).toBe(3);
  });

  it('counts transfers off a payer routine, for the payer and the payee', () => {
    const b = new AnalysisGraphBuilder();
    const T = Date.parse('2026-03-01T00:00:00Z');
    // RENT pays 850.00 to four landlords, a month apart, then 317.42 once; VARIED never repeats
    // an amount.
    const MONTH = 30 * 86_400_000;
    ['L1', 'L2', 'L3', 'L4'].forEach((to, i) => b.addTransfer('RENT', to, T + i * MONTH, 85_000));
    b.addTransfer('RENT', 'ODD', T + 4 * MONTH, 31_742);
    [12_345, 23_456, 34_567, 45_678].forEach((cents, i) =>
      b.addTransfer('VARIED', `V${i}`, T + i * 1000, cents),
    );
    const g = b.build();
    const f = g.features;
    const of = (id: string) => g.keys.indexOf(`BankAccount:${id}`);
    expect(f.offRoutineOut![of('RENT')]).toBe(1);
    expect(f.offRoutineIn![of('ODD')]).toBe(1);
    expect(f.offRoutineIn![of('L1')]).toBe(0);
    expect(f.offRoutineOut![of('VARIED')]).toBe(0);
    expect(f.offRoutineIn![of('V0')]).toBe(0);
  });

  it('is the same when nodes come as references and are named afterwards', () => {
    const b = new ByReference();
    addRingFixture(b);
    expect(b.refs()).toHaveLength(graph.nodeCount);
    expect(b.indexOf('BankAccount:BANK:MULE1')).toBeUndefined();
    for (const ref of b.refs()) b.nameRef(ref, b.idOf.get(ref)!);
    const named = b.build();
    expect(named.keys).toEqual(graph.keys);
    expect(b.indexOf('BankAccount:BANK:MULE1')).toBe(at('BankAccount:BANK:MULE1'));
    expect(named.types).toEqual(graph.types);
    expect(named.graph.targets).toEqual(graph.graph.targets);
    expect(named.graph.weights).toEqual(graph.graph.weights);
    expect(named.transfers).toEqual(graph.transfers);
    expect(named.features).toEqual(graph.features);
  });

  it('is structured-cloneable', () => {
    const copy = structuredClone(graph);
    expect(copy.keys).toEqual(graph.keys);
    expect(copy.graph.targets).toEqual(graph.graph.targets);
  });
});

describe('detectRings on a known ring', () => {
  const graph = ringFixture();
  const analysis = detectRings(graph, PARAMS);

  it('tells its progress step by step, the share done never going back', () => {
    const heard: { step: string; fraction: number }[] = [];
    detectRings(graph, PARAMS, undefined, (step, fraction) => heard.push({ step, fraction }));
    const steps = heard.map((h) => h.step);
    expect(steps[0]).toBe('finding communities');
    expect(steps).toContain('money shapes: bursts of new counterparties');
    expect(steps).toContain('money shapes: slow blocks');
    expect(steps).toContain('calling rings');
    expect(steps.at(-1)).toBe('rings found');
    const fractions = heard.map((h) => h.fraction);
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
  });

  it('finds one ring and names its ringleader first', () => {
    expect(analysis.rings).toHaveLength(1);
    const ring = analysis.rings[0]!;
    expect(ring.id).toBe('R1');
    expect(ring.reasons.join(' ')).toMatch(/victim report/);
    const leaders = ring.members.filter((m) => m.role === 'ringleader').map((m) => m.key);
    expect(leaders).toContain('Person:PLEADER');
    expect(leaders).toContain('BankAccount:BANK:LEADER');
    // A ring with its ringleader needs no word on why it has none.
    expect(analysis.explanation).not.toMatch(/no ringleader/);
    expect(ring.members[0]!.role).toBe('ringleader');
  });

  it('assigns mules, cash-out, callers, herders and key members', () => {
    expect(roleOf(analysis, 'BankAccount:BANK:MULE1')).toBe('mule');
    expect(roleOf(analysis, 'BankAccount:BANK:MULE3')).toBe('mule');
    expect(roleOf(analysis, 'Person:PMULE2')).toBe('mule');
    expect(roleOf(analysis, 'BankAccount:BANK:CASH')).toBe('cash_out');
    expect(roleOf(analysis, 'Device:IMEIBOX')).toBe('caller');
    expect(roleOf(analysis, 'PhoneNumber:+86903')).toBe('caller');
    expect(roleOf(analysis, 'Person:PORG')).toBe('organiser');
    expect(roleOf(analysis, 'Person:PF0-0')).toBeUndefined();
  });

  it('gives reasons with the real numbers', () => {
    const members = analysis.rings[0]!.members;
    const mule = members.find((m) => m.key === 'BankAccount:BANK:MULE1')!;
    expect(mule.reasons[0]).toBe(
      'received from 5 different payers and forwarded 99% within 4 minutes (median)',
    );
    const box = members.find((m) => m.key === 'Device:IMEIBOX')!;
    expect(box.reasons[0]).toBe('carried 6 SIMs and made 210 calls');
    const leader = members.find((m) => m.key === 'BankAccount:BANK:LEADER')!;
    expect(leader.reasons[0]).toContain('90,000.00');
  });

  it('gives the same rings for the same seed', () => {
    const again = detectRings(ringFixture(), PARAMS);
    expect(Array.from(again.communities)).toEqual(Array.from(analysis.communities));
    expect(again.rings).toEqual(analysis.rings);
  });

  it('finds connected Leiden communities, and works with Louvain and given communities', () => {
    const count = Math.max(...analysis.communities) + 1;
    for (let c = 0; c < count; c += 1) {
      expect(isConnectedCommunity(graph.graph, analysis.communities, c)).toBe(true);
    }
    const louvain = detectRings(graph, { ...PARAMS, algorithm: 'louvain' });
    expect(louvain.rings.length).toBeGreaterThan(0);
    const given = detectRings(graph, PARAMS, analysis.communities);
    expect(given.rings).toEqual(analysis.rings);
  });
});

describe('empty and tiny graphs', () => {
  it('answers with no rings instead of failing', () => {
    const empty = new AnalysisGraphBuilder().build();
    const none = detectRings(empty, PARAMS);
    expect(none).toMatchObject({ modularity: 0, rings: [], considered: 0, nearMisses: [] });
    expect(none.communities).toEqual(new Int32Array(0));
    expect(none.explanation).toMatch(/no ring\. No group had any evidence/);
    expect(scoreRisk(empty, [])).toHaveLength(0);
    const tiny = new AnalysisGraphBuilder();
    tiny.addTransfer('A:1', 'A:2', 0, 100);
    const graph = tiny.build();
    expect(detectRings(graph, PARAMS).rings).toEqual([]);
    expect(Array.from(scoreRisk(graph, [0]))).toEqual([1, expect.any(Number)]);
  });

  it('rejects communities of the wrong length', () => {
    expect(() => detectRings(ringFixture(), PARAMS, new Int32Array(2))).toThrow(RangeError);
  });
});

describe('scoreRisk', () => {
  it('ranks the ring above the background from one reported mule', () => {
    const graph: AnalysisGraph = ringFixture();
    const reported = [graph.keys.indexOf('BankAccount:BANK:MULE1')];
    const risk = scoreRisk(graph, reported);
    const ring = new Set([
      'BankAccount:BANK:MULE2',
      'BankAccount:BANK:MULE3',
      'BankAccount:BANK:CASH',
      'BankAccount:BANK:LEADER',
    ]);
    const accounts = graph.keys
      .map((key, v) => ({ key, v }))
      .filter(({ key, v }) => key.startsWith('BankAccount:') && !reported.includes(v));
    const auc = rocAuc(
      accounts.map(({ v }) => risk[v]!),
      accounts.map(({ key }) => ring.has(key)),
    );
    // Victims paid the reported mule too, so they sit as close to it as the ring does.
    expect(auc).toBeGreaterThan(0.75);
    expect(risk[reported[0]!]).toBe(1);
  });
});

describe('neighbourhoods', () => {
  it('restricts the graph to what lies near a case', () => {
    const graph = ringFixture();
    const seeds = [graph.keys.indexOf('Case:C1')];
    const near = restrictAnalysisGraph(graph, neighbourhood(graph.graph, seeds, 2));
    expect(near.keys).toContain('BankAccount:BANK:MULE1');
    expect(near.keys).toContain('PhoneNumber:+86900');
    expect(near.keys).not.toContain('BankAccount:BANK:LEADER');
    const payers = near.features.payers!;
    expect(payers[near.keys.indexOf('BankAccount:BANK:MULE1')]).toBe(5);
  });
});
