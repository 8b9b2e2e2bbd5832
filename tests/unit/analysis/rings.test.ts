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
} from '../../../server/analysis/rings/index';
import { isConnectedCommunity } from '../../../server/analysis/leiden';
import { rocAuc } from '../../../server/analysis/metrics';

/**
 * A small hand-made network with one scam ring in a quiet background, for the ring tests: victims
 * pay two first-layer mules, which pass the money within minutes to a second-layer mule, which
 * pays a cash-out account; the cash-out account is swept to the ringleader's account, which pays
 * two members. A SIM box (one handset, six SIMs) calls strangers; a mule herder's handset runs
 * the mules' platform accounts; two reports name a mule and a SIM box number.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const T0 = Date.parse('2026-10-01T00:00:00Z');

function ringFixture(): AnalysisGraph {
  const b = new AnalysisGraphBuilder();
  // Background: five families of four, each paying each other and calling each other.
  for (let family = 0; family < 5; family += 1) {
    const members = [0, 1, 2, 3].map((i) => `F${family}-${i}`);
    members.forEach((person, i) => {
      b.addHolding(`P${person}`, `BANK:${person}`);
      b.addSimInDevice(`SIM${person}`, `IMEI${person}`);
      b.addSimNumber(`SIM${person}`, `+86${family}${i}`);
      for (const [j, other] of members.entries()) {
        if (j === i) continue;
        for (let k = 0; k < 3; k += 1) {
          b.addTransfer(`BANK:${person}`, `BANK:${other}`, T0 + (k * 7 + j) * DAY, 10_000);
        }
        b.addCalls(`+86${family}${i}`, `+86${family}${j}`, 5);
      }
    });
  }
  // Victims: the first ten background people pay the first-layer mules.
  const victims = Array.from({ length: 10 }, (_, i) => `F${i % 5}-${Math.floor(i / 5)}`);
  victims.forEach((victim, i) => {
    const at = T0 + 3 * DAY + i * 3 * 60 * MINUTE;
    const mule = i % 2 === 0 ? 'MULE1' : 'MULE2';
    b.addTransfer(`BANK:${victim}`, `BANK:${mule}`, at, 1_000_000);
    b.addTransfer(`BANK:${mule}`, 'BANK:MULE3', at + 4 * MINUTE, 985_000);
    b.addTransfer('BANK:MULE3', 'BANK:CASH', at + 9 * MINUTE, 970_000);
  });
  b.addTransfer('BANK:CASH', 'BANK:LEADER', T0 + 6 * DAY, 9_000_000);
  b.addTransfer('BANK:LEADER', 'BANK:ORG', T0 + 7 * DAY, 500_000);
  b.addTransfer('BANK:LEADER', 'BANK:HERDER', T0 + 7 * DAY, 400_000);
  for (const [person, account] of [
    ['PLEADER', 'LEADER'],
    ['PORG', 'ORG'],
    ['PHERDER', 'HERDER'],
    ['PMULE1', 'MULE1'],
    ['PMULE2', 'MULE2'],
    ['PMULE3', 'MULE3'],
    ['PCASH', 'CASH'],
  ] as const) {
    b.addHolding(person, `BANK:${account}`);
  }
  // Members talk.
  b.addSimInDevice('SIMLEADER', 'IMEILEADER');
  b.addSimNumber('SIMLEADER', '+8610');
  b.addSimInDevice('SIMORG', 'IMEIORG');
  b.addSimNumber('SIMORG', '+8611');
  b.addSimInDevice('SIMHERDER', 'IMEIHERDER');
  b.addSimNumber('SIMHERDER', '+8612');
  b.addCalls('+8610', '+8611', 6);
  b.addCalls('+8611', '+8612', 4);
  // The SIM box: six SIMs in one gateway, each number calling strangers.
  for (let s = 0; s < 6; s += 1) {
    b.addSimInDevice(`BOX${s}`, 'IMEIBOX');
    b.addSimNumber(`BOX${s}`, `+8690${s}`);
    for (let k = 0; k < 30; k += 1) b.addCalls(`+8690${s}`, `+8699${s}${k}`, 1);
    b.addCalls('+8611', `+8690${s}`, 1);
  }
  victims.forEach((victim, i) => b.addCalls(`+8690${i % 6}`, `+86${victim[1]}${victim[3]}`, 3));
  // The herder's handset runs the mules' platform accounts.
  for (const mule of ['MULE1', 'MULE2', 'MULE3']) {
    b.addPlatformLink(`wechat:${mule}`, 'REGISTERED_FROM', 'Device', 'IMEIHERDER');
    b.addPlatformLink(`wechat:${mule}`, 'USED_DEVICE', 'Device', 'IMEIHERDER', 4);
  }
  // Reports.
  b.addCase('C1', 'S1', ['BankAccount:BANK:MULE1', 'PhoneNumber:+86900']);
  b.addCase('C2', 'S2', ['BankAccount:BANK:MULE2', 'PhoneNumber:+86901']);
  b.markVictim('PF0-0');
  b.markVictim('PF1-0');
  return b.build();
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

  it('is structured-cloneable', () => {
    const copy = structuredClone(graph);
    expect(copy.keys).toEqual(graph.keys);
    expect(copy.graph.targets).toEqual(graph.graph.targets);
  });
});

describe('detectRings on a known ring', () => {
  const graph = ringFixture();
  const analysis = detectRings(graph, PARAMS);

  it('finds one ring and names its ringleader first', () => {
    expect(analysis.rings).toHaveLength(1);
    const ring = analysis.rings[0]!;
    expect(ring.id).toBe('R1');
    expect(ring.reasons.join(' ')).toMatch(/victim report/);
    const leaders = ring.members.filter((m) => m.role === 'ringleader').map((m) => m.key);
    expect(leaders).toContain('Person:PLEADER');
    expect(leaders).toContain('BankAccount:BANK:LEADER');
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
    expect(detectRings(empty, PARAMS)).toEqual({
      communities: new Int32Array(0),
      modularity: 0,
      rings: [],
    });
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
