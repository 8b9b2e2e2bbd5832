/**
 * Bursts off routine: where accounts pay one standing amount, an account that pays its standing
 * amount to a new account every few days and, within hours, six new accounts six other amounts
 * made a fan-out; the same burst at its standing amount is its steady stream. A fan-in whose
 * payers passed on what one origin paid them is half of a scatter-gather that origin leads.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisGraphBuilder } from '../../../server/analysis/rings/index';
import { typologyRings } from '../../../server/analysis/rings/typologies';
import { offRoutine } from '../../../server/analysis/rings/routine';
import { moneyTimeline } from '../../../server/analysis/rings/fanIn';
import { fanScatterGather } from '../../../server/analysis/rings/slowShapes';
import { TYPOLOGY_DEFAULTS } from '../../../server/analysis/rings/typologyOptions';
import { randomIndex, seededRandom } from '../../../server/analysis/random';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-07-01T00:00:00Z');

/** 200 accounts each paying its own standing amount to six others once, over 90 days. */
function background(b: AnalysisGraphBuilder): void {
  const random = seededRandom(11);
  for (let a = 0; a < 200; a += 1) {
    const standing = 10_001 + randomIndex(random, 20_000);
    for (let k = 0; k < 6; k += 1) {
      const to = randomIndex(random, 200);
      if (to === a) continue;
      b.addTransfer(`B${a}`, `B${to}`, T0 + randomIndex(random, 90 * 24) * HOUR, standing);
    }
  }
}

/** Days FAN paid its standing amount to a new account on, at no steady pace. */
const STREAM_DAYS = [1, 3, 8, 9, 15, 22, 24, 30, 31, 37, 45, 52, 53, 61, 70];

/** FAN pays 189.08 to a new account every few days, and six new accounts `burst` within hours. */
function fan(burst: readonly number[]) {
  const b = new AnalysisGraphBuilder();
  background(b);
  STREAM_DAYS.forEach((day, k) => b.addTransfer('FAN', `S${k}`, T0 + day * 24 * HOUR, 18_908));
  burst.forEach((cents, k) => b.addTransfer('FAN', `P${k}`, T0 + (40 * 24 + 2 * k) * HOUR, cents));
  const graph = b.build();
  const { rings, nearMisses } = typologyRings(graph, new Set());
  const isFan = (v: number) => graph.keys[v] === 'BankAccount:FAN';
  return {
    ring: rings.find((r) => r.members.some((m) => isFan(m.node))),
    near: nearMisses.find((m) => m.nodes.some(isFan)),
  };
}

/**
 * A fan-in at TARGET from five accounts keeping a routine, each passing on `passedOn` of the
 * 200.00 `origin(k)` paid it hours before (90% unless told), off its routine: its transfers, as
 * `fans` hands them on.
 */
function fanIntoTarget(origin: (k: number) => string, passedOn = 18_000) {
  const b = new AnalysisGraphBuilder();
  background(b);
  for (let k = 0; k < 5; k += 1) {
    const middle = `B${20 * k + 3}`;
    b.addTransfer(origin(k), middle, T0 + (50 * 24 + k) * HOUR, 20_000);
    b.addTransfer(middle, 'TARGET', T0 + (50 * 24 + 12 + 2 * k) * HOUR, passedOn);
  }
  const graph = b.build();
  const tl = moneyTimeline(graph, new Set(), TYPOLOGY_DEFAULTS);
  const target = graph.keys.indexOf('BankAccount:TARGET');
  const { to } = graph.transfers;
  const transfers = [...to.keys()].filter((i) => to[i] === target);
  const shape = fanScatterGather(tl, TYPOLOGY_DEFAULTS, target, 'in', transfers);
  const key = (v: number) => graph.keys[v]!.replace('BankAccount:', '');
  return shape && { ...shape, members: [...shape.roles].map(([v, role]) => `${key(v)} ${role}`) };
}

const WALK_HOPS: readonly [number, number][] = [
  [0, 1],
  [1, 2],
  [2, 3],
  [3, 1],
  [1, 4],
  [4, 5],
];

/**
 * Six accounts, each paying its standing amount (150.00 + 10.00 per account) to four background
 * accounts over the months, walk money among themselves within ten hours: W0 pays W1, W1 pays W2,
 * and on round, W3 pays W1 again and W1 pays W4 and W4 W5 (or the `hops` given); each walk
 * payment is `walkCents(k)`. `fanOut`: the W account that also paid six new accounts six other
 * amounts within hours, three weeks before the walk, and `later` to new accounts two weeks after.
 */
function walk(
  walkCents: (payer: number, hop: number) => number,
  looseRoutines = false,
  hops: readonly [number, number][] = WALK_HOPS,
  fanOut?: number,
  later: readonly number[] = [],
) {
  const b = new AnalysisGraphBuilder();
  background(b);
  if (looseRoutines) {
    // 150 more accounts each pay a standing amount three times and other amounts three times.
    const random = seededRandom(12);
    for (let a = 0; a < 150; a += 1) {
      for (let k = 0; k < 6; k += 1) {
        const cents = k < 3 ? 20_000 + a : 10_001 + randomIndex(random, 20_000);
        const at = T0 + randomIndex(random, 90 * 24) * HOUR;
        b.addTransfer(`L${a}`, `B${randomIndex(random, 200)}`, at, cents);
      }
    }
  }
  for (let w = 0; w < 6; w += 1) {
    for (let k = 0; k < 4; k += 1) {
      b.addTransfer(
        `W${w}`,
        `B${40 * k + w}`,
        T0 + (5 + 20 * k + w) * 24 * HOUR,
        15_000 + 1_000 * w,
      );
    }
  }
  hops.forEach(([payer, payee], hop) =>
    b.addTransfer(`W${payer}`, `W${payee}`, T0 + (60 * 24 + 2 * hop) * HOUR, walkCents(payer, hop)),
  );
  if (fanOut !== undefined) {
    [13_507, 17_112, 11_948, 15_630, 19_001, 12_277].forEach((cents, k) =>
      b.addTransfer(`W${fanOut}`, `F${k}`, T0 + (40 * 24 + 2 * k) * HOUR, cents),
    );
    later.forEach((cents, k) =>
      b.addTransfer(`W${fanOut}`, `G${k}`, T0 + (75 * 24 + 2 * k) * HOUR, cents),
    );
  }
  const graph = b.build();
  const { rings, notes } = typologyRings(graph, new Set());
  const ring = rings.find((r) => r.members.some((m) => graph.keys[m.node] === 'BankAccount:W2'));
  const named = rings.map((r) => ({
    typology: r.typology,
    members: r.members.map((m) => graph.keys[m.node]!.replace('BankAccount:', '')).sort(),
  }));
  return { ring, notes, rings: named };
}

/** The fan-out `walk(..., 2)` plants: W2 paying six new accounts within hours. */
const W2_FAN_OUT = { typology: 'fan_out', members: ['F0', 'F1', 'F2', 'F3', 'F4', 'F5', 'W2'] };

describe('payments off routine', () => {
  it('flags the transfers of an account keeping a routine that are for other amounts', () => {
    const from = [1, 1, 1, 1, 2, 2, 2];
    const amount = [500, 500, 500, 731, 100, 200, 300];
    const at = [0, 1, 2, 3, 0, 1, 2].map((day) => T0 + day * 24 * HOUR);
    const { off, chance } = offRoutine(from, amount, at, from.length);
    expect([...off]).toEqual([0, 0, 0, 1, 0, 0, 0]);
    expect(chance).toBeCloseTo(1 / 4);
  });

  it('counts the days an amount was paid on, not its payments: a batch of equal payments is one occasion', () => {
    // A standing order of 189.14 on four days, then 106.16 paid to four accounts within hours
    // (money gathered and split among them): the routine is the standing order, the batch off it.
    const from = [1, 1, 1, 1, 1, 1, 1, 1];
    const amount = [18_914, 18_914, 18_914, 18_914, 10_616, 10_616, 10_616, 10_616];
    const hours = [37, 56, 89, 96, 143, 145, 145, 146];
    const at = hours.map((hour) => T0 + hour * HOUR);
    const { off } = offRoutine(from, amount, at, from.length);
    expect([...off]).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    // All on one day, neither amount recurs: no routine is kept.
    const sameDay = offRoutine(from, amount, Array(8).fill(T0), from.length);
    expect([...sameDay.off]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('finds a fan-out of amounts off the payer routine beside its steady stream', () => {
    const { ring } = fan([13_507, 17_112, 11_948, 15_630, 19_001, 12_277]);
    expect(ring?.typology).toBe('fan_out');
    expect(ring?.members).toHaveLength(7);
    expect(ring?.evidence.reasons.join(' ')).toMatch(
      /6 of those payments were off the payer's routine/,
    );
  });

  it('makes a fan-in whose payers passed on what one origin paid them a scatter-gather it leads', () => {
    const shape = fanIntoTarget(() => 'ORIGIN');
    expect(shape?.typology).toBe('scatter_gather');
    expect(shape?.members.sort()).toEqual(
      [
        'ORIGIN ringleader',
        'TARGET cash_out',
        'B3 mule',
        'B23 mule',
        'B43 mule',
        'B63 mule',
        'B83 mule',
      ].sort(),
    );
    expect(shape?.reasons()[0]).toMatch(/ORIGIN scattered 1,000\.00 over 5 accounts/);
  });

  it('leaves a fan-in whose payers were paid by different accounts a fan-in', () => {
    expect(fanIntoTarget((k) => `ORIGIN${k}`)).toBeNull();
  });

  it('finds the scatter-gather where the middle accounts kept a cut of up to a fifth', () => {
    const shape = fanIntoTarget(() => 'ORIGIN', 16_000);
    expect(shape?.typology).toBe('scatter_gather');
    expect(shape?.members).toContain('ORIGIN ringleader');
    expect(shape?.reasons()[0]).toMatch(/which passed on 800\.00 \(80%\) to TARGET/);
    // Passing on less than that is spending some of it, not passing it on.
    expect(fanIntoTarget(() => 'ORIGIN', 15_000)).toBeNull();
  });

  it('finds accounts walking money among themselves, every payment off its payer routine', () => {
    const { ring, notes } = walk(
      (_, hop) => [13_517, 17_342, 11_960, 15_083, 19_121, 12_771][hop]!,
    );
    expect(notes).toEqual([]);
    expect(ring?.typology).toBe('chain');
    expect(ring?.members).toHaveLength(6);
    expect(ring?.evidence.reasons.join(' ')).toMatch(/every payment was off its payer's routine/);
  });

  it('finds a walk through an account that leads a fan-out of its own', () => {
    // W2 is the fan-out's hub; without it the walk is two pieces, too small to be one.
    const line: [number, number][] = [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ];
    const { rings } = walk(
      (_, hop) => [13_517, 17_342, 11_960, 15_083, 19_121][hop]!,
      false,
      line,
      2,
    );
    expect(rings).toContainEqual(W2_FAN_OUT);
    expect(rings).toContainEqual({
      typology: 'chain',
      members: ['W0', 'W1', 'W2', 'W3', 'W4', 'W5'],
    });
  });

  it("takes no walk made of a ring's account paying its own way", () => {
    // The fan-out's hub pays three more new accounts off its routine two weeks after the walk:
    // its own business (or more of the fan-out), not accounts walking money among themselves.
    const { rings } = walk(
      (_, hop) => [13_517, 17_342, 11_960, 15_083, 19_121][hop]!,
      false,
      [[0, 1]],
      2,
      [14_411, 16_290, 12_733],
    );
    expect(rings.filter((r) => r.members.includes('G0'))).toEqual([]);
    expect(rings).toContainEqual(W2_FAN_OUT);
  });

  it('makes a walk from one account through two to one last a scatter-gather it leads', () => {
    // Two middle accounts: fewer than a scatter-gather needs where amounts alone tie it.
    const diamond: [number, number][] = [
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
    ];
    const { ring } = walk((_, hop) => [13_517, 17_342, 11_960, 13_083][hop]!, false, diamond);
    expect(ring?.typology).toBe('scatter_gather');
    expect(ring?.members).toHaveLength(4);
    const leaders = ring?.members.filter((m) => m.role === 'ringleader') ?? [];
    expect(leaders).toHaveLength(1);
    expect(leaders[0]?.reasons.join(' ')).toMatch(/started the walk and paid W1, W2/);
  });

  it('looks for no walk where accounts leave their routine every other payment', () => {
    const hops = [13_517, 17_342, 11_960, 15_083, 19_121, 12_771];
    const { ring, notes } = walk((_, hop) => hops[hop]!, true);
    expect(ring).toBeUndefined();
    // The run says why: most payments of the accounts keeping a routine are off it.
    expect(notes.join(' ')).toMatch(
      /Walks of money off the payers' routine were not looked for: \d+% of the payments .* \(maxWalkOffRoutine\)/,
    );
  });

  it('takes no walk where each account paid its standing amount', () => {
    expect(walk((payer) => 15_000 + 1_000 * payer).ring).toBeUndefined();
  });

  it('takes the same burst at the standing amount for the steady stream it is part of', () => {
    const { ring, near } = fan(Array.from({ length: 6 }, () => 18_908));
    expect(ring).toBeUndefined();
    expect(near?.missed.join(' ')).toMatch(/minConcentration/);
  });
});
