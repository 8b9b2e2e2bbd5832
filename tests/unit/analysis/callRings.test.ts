/**
 * Rings from call records alone: a planted calling ring (callers working one list of victims,
 * briefly, with a coordinator) among ordinary callers and busy legitimate numbers; what a report
 * changes; and the explanation when nothing is a ring.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisGraphBuilder, detectRings } from '../../../server/analysis/rings/index';
import { callRings } from '../../../server/analysis/rings/callRings';
import { seededRandom, randomIndex } from '../../../server/analysis/random';
import { generateCallRing } from '../../../seed/callring/index';

const PARAMS = { algorithm: 'leiden', resolution: 1, seed: 1 } as const;
const PEOPLE = 2_000;
const person = (i: number) => `+8613800${String(i).padStart(6, '0')}`;

interface World {
  callers?: number;
  /** Victims in the ring's list, each called by three of its callers. */
  victims?: number;
  /** Victims each caller calls alone. */
  ownVictims?: number;
  /** Cases naming ring callers. */
  reportedCallers?: number;
  /** Hooked victims each caller works with long calls, again and again. */
  hooked?: number;
  /** Whether a coordinator calls the callers every day (default true). */
  coordinated?: boolean;
  /** A courier who calls these of the ring's victims among 36 other people. */
  courierOnVictims?: number[];
  /** Victims worked by the first two callers (six long calls each), calling each back once. */
  workedByTwo?: number;
}

/**
 * Two thousand people calling friends (reciprocated, minutes long); five couriers calling 150
 * random people each briefly; optionally a ring of callers who split one list of victims, call
 * each victim three times between them (and a few alone) for under a minute, and are called every day by a
 * coordinator who calls no victim.
 */
function callWorld(world: World = {}) {
  const random = seededRandom(7);
  const b = new AnalysisGraphBuilder();
  for (let i = 0; i < PEOPLE; i += 1) {
    for (let k = 0; k < 4; k += 1) {
      const friend = randomIndex(random, PEOPLE);
      if (friend === i) continue;
      b.addCalls(person(i), person(friend), 3, 600);
      b.addCalls(person(friend), person(i), 2, 400);
    }
  }
  for (let c = 0; c < 5; c += 1) {
    for (let k = 0; k < 150; k += 1)
      b.addCalls(`+8613900000${c}`, person(randomIndex(random, PEOPLE)), 1, 40);
  }
  const callers = Array.from({ length: world.callers ?? 0 }, (_, c) => `+8618800000${c}`);
  const victims = world.victims ?? 60;
  for (let v = 0; v < victims && callers.length > 0; v += 1) {
    const target = person(1_000 + v);
    for (let k = 0; k < 3; k += 1) b.addCalls(callers[(v + k) % callers.length]!, target, 1, 30);
  }
  callers.forEach((caller, c) => {
    for (let k = 0; k < (world.ownVictims ?? 0); k += 1) {
      b.addCalls(caller, person(1_200 + c * 50 + k), 1, 20);
    }
    for (let k = 0; k < (world.hooked ?? 0); k += 1) {
      b.addCalls(caller, person(1_500 + ((c * 41 + k) % 400)), 6, 2_400);
    }
  });
  for (const caller of callers) {
    if (world.coordinated ?? true) {
      b.addCalls('+8617700000001', caller, 14, 4_000);
      b.addCalls(caller, '+8617700000001', 6, 1_500);
    }
    // The callers' own families.
    b.addCalls(caller, person(randomIndex(random, PEOPLE)), 4, 900);
  }
  for (let k = 0; k < (world.workedByTwo ?? 0); k += 1) {
    for (const caller of callers.slice(0, 2)) {
      b.addCalls(caller, person(1_900 + k), 6, 2_400);
      b.addCalls(person(1_900 + k), caller, 1, 300);
    }
  }
  if (world.courierOnVictims) {
    for (const v of world.courierOnVictims) b.addCalls('+8613955500000', person(1_000 + v), 1, 30);
    for (let k = 0; k < 36; k += 1)
      b.addCalls('+8613955500000', person(randomIndex(random, 900)), 1, 30);
  }
  for (let r = 0; r < (world.reportedCallers ?? 0); r += 1) {
    b.addCase(`CASE-${r}`, 'S1', [`PhoneNumber:${callers[r]!}`]);
  }
  return { graph: b.build(), callers };
}

describe('calling rings', () => {
  it('finds the callers who work one list of victims, and their coordinator', () => {
    const { graph, callers } = callWorld({ callers: 6 });
    const { rings } = callRings(graph, new Set());
    expect(rings).toHaveLength(1);
    const ring = rings[0]!;
    expect(ring.typology).toBe('calling_ring');
    const byRole = (role: string) =>
      ring.members
        .filter((m) => m.role === role)
        .map((m) => graph.keys[m.node])
        .sort();
    expect(byRole('caller')).toEqual(callers.map((c) => `PhoneNumber:${c}`).sort());
    expect(byRole('organiser')).toEqual(['PhoneNumber:+8617700000001']);
    expect(ring.evidence.reasons[0]).toMatch(
      /^6 numbers called 60 people in common who never called back/,
    );
    // The couriers, busy with strangers too, are not a ring.
    for (const m of ring.members) expect(graph.keys[m.node]).not.toMatch(/\+8613900000/);
  });

  it('is found by the full analysis from call records alone', () => {
    const { graph, callers } = callWorld({ callers: 6 });
    const analysis = detectRings(graph, PARAMS);
    const calling = analysis.rings.filter((r) => r.typology === 'calling_ring');
    expect(calling).toHaveLength(1);
    expect(calling[0]!.members.map((m) => m.key)).toEqual(
      expect.arrayContaining(callers.map((c) => `PhoneNumber:${c}`)),
    );
    expect(analysis.explanation).toMatch(/1 ring \(1 calling ring\)/);
    // Call records show the callers and their organiser, not who runs the ring; the run says so.
    expect(analysis.explanation).toMatch(
      /1 calling or community ring names no ringleader: .* load the banks' records to look for one\./,
    );
  });

  it('takes a reported caller as half the proof a ring needs', () => {
    const small = { callers: 3, victims: 4, ownVictims: 12 };
    expect(callRings(callWorld(small).graph, new Set()).rings).toHaveLength(0);
    const reported = callRings(callWorld({ ...small, reportedCallers: 1 }).graph, new Set());
    expect(reported.rings).toHaveLength(1);
    expect(reported.rings[0]!.evidence.reasons).toContain(
      '1 of its numbers named in victim reports',
    );
  });

  it('lets two reported numbers tip a group that missed more than one threshold', () => {
    const world = { callers: 3, victims: 2, ownVictims: 12 };
    expect(detectRings(callWorld(world).graph, PARAMS).rings).toHaveLength(0);
    const analysis = detectRings(callWorld({ ...world, reportedCallers: 2 }).graph, PARAMS);
    const tipped = analysis.rings.filter((r) => r.typology === 'calling_ring');
    expect(tipped).toHaveLength(1);
    expect(tipped[0]!.reasons.at(-1)).toMatch(
      /^2 of its identities named in victim reports, so it counts though it missed: 2 victims shared/,
    );
  });

  it('takes three numbers with nothing but victims in common as lone fraudsters, not a ring', () => {
    const trio = { callers: 3, victims: 40, ownVictims: 12 };
    expect(callRings(callWorld(trio).graph, new Set()).rings).toHaveLength(1);
    const alone = callRings(callWorld({ ...trio, coordinated: false }).graph, new Set());
    expect(alone.rings).toHaveLength(0);
    expect(alone.nearMisses[0]!.missed).toEqual([
      'its 3 numbers share nothing but victims (no handset, no number coordinating them, no victim report), as lone fraudsters working one bought list would; a ring of 3 needs one of those ties (minCallers)',
    ]);
    const reported = callWorld({ ...trio, coordinated: false, reportedCallers: 1 });
    expect(callRings(reported.graph, new Set()).rings).toHaveLength(1);
    // Four such numbers are a ring on their shared victims alone.
    const four = callWorld({ callers: 4, victims: 40, ownVictims: 12, coordinated: false });
    expect(callRings(four.graph, new Set()).rings).toHaveLength(1);
  });

  it('says why when there is no ring', () => {
    const { graph } = callWorld({ callers: 3, victims: 4, ownVictims: 12 });
    const analysis = detectRings(graph, PARAMS);
    expect(analysis.rings).toHaveLength(0);
    expect(analysis.considered).toBeGreaterThan(0);
    expect(analysis.explanation).toMatch(/: no ring\. The strongest candidate .* fell short: /);
    const miss = analysis.nearMisses.find((m) => m.typology === 'calling_ring');
    expect(miss?.missed).toEqual([
      '4 victims shared; a calling ring needs 6 (minSharedTotal)',
      '10% of the strangers they called were called by another of them; a calling ring needs 15% (minSharedShare)',
    ]);
  });

  it('finds each ring of a generated call-record world as its own ring, callers and coordinators', () => {
    // Rings there share a tenth of their victims with another ring; each answers to its own
    // coordinators. Seed 4 is one the calling-ring rules were tuned on.
    const world = generateCallRing({ seed: 4, numbers: 20_000 });
    const { number, imsi } = world.subscribers;
    const b = new AnalysisGraphBuilder();
    const pairs = new Map<string, { calls: number; seconds: number }>();
    for (const call of world.calls) {
      const key = `${call.from} ${call.to}`;
      const pair = pairs.get(key) ?? { calls: 0, seconds: 0 };
      pair.calls += 1;
      pair.seconds += call.duration;
      pairs.set(key, pair);
      b.addSimNumber(imsi[call.from]!, number[call.from]!);
      b.addSimInDevice(imsi[call.from]!, call.imei);
    }
    for (const [key, { calls, seconds }] of pairs) {
      const [from, to] = key.split(' ').map(Number);
      b.addCalls(number[from!]!, number[to!]!, calls, seconds);
    }
    const graph = b.build();
    const found = callRings(graph, new Set()).rings.map((ring) =>
      ring.members
        .map((m) => graph.keys[m.node]!)
        .filter((key) => key.startsWith('PhoneNumber:'))
        .map((key) => key.slice('PhoneNumber:'.length)),
    );
    expect(found).toHaveLength(world.truth.rings.length);
    for (const ring of world.truth.rings) {
      const numbers = [...ring.callers, ...ring.coordinators];
      // The found ring holding most of this ring's numbers holds at least 90% of them.
      const best = Math.max(...found.map((f) => numbers.filter((n) => f.includes(n)).length));
      expect(best).toBeGreaterThanOrEqual(0.9 * numbers.length);
    }
  });

  it('takes no ring from people who are called back by a fair share of those they call', () => {
    const random = seededRandom(3);
    const b = new AnalysisGraphBuilder();
    for (let i = 0; i < PEOPLE; i += 1) {
      const friend = randomIndex(random, PEOPLE);
      if (friend === i) continue;
      b.addCalls(person(i), person(friend), 3, 600);
      b.addCalls(person(friend), person(i), 2, 400);
    }
    // Four neighbours each ring 12 of the same 20 shops once, call three friends who call back,
    // and are called by three more people.
    for (let p = 0; p < 4; p += 1) {
      const number = `+8615000000${p}`;
      for (let k = 0; k < 12; k += 1) b.addCalls(number, `+8602000000${(p * 3 + k) % 20}`, 1, 30);
      for (let k = 0; k < 3; k += 1) {
        b.addCalls(number, person(100 + p * 10 + k), 4, 900);
        b.addCalls(person(100 + p * 10 + k), number, 3, 700);
        b.addCalls(person(200 + p * 10 + k), number, 2, 300);
      }
    }
    const { rings, nearMisses } = callRings(b.build(), new Set());
    expect(rings).toEqual([]);
    expect(nearMisses).toEqual([]);
  });

  it('makes no ring of lone scam lines and a SIM box that merely call the same crowd', () => {
    const random = seededRandom(5);
    const b = new AnalysisGraphBuilder();
    for (let i = 0; i < 300; i += 1) {
      b.addCalls(person(i), person((i + 1) % 300), 3, 600);
      b.addCalls(person((i + 1) % 300), person(i), 2, 400);
    }
    // Six lines each call 80 of the same 300 people once, briefly; four sit in one SIM box.
    for (let line = 0; line < 6; line += 1) {
      const number = `+8617000000${line}`;
      for (let k = 0; k < 80; k += 1) b.addCalls(number, person(randomIndex(random, 300)), 1, 15);
      b.addSimNumber(`46000000000000${line}`, number);
      b.addSimInDevice(
        `46000000000000${line}`,
        line < 4 ? '860000000000001' : `86000000000010${line}`,
      );
    }
    const analysis = detectRings(b.build(), PARAMS);
    expect(analysis.rings.filter((r) => r.typology === 'community')).toEqual([]);
    const miss = analysis.nearMisses.find((m) => m.typology === 'community');
    expect(miss?.missed).toContain(
      'its only evidence is SIM cycling and burst calling, which mark scam lines but not that they work together; a community ring needs a victim report or mule accounts as well (numbers that call the same victims are judged as a calling ring)',
    );
  });

  it('finds scam lines that call strangers apart but keep calling each other, as one crew', () => {
    // Six lines each call 60 strangers of their own, briefly; each calls the others both ways.
    const crew = (extra: (b: AnalysisGraphBuilder, lines: string[]) => void) => {
      const b = new AnalysisGraphBuilder();
      const random = seededRandom(9);
      for (let i = 0; i < PEOPLE; i += 1) {
        const friend = randomIndex(random, PEOPLE);
        if (friend === i) continue;
        b.addCalls(person(i), person(friend), 3, 600);
        b.addCalls(person(friend), person(i), 2, 400);
      }
      const lines = Array.from({ length: 6 }, (_, c) => `+8618900000${c}`);
      lines.forEach((line, c) => {
        for (let k = 0; k < 60; k += 1) b.addCalls(line, person(c * 300 + k), 1, 20);
      });
      extra(b, lines);
      return b.build();
    };
    const talking = crew((b, lines) => {
      lines.forEach((line, c) => {
        lines.forEach((other, j) => {
          if (j !== c) b.addCalls(line, other, 3, 600);
        });
      });
    });
    const { rings } = callRings(talking, new Set());
    expect(rings).toHaveLength(1);
    expect(rings[0]!.evidence.reasons).toContain(
      '6 of its numbers keep calling each other, both ways, each with at least two of the others: scam lines working as one crew',
    );
    const callers = rings[0]!.members.filter((m) => m.role === 'caller');
    expect(callers.map((m) => talking.keys[m.node]).sort()).toEqual(
      Array.from({ length: 6 }, (_, c) => `PhoneNumber:+8618900000${c}`),
    );
    // Two of them friends, the others strangers to each other: no crew, no ring.
    const apart = crew((b, lines) => {
      b.addCalls(lines[0]!, lines[1]!, 3, 600);
      b.addCalls(lines[1]!, lines[0]!, 3, 600);
    });
    expect(callRings(apart, new Set()).rings).toEqual([]);
  });

  it('takes victims worked by two callers, who call them back now and then, for victims', () => {
    const { graph } = callWorld({ callers: 6, workedByTwo: 3 });
    const { rings } = callRings(graph, new Set());
    expect(rings).toHaveLength(1);
    const organisers = rings[0]!.members
      .filter((m) => m.role === 'organiser')
      .map((m) => graph.keys[m.node]);
    expect(organisers).toEqual(['PhoneNumber:+8617700000001']);
  });

  it("leaves out a busy line that met a few of the ring's victims by chance", () => {
    // Twelve callers split 60 victims, three callers each; a courier calling 40 people reached
    // four victims of the first caller among them.
    const { graph, callers } = callWorld({ callers: 12, courierOnVictims: [0, 10, 11, 12] });
    const { rings } = callRings(graph, new Set());
    expect(rings).toHaveLength(1);
    const numbers = rings[0]!.members
      .filter((m) => m.role === 'caller')
      .map((m) => graph.keys[m.node]);
    expect(numbers.sort()).toEqual(callers.map((c) => `PhoneNumber:${c}`).sort());
  });

  it('counts callers whose hooked victims are no longer strangers: called again and again, never calling back', () => {
    const { graph, callers } = callWorld({ callers: 6, hooked: 40 });
    const { rings } = callRings(graph, new Set());
    expect(rings).toHaveLength(1);
    const numbers = rings[0]!.members
      .filter((m) => m.role === 'caller' && graph.keys[m.node]!.startsWith('PhoneNumber:'))
      .map((m) => graph.keys[m.node]);
    expect(numbers.sort()).toEqual(callers.map((c) => `PhoneNumber:${c}`).sort());
  });
});
