/**
 * Ring assembly on small hand-made graphs with known answers: victims' money followed through a
 * mule that two rings share, and the coordination circle around a mule herder's number.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisGraphBuilder, restrictAnalysisGraph } from '../../../server/analysis/rings/index';
import type { AnalysisGraph } from '../../../server/analysis/rings/graphBuilder';
import {
  attachCases,
  moneyRoles,
  ringCores,
  type RingCore,
} from '../../../server/analysis/rings/assemble';
import {
  CIRCLE_CONTACTS,
  CIRCLE_MAX_PEOPLE,
  coordinationCircle,
  ringCircle,
  contactsOf,
} from '../../../server/analysis/rings/circle';
import { muleScores } from '../../../server/analysis/rings/signals';
import { randomIndex, seededRandom } from '../../../server/analysis/random';
import { burstRings, type BurstRing } from '../../../server/analysis/rings/fanIn';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2026-10-01T00:00:00Z');

/**
 * Two rings, A and B, each with two first-layer mules (X1, X1b), a second-layer mule (X2), a
 * cash-out account (CX) and a consolidation account (LX). Both rings' first mules X1 pass the
 * money through the same shared mule S, which passes each ring's money on to that ring's X2
 * within minutes. Ring A works in the morning, ring B in the afternoon.
 */
function sharedMuleFixture() {
  const b = new AnalysisGraphBuilder();
  for (const [ring, start] of [
    ['A', T0],
    ['B', T0 + 12 * HOUR],
  ] as const) {
    for (let i = 0; i < 6; i += 1) {
      const t = start + i * HOUR;
      const victim = `V${ring}${i}`;
      if (i % 2 === 0) {
        b.addTransfer(victim, `${ring}1`, t, 1_000_000);
        b.addTransfer(`${ring}1`, 'S', t + 3 * MINUTE, 990_000);
        b.addTransfer('S', `${ring}2`, t + 6 * MINUTE, 980_000);
        b.addTransfer(`${ring}2`, `C${ring}`, t + 9 * MINUTE, 970_000);
      } else {
        b.addTransfer(victim, `${ring}1b`, t, 1_000_000);
        b.addTransfer(`${ring}1b`, `${ring}2`, t + 3 * MINUTE, 990_000);
        b.addTransfer(`${ring}2`, `C${ring}`, t + 6 * MINUTE, 980_000);
      }
    }
    b.addTransfer(`C${ring}`, `L${ring}`, T0 + 30 * HOUR, 5_000_000);
  }
  return b.build();
}

describe('victims money followed through a shared mule', () => {
  const graph = sharedMuleFixture();
  const at = (id: string) => graph.keys.indexOf(`BankAccount:${id}`);
  const mules = muleScores(graph);
  const cores = ringCores(graph, mules, moneyRoles(graph, mules));
  const coreOf = (id: string) => cores.find((core) => core.anchor === at(id))!;

  it('keeps the transfers in time order', () => {
    const { at: times, from } = graph.transfers;
    expect(from.length).toBe(2 * (3 * 4 + 3 * 3 + 1));
    for (let i = 1; i < times.length; i += 1)
      expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
  });

  it('puts each first-layer mule in the ring its victims money reached', () => {
    for (const id of ['A1', 'S', 'A2', 'B1', 'B2']) expect(mules[at(id)]).toBeGreaterThan(0);
    expect([...coreOf('LA').mules.keys()]).toEqual(expect.arrayContaining([at('A1'), at('A2')]));
    expect([...coreOf('LB').mules.keys()]).toEqual(expect.arrayContaining([at('B1'), at('B2')]));
    expect(coreOf('LA').mules.has(at('B1'))).toBe(false);
    expect(coreOf('LB').mules.has(at('A1'))).toBe(false);
  });

  it('marks the mule both rings used as shared, with the share it carried for its ring', () => {
    const owner = [coreOf('LA'), coreOf('LB')].find((core) => core.mules.has(at('S')))!;
    expect(owner.shared.has(at('S'))).toBe(true);
    expect(owner.mules.get(at('S'))).toBeCloseTo(0.5, 2);
  });

  it('keeps transfers between kept accounts when the graph is restricted', () => {
    const kept = Int32Array.from([at('A1'), at('S'), at('A2')]).sort();
    const near = restrictAnalysisGraph(graph, kept);
    expect(near.transfers.from.length).toBe(6);
    expect(near.keys[near.transfers.from[0]!]).toBe('BankAccount:A1');
  });
});

describe('reports joining rings', () => {
  it("goes with the ring whose victims the named caller's handset worked", () => {
    // A report names mule M, which passes its money to ring B, and a number in handset KIT,
    // which talked to five of ring A's victims.
    const b = new AnalysisGraphBuilder();
    b.addTransfer('M', 'CASH-B', T0, 1_000_000);
    b.addSimNumber('SIM1', '+8613900000001');
    b.addSimInDevice('SIM1', 'KIT');
    b.addCase('CASE-1', 'S1', ['BankAccount:M', 'PhoneNumber:+8613900000001']);
    const graph = b.build();
    const at = (key: string) => graph.keys.indexOf(key);
    const core = (anchor: string, mules: string[]): RingCore => ({
      anchor: at(anchor),
      consolidated: true,
      mules: new Map(mules.map((m) => [at(m), 1])),
      cashOut: new Map(),
      shared: new Set(),
      cases: [],
    });
    const casesOf = (kitVoting: boolean) => {
      const a = core('BankAccount:CASH-A', []);
      const ringB = core('BankAccount:CASH-B', ['BankAccount:M']);
      const kitVictims = new Map([[at('Device:KIT'), { core: a, victims: 5 }]]);
      attachCases(graph, [a, ringB], kitVoting ? kitVictims : new Map());
      return { a: a.cases.map((k) => graph.keys[k]), b: ringB.cases.map((k) => graph.keys[k]) };
    };
    // Without the handset's victims the mule decides; with them, the victims its callers worked.
    expect(casesOf(false)).toEqual({ a: [], b: ['Case:CASE-1'] });
    expect(casesOf(true)).toEqual({ a: ['Case:CASE-1'], b: [] });
  });
});

describe('a hub among the recipients of cash-out money', () => {
  it("never makes a shop paid by thousands the ring's consolidation account", () => {
    const b = new AnalysisGraphBuilder();
    for (let c = 0; c < 1_200; c += 1) {
      b.addTransfer(`CUSTOMER${c}`, 'SHOP', T0 + c * MINUTE, 5_000 + c);
    }
    for (let i = 0; i < 6; i += 1) {
      const t = T0 + i * HOUR;
      b.addTransfer(`V${i}`, 'M1', t, 1_000_000);
      b.addTransfer('M1', 'CASH', t + 3 * MINUTE, 990_000);
    }
    // The cash-out account spends most of the money at the shop, and sweeps less to its boss.
    b.addTransfer('CASH', 'SHOP', T0 + 20 * HOUR, 4_000_000);
    b.addTransfer('CASH', 'BOSS', T0 + 21 * HOUR, 1_500_000);
    const graph = b.build();
    const mules = muleScores(graph);
    const cores = ringCores(graph, mules, moneyRoles(graph, mules));
    const anchors = cores.map((core) => graph.keys[core.anchor]);
    expect(anchors).toEqual(['BankAccount:BOSS']);
  });
});

/**
 * A mule herder's number H. The ring's circle: six people (numbers P0..P5) who all call or
 * message each other, and H, with some of them reached only through the chat (platform accounts
 * registered with their numbers). H's family: three numbers calling H and each other. Friends:
 * each circle member and H call a few friends of their own.
 */
function circleFixture() {
  const b = new AnalysisGraphBuilder();
  const circle = ['+8610', '+8611', '+8612', '+8613', '+8614', '+8615'];
  const herder = '+8619';
  const people = [...circle, herder];
  for (const number of people) {
    b.addSimNumber(`SIM${number}`, number);
    b.addSimInDevice(`SIM${number}`, `IMEI${number}`);
    b.addPlatformLink(`wechat:${number}`, 'REGISTERED_WITH', 'PhoneNumber', number);
  }
  people.forEach((a, i) => {
    people.forEach((c, j) => {
      if (j <= i) return;
      // Half the pairs call, the other half only chat.
      if ((i + j) % 2 === 0) b.addCalls(a, c, 3);
      else b.addPlatformLink(`wechat:${a}`, 'MESSAGED', 'PlatformAccount', `wechat:${c}`, 4);
    });
    for (let k = 0; k < 3; k += 1) b.addCalls(a, `+87${i}${k}`, 5);
  });
  const family = ['+8620', '+8621', '+8622'];
  family.forEach((a, i) => {
    b.addCalls(a, herder, 10);
    family.forEach((c, j) => {
      if (j > i) b.addCalls(a, c, 10);
    });
  });
  return b.build();
}

describe('the coordination circle', () => {
  const graph = circleFixture();
  const at = (key: string) => graph.keys.indexOf(key);

  it('counts a call and a chat message between the same two people once', () => {
    const contacts = contactsOf(graph, at('PhoneNumber:+8610'));
    expect(contacts.has(at('PhoneNumber:+8611'))).toBe(true);
    expect(contacts.has(at('PhoneNumber:+8612'))).toBe(true);
    expect(contacts.size).toBe(6 + 3);
  });

  it('finds the people around the herder who all work together, not the family', () => {
    const members = coordinationCircle(graph, [at('PhoneNumber:+8619')]);
    expect([...members.keys()].map((v) => graph.keys[v]).sort()).toEqual(
      ['+8610', '+8611', '+8612', '+8613', '+8614', '+8615'].map((n) => `PhoneNumber:${n}`),
    );
    expect(members.get(at('PhoneNumber:+8610'))).toBe(6);
  });

  it("leaves another ring's herder, and whoever is closer to it, to that ring", () => {
    const b = new AnalysisGraphBuilder();
    const ours = ['+8640', '+8641', '+8642', '+8643', '+8644', '+8649'];
    const theirs = ['+8650', '+8651', '+8652', '+8653', '+8654', '+8659'];
    for (const group of [ours, theirs]) {
      group.forEach((a, i) => {
        group.forEach((c, j) => {
          if (j > i) b.addCalls(a, c, 4);
        });
      });
    }
    // One of their people also calls our herder.
    b.addCalls('+8650', '+8649', 2);
    const two = b.build();
    const at = (n: string) => two.keys.indexOf(`PhoneNumber:${n}`);
    const alone = coordinationCircle(two, [at('+8649')]);
    expect(alone.size).toBe(11);
    const kept = coordinationCircle(two, [at('+8649')], CIRCLE_CONTACTS, [at('+8659')]);
    expect([...kept.keys()].map((v) => two.keys[v]).sort()).toEqual(
      ['+8640', '+8641', '+8642', '+8643', '+8644'].map((n) => `PhoneNumber:${n}`),
    );
  });

  it('finds no circle where the herder lives among a crowd that all know each other', () => {
    // The herder and five people who all call each other; they also call a few of a crowd of
    // 150 neighbours, each of whom calls 15 others of the crowd.
    const random = seededRandom(3);
    const b = new AnalysisGraphBuilder();
    const circle = Array.from({ length: 5 }, (_, i) => `+8670${i}`);
    const herder = '+86799';
    const crowd = (i: number) => `+8680${String(i).padStart(3, '0')}`;
    [...circle, herder].forEach((a, i, all) => {
      all.forEach((c, j) => {
        if (j > i) b.addCalls(a, c, 4);
      });
      for (let k = 0; k < 3; k += 1) b.addCalls(a, crowd(randomIndex(random, 150)), 2);
    });
    const small = b.build();
    const alone = [small.keys.indexOf(`PhoneNumber:${herder}`)];
    expect([...ringCircle(small, alone).keys()].map((v) => small.keys[v]).sort()).toEqual(
      circle.map((n) => `PhoneNumber:${n}`),
    );
    for (let i = 0; i < 150; i += 1) {
      for (let k = 0; k < 15; k += 1) {
        const other = randomIndex(random, 150);
        if (other !== i) b.addCalls(crowd(i), crowd(other), 2);
      }
    }
    const village = b.build();
    const seeds = [village.keys.indexOf(`PhoneNumber:${herder}`)];
    expect(coordinationCircle(village, seeds).size).toBeGreaterThan(CIRCLE_MAX_PEOPLE);
    expect(ringCircle(village, seeds).size).toBe(0);
  });

  it('needs a lower bar for a ring of five people', () => {
    const b = new AnalysisGraphBuilder();
    const five = ['+8630', '+8631', '+8632', '+8633', '+8639'];
    five.forEach((a, i) => {
      five.forEach((c, j) => {
        if (j > i) b.addCalls(a, c, 4);
      });
    });
    const small = b.build();
    const herder = [small.keys.indexOf('PhoneNumber:+8639')];
    expect(coordinationCircle(small, herder).size).toBe(0);
    expect(coordinationCircle(small, herder, CIRCLE_CONTACTS - 1).size).toBe(4);
  });

  it('finds nobody around a number with only family and friends', () => {
    const b = new AnalysisGraphBuilder();
    const family = ['+8620', '+8621', '+8622', '+8623'];
    family.forEach((a, i) => {
      family.forEach((c, j) => {
        if (j > i) b.addCalls(a, c, 10);
      });
      for (let k = 0; k < 3; k += 1) b.addCalls(a, `+87${i}${k}`, 5);
    });
    const lone = b.build();
    expect(coordinationCircle(lone, [lone.keys.indexOf('PhoneNumber:+8620')]).size).toBe(0);
    expect(coordinationCircle(lone, []).size).toBe(0);
  });
});

describe('groups of payments in bursts', () => {
  /**
   * Collector C paid by three payers, each several small transfers within an hour; processor P
   * paid once by each of a hundred accounts, two of which paid twice within an hour.
   */
  function fanInFixture() {
    const b = new AnalysisGraphBuilder();
    for (let m = 0; m < 3; m += 1) {
      for (let k = 0; k < 3; k += 1) {
        b.addTransfer(`S${m}`, 'C', T0 + m * 5 * HOUR + k * 10 * MINUTE, 400 + m * 10 + k);
      }
    }
    for (let i = 0; i < 100; i += 1) {
      b.addTransfer(`U${i}`, 'P', T0 + i * 3 * HOUR, 25_000);
      if (i < 2) b.addTransfer(`U${i}`, 'P', T0 + i * 3 * HOUR + 5 * MINUTE, 25_000);
    }
    return b.build();
  }

  /** A ring's members as "key role", sorted. */
  function rolesOf(graph: AnalysisGraph, ring: BurstRing): string[] {
    return ring.members.map((m) => `${graph.keys[m.node]} ${m.role}`).sort();
  }

  it('finds the collector and its burst payers, not the processor', () => {
    const graph = fanInFixture();
    const { rings } = burstRings(graph, new Set());
    expect(rings).toHaveLength(1);
    expect(rolesOf(graph, rings[0]!)).toEqual([
      'BankAccount:C ringleader',
      'BankAccount:S0 member',
      'BankAccount:S1 member',
      'BankAccount:S2 member',
    ]);
    const collector = rings[0]!.members.find((m) => m.role === 'ringleader')!;
    expect(collector.reasons).toEqual([
      'received in bursts from S0 3 times (12.03), S1 3 times (12.33), S2 3 times (12.63)',
    ]);
    expect(rings[0]!.evidence.reasons).toEqual([
      '4 accounts joined by payments in bursts: C collected from 3 payers in bursts; 9 transfers in 3 pairs, several from one payer within an hour',
    ]);
  });

  /**
   * Collector C paid in bursts by two payers (`pieces` transfers each within an hour) and once
   * each by `ordinary` payers; a hundred accounts pay P over 300 hours, so the data spans
   * that long.
   */
  function pairFixture(pieces: number, ordinary = 8) {
    const b = new AnalysisGraphBuilder();
    for (let m = 0; m < 2; m += 1) {
      for (let k = 0; k < pieces; k += 1) {
        b.addTransfer(`S${m}`, 'C', T0 + (m * 40 + 7) * HOUR + k * 5 * MINUTE, 390 + k);
      }
    }
    for (let i = 0; i < ordinary; i += 1) {
      b.addTransfer(`O${i}`, 'C', T0 + ((i * 7) % 300) * HOUR + 30 * MINUTE, 18_000);
    }
    for (let i = 0; i < 100; i += 1) b.addTransfer(`U${i}`, 'P', T0 + i * 3 * HOUR, 25_000);
    return b.build();
  }

  it('makes a ring of three when two payers burst far beyond chance', () => {
    const graph = pairFixture(5);
    const { rings, nearMisses } = burstRings(graph, new Set());
    expect(nearMisses).toEqual([]);
    expect(rings).toHaveLength(1);
    expect(rolesOf(graph, rings[0]!)).toEqual([
      'BankAccount:C ringleader',
      'BankAccount:S0 member',
      'BankAccount:S1 member',
    ]);
    expect(rings[0]!.evidence.reasons[1]).toBe(
      'so few accounts, but bursts like these between accounts that seldom burst come about by chance less than once in a billion',
    );
  });

  it('finds two payers bursting far beyond chance into a busy account too', () => {
    // 2 of 202 payers is less than burstShare of them, but five at once is never chance.
    const graph = pairFixture(5, 200);
    const { rings } = burstRings(graph, new Set());
    expect(rings.map((r) => r.members.length)).toEqual([3]);
    expect(burstRings(pairFixture(2, 200), new Set())).toEqual({ rings: [], nearMisses: [] });
  });

  it('keeps three accounts whose bursts chance could give as a near miss, and says why', () => {
    const graph = pairFixture(2);
    const { rings, nearMisses } = burstRings(graph, new Set());
    expect(rings).toEqual([]);
    expect(nearMisses).toHaveLength(1);
    expect(nearMisses[0]!.nodes.map((v) => graph.keys[v]).sort()).toEqual([
      'BankAccount:C',
      'BankAccount:S0',
      'BankAccount:S1',
    ]);
    expect(nearMisses[0]!.reasons[0]).toMatch(
      /^3 accounts joined by payments in bursts; bursts like these between accounts that seldom burst come about by chance about once in [\d,]+$/,
    );
    expect(nearMisses[0]!.missed).toEqual([
      '3 accounts: a ring of fewer than 4 needs its bursts to be at most 0.000001 likely by chance (smallGroupChance)',
    ]);
  });

  it('counts a reported victim paying in instalments as no member', () => {
    const b = new AnalysisGraphBuilder();
    background(b);
    for (let m = 0; m < 4; m += 1) inPieces(b, `S${m}`, 'C', 10 + 30 * m);
    b.addHolding('P-victim', 'S3');
    b.markVictim('P-victim');
    const graph = b.build();
    const { rings } = burstRings(graph, new Set());
    expect(rings.map((r) => rolesOf(graph, r))).toEqual([
      [
        'BankAccount:C ringleader',
        'BankAccount:S0 member',
        'BankAccount:S1 member',
        'BankAccount:S2 member',
      ],
    ]);
  });

  it('leaves accounts already in a ring alone', () => {
    const graph = fanInFixture();
    const taken = new Set([graph.keys.indexOf('BankAccount:S1')]);
    expect(burstRings(graph, taken).rings).toHaveLength(0);
  });

  const DAY = 24 * HOUR;

  /** `from` pays `to` in `pieces` transfers within an hour, starting at `day`. */
  function inPieces(b: AnalysisGraphBuilder, from: string, to: string, day: number, pieces = 5) {
    for (let k = 0; k < pieces; k += 1) {
      b.addTransfer(from, to, T0 + day * DAY + k * 7 * MINUTE, 900 + 13 * k);
    }
  }

  /** A hundred accounts paying P once each over 150 days, so the data spans that long. */
  function background(b: AnalysisGraphBuilder) {
    for (let i = 0; i < 100; i += 1) b.addTransfer(`U${i}`, 'P', T0 + i * 36 * HOUR, 25_000);
  }

  it('names a scatter-gather in bursts, led by the account that scattered the money', () => {
    const b = new AnalysisGraphBuilder();
    background(b);
    for (let m = 0; m < 4; m += 1) {
      inPieces(b, 'O', `M${m}`, 10 + 20 * m);
      inPieces(b, `M${m}`, 'E', 20 + 20 * m);
    }
    const graph = b.build();
    const { rings } = burstRings(graph, new Set());
    expect(rings.map((r) => [r.typology, r.members.length])).toEqual([['scatter_gather', 6]]);
    expect(graph.keys[rings[0]!.leader!]).toBe('BankAccount:O');
    expect(rings[0]!.evidence.reasons[0]).toBe(
      '6 accounts joined by payments in bursts: O paid 4 accounts in bursts, which paid E in bursts; 40 transfers in 8 pairs, several from one payer within an hour',
    );
  });

  it('follows money passed along in bursts weeks apart as a chain with no leader', () => {
    const b = new AnalysisGraphBuilder();
    background(b);
    ['A', 'B', 'C', 'D'].forEach((from, k, all) => {
      if (k + 1 < all.length) inPieces(b, from, all[k + 1]!, 30 + 40 * k);
    });
    const graph = b.build();
    const { rings } = burstRings(graph, new Set());
    expect(rings.map((r) => [r.typology, r.members.length, r.leader])).toEqual([
      ['chain', 4, null],
    ]);
    const member = rings[0]!.members.find((m) => graph.keys[m.node] === 'BankAccount:B')!;
    expect(member.reasons).toEqual([
      'received in bursts from A 5 times (46.30)',
      'paid in bursts C 5 times (46.30)',
    ]);
  });

  /** Money from A to E in bursts 20 days apart, C passing it on to D whole (44.00). */
  function hopSentWhole(): AnalysisGraphBuilder {
    const b = new AnalysisGraphBuilder();
    background(b);
    inPieces(b, 'A', 'B', 20);
    inPieces(b, 'B', 'C', 40);
    b.addTransfer('C', 'D', T0 + 60 * DAY, 4_400);
    inPieces(b, 'D', 'E', 80);
    return b;
  }

  it('joins a chain in bursts across a hop sent whole, and says so', () => {
    const b = hopSentWhole();
    inPieces(b, 'E', 'F', 100);
    const graph = b.build();
    const { rings } = burstRings(graph, new Set());
    expect(rings.map((r) => [r.typology, r.members.length])).toEqual([['chain', 6]]);
    const passer = rings[0]!.members.find((m) => graph.keys[m.node] === 'BankAccount:C')!;
    expect(passer.reasons).toEqual([
      'received in bursts from B 5 times (46.30)',
      'passed on 44.00 (95% of what it received in bursts) to D in one payment, which paid it on in bursts',
    ]);
  });

  it('names money that came back to where it started in bursts a cycle', () => {
    const b = hopSentWhole();
    b.addTransfer('E', 'A', T0 + 100 * DAY, 4_300);
    const graph = b.build();
    const { rings } = burstRings(graph, new Set());
    expect(rings.map((r) => [r.typology, r.members.length, r.leader])).toEqual([
      ['cycle', 5, null],
    ]);
  });

  it('takes a firm paying its suppliers in a batch every month for no ring', () => {
    const b = new AnalysisGraphBuilder();
    background(b);
    for (let month = 0; month < 5; month += 1) {
      for (let s = 0; s < 3; s += 1) inPieces(b, 'F', `S${s}`, 5 + 30 * month, 4);
    }
    expect(burstRings(b.build(), new Set())).toEqual({ rings: [], nearMisses: [] });
  });

  it('keeps a shop where one of the payers also bursts out of the ring', () => {
    const b = new AnalysisGraphBuilder();
    background(b);
    for (let m = 0; m < 3; m += 1) inPieces(b, `S${m}`, 'C', 10 + 30 * m);
    // A shop where 400 customers buy 8 times each; 15 of them, S0 among them, twice in an hour
    // once: fewer than burstShare of its customers, and no more than chance gives a shop so busy.
    for (let i = 0; i < 400; i += 1) {
      const customer = i === 0 ? 'S0' : `K${i}`;
      for (let k = 0; k < 8; k += 1) {
        const day = (i + 17 * k) % 150;
        b.addTransfer(customer, 'SHOP', T0 + day * DAY + (k + 8) * HOUR + (i % 50) * MINUTE, 2_000);
      }
      if (i < 15) b.addTransfer(customer, 'SHOP', T0 + i * DAY + 8 * HOUR + MINUTE, 2_000);
    }
    const graph = b.build();
    const { rings } = burstRings(graph, new Set());
    expect(rings.map((r) => r.members.map((m) => graph.keys[m.node]).sort())).toEqual([
      ['BankAccount:C', 'BankAccount:S0', 'BankAccount:S1', 'BankAccount:S2'],
    ]);
  });
});
