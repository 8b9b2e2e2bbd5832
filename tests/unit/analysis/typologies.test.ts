/**
 * Laundering typologies on small graphs: each shape planted in a seeded background of people who
 * pay friends (and are paid back), shop at a popular merchant, rent from landlords and are paid
 * by an employer each month. The test asks what an investigator would: is the shape found, with
 * the right accounts and leader, and are the merchant, the employer and a savings club left alone.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisGraphBuilder, type AnalysisGraph } from '../../../server/analysis/rings/index';
import { TYPOLOGY_DEFAULTS, typologyRings } from '../../../server/analysis/rings/typologies';
import { randomIndex, seededRandom, type RandomSource } from '../../../server/analysis/random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-07-01T00:00:00Z');
/** The background runs for ninety days. */
const DAYS = 90;

/** Ordinary money of `people` persons P0.. over ninety days, from `seed`. */
function background(b: AnalysisGraphBuilder, random: RandomSource, people = 400): void {
  const at = (day: number) => T0 + Math.floor(day * DAY + random() * DAY);
  const person = () => `P${randomIndex(random, people)}`;
  const friends = Array.from({ length: people }, () => [person(), person(), person()]);
  for (let p = 0; p < people; p += 1) {
    // Friends: a payment every few weeks, a quarter of them paid back within a day.
    for (let k = 0; k < 4; k += 1) {
      const friend = friends[p]![randomIndex(random, 3)]!;
      if (friend === `P${p}`) continue;
      const day = randomIndex(random, DAYS - 1);
      const amount = 2_000 + randomIndex(random, 30_000);
      b.addTransfer(`P${p}`, friend, at(day), amount);
      if (random() < 0.25) b.addTransfer(friend, `P${p}`, at(day) + 5 * HOUR, amount);
    }
    // A popular merchant: most people shop there a few times.
    for (let k = 0; k < 3; k += 1) {
      b.addTransfer(
        `P${p}`,
        'SHOP',
        at(randomIndex(random, DAYS)),
        500 + randomIndex(random, 20_000),
      );
    }
    // Rent to one of five landlords on the first of each month.
    if (p % 4 === 0) {
      for (let month = 0; month < 3; month += 1) {
        b.addTransfer(
          `P${p}`,
          `LANDLORD${p % 5}`,
          T0 + (month * 30 + 1) * DAY + p * MINUTE,
          150_000,
        );
      }
    }
  }
  // An employer pays forty staff on the 25th of each month, in one batch.
  for (let month = 0; month < 3; month += 1) {
    for (let s = 0; s < 40; s += 1) {
      b.addTransfer(
        'EMPLOYER',
        `P${s}`,
        T0 + (month * 30 + 25) * DAY + 9 * HOUR + s * 2000,
        450_000,
      );
    }
  }
  // A savings club: eight friends each pay one of them 500.00 every ten days, in turn.
  const club = [10, 11, 12, 13, 14, 15, 16, 17].map((p) => `P${p}`);
  for (let round = 0; round < 8; round += 1) {
    const collector = club[round]!;
    for (const member of club) {
      if (member !== collector)
        b.addTransfer(
          member,
          collector,
          T0 + (round * 10 + 3) * DAY + randomIndex(random, 6 * HOUR),
          50_000,
        );
    }
  }
}

function world(plant: (b: AnalysisGraphBuilder) => void, seed = 7): AnalysisGraph {
  const b = new AnalysisGraphBuilder();
  background(b, seededRandom(seed));
  plant(b);
  return b.build();
}

/** Each ring as "typology: account role, ..." with accounts sorted, for comparing. */
function rings(graph: AnalysisGraph, taken: ReadonlySet<number> = new Set()) {
  const result = typologyRings(graph, taken);
  return {
    ...result,
    shapes: result.rings.map((ring) => ({
      typology: ring.typology,
      members: ring.members
        .map((m) => `${graph.keys[m.node]!.slice('BankAccount:'.length)} ${m.role}`)
        .sort(),
      leader: ring.members
        .filter((m) => m.role === 'ringleader')
        .map((m) => graph.keys[m.node]!.slice('BankAccount:'.length)),
      reasons: ring.evidence.reasons,
      score: ring.evidence.score,
    })),
  };
}

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const AT = T0 + 40 * DAY + 10 * HOUR;

/** 7,300.00 passed from each account of `walk` to the next, `hours` apart, keeping `kept` each time. */
function passAlong(b: AnalysisGraphBuilder, walk: readonly string[], hours: number, kept: number) {
  let amount = 730_000;
  walk.slice(0, -1).forEach((from, i) => {
    b.addTransfer(from, walk[i + 1]!, AT + i * hours * HOUR, amount);
    amount = Math.round(amount * (1 - kept));
  });
}

describe('typology rings', () => {
  it('finds nothing in ordinary money: a popular shop, a monthly payroll, a savings club', () => {
    const graph = world(() => undefined);
    const { shapes } = rings(graph);
    expect(shapes).toEqual([]);
  });

  it('finds nothing, and fails nowhere, in a graph without transfers', () => {
    const graph = new AnalysisGraphBuilder().build();
    expect(typologyRings(graph, new Set())).toEqual({
      rings: [],
      nearMisses: [],
      nearMissScores: new Float64Array(0),
      notes: [],
    });
  });

  it('finds a fan-in: eight new accounts paying one collector within hours', () => {
    const payers = names('FI', 8);
    const graph = world((b) => {
      payers.forEach((p, i) =>
        b.addTransfer(p, 'COLLECT', AT + i * 37 * MINUTE, 90_000 + i * 1_313),
      );
    });
    const { shapes } = rings(graph);
    expect(shapes).toHaveLength(1);
    expect(shapes[0]!.typology).toBe('fan_in');
    expect(shapes[0]!.leader).toEqual(['COLLECT']);
    expect(shapes[0]!.members).toEqual(
      ['COLLECT ringleader', ...payers.map((p) => `${p} member`)].sort(),
    );
    expect(shapes[0]!.reasons[0]).toMatch(
      /^Fan-in: COLLECT was paid by 8 new accounts within 5 hours/,
    );
    expect(shapes[0]!.score).toBeGreaterThanOrEqual(0.5);
    expect(shapes[0]!.score).toBeLessThanOrEqual(1);
  });

  it('finds a fan-in whose payers also shop where everybody shops, but not a club paying its members in turn', () => {
    const payers = names('FI', 8);
    const shopping = world((b) => {
      payers.forEach((p, i) => {
        b.addTransfer(p, 'COLLECT', AT + i * 37 * MINUTE, 90_000 + i * 1_313);
        if (i < 4) b.addTransfer(p, 'SHOP', T0 + (5 + i * 9) * DAY, 4_000 + i * 70);
      });
    });
    expect(rings(shopping).shapes.map((s) => s.leader)).toEqual([['COLLECT']]);
    // The same payers paying one of them together a week earlier: a club, not a fan-in.
    const club = world((b) => {
      payers.forEach((p, i) => {
        b.addTransfer(p, 'COLLECT', AT + i * 37 * MINUTE, 90_000 + i * 1_313);
        if (i > 0 && i < 5) b.addTransfer(p, payers[0]!, AT - 7 * DAY + i * HOUR, 50_000);
      });
    });
    expect(rings(club).shapes).toEqual([]);
    expect(rings(club).nearMisses[0]!.missed[0]).toMatch(/the same payers also paid FI0/);
  });

  it('finds a fan-in whose payers had each paid another collector once, a sum of their own', () => {
    // Not a club: five of the payers paid GATHER a week before, once each and each its own sum
    // (another ring's collector), not one contribution, nor again and again.
    const payers = names('FI', 8);
    const graph = world((b) => {
      payers.forEach((p, i) => {
        b.addTransfer(p, 'COLLECT', AT + i * 37 * MINUTE, 90_000 + i * 1_313);
        if (i < 5) b.addTransfer(p, 'GATHER', AT - 7 * DAY + i * 41 * MINUTE, 61_000 + i * 2_171);
      });
    });
    const fanIns = rings(graph).shapes.filter((s) => s.typology === 'fan_in');
    expect(fanIns.map((s) => s.leader)).toContainEqual(['COLLECT']);
  });

  it('finds a fan-out and names the distributor', () => {
    const payees = names('FO', 7);
    const graph = world((b) => {
      payees.forEach((p, i) =>
        b.addTransfer('SPLIT', p, AT + i * 23 * MINUTE + (i % 3) * 7 * MINUTE, 180_000 - i * 977),
      );
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => [s.typology, s.leader])).toEqual([['fan_out', ['SPLIT']]]);
    expect(shapes[0]!.members).toContain('FO3 mule');
  });

  it('finds two rings led by one account: a fan-in, and a fan-out to other accounts weeks later', () => {
    const payers = names('FI', 8);
    const payees = names('FO', 7);
    const graph = world((b) => {
      payers.forEach((p, i) => b.addTransfer(p, 'HUB', AT + i * 37 * MINUTE, 90_000 + i * 1_313));
      payees.forEach((p, i) =>
        b.addTransfer('HUB', p, AT + 20 * DAY + i * 23 * MINUTE, 80_000 - i * 977),
      );
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => [s.typology, s.leader]).sort()).toEqual([
      ['fan_in', ['HUB']],
      ['fan_out', ['HUB']],
    ]);
    const fanOut = shapes.find((s) => s.typology === 'fan_out')!;
    expect(fanOut.members).toEqual(['HUB ringleader', ...payees.map((p) => `${p} mule`)].sort());
  });

  it('finds two rings sharing accounts: a fan-out paying two accounts of a cycle among others', () => {
    const loop = names('CY', 5);
    const payees = ['FO0', 'CY1', 'FO2', 'CY3', 'FO4', 'FO5', 'FO6'];
    const graph = world((b) => {
      let amount = 1_000_000;
      loop.forEach((from, i) => {
        b.addTransfer(from, loop[(i + 1) % loop.length]!, AT + i * 2 * HOUR, amount);
        amount = Math.round(amount * 0.97);
      });
      // Ten days later a distributor pays seven new accounts, two of them the cycle's.
      payees.forEach((p, i) =>
        b.addTransfer('SPLIT', p, AT + 10 * DAY + i * 23 * MINUTE, 180_000 - i * 977),
      );
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => [s.typology, s.leader])).toEqual([
      ['cycle', []],
      ['fan_out', ['SPLIT']],
    ]);
    expect(shapes[0]!.members).toEqual(loop.map((a) => `${a} mule`).sort());
    // The two accounts the rings share stay in both: each served the two operations.
    expect(shapes[1]!.members).toEqual(
      expect.arrayContaining(['SPLIT ringleader', 'CY1 mule', 'CY3 mule', 'FO0 mule']),
    );
    expect(shapes[1]!.members).toHaveLength(8);
  });

  it('finds a cycle: money passed on around five accounts, each keeping a little', () => {
    const loop = names('CY', 5);
    const graph = world((b) => {
      let amount = 1_000_000;
      loop.forEach((from, i) => {
        b.addTransfer(from, loop[(i + 1) % loop.length]!, AT + i * 2 * HOUR, amount);
        amount = Math.round(amount * 0.97);
      });
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => s.typology)).toEqual(['cycle']);
    expect(shapes[0]!.members).toEqual(loop.map((a) => `${a} mule`).sort());
    expect(shapes[0]!.leader).toEqual([]);
    expect(shapes[0]!.reasons[0]).toBe(
      'Cycle: money went round a loop of 5 accounts in 8 hours, each passing on 97% of what it received',
    );
  });

  it('finds a cycle although one of its accounts pays a small bill out of the money meanwhile', () => {
    const loop = names('CB', 6);
    const graph = world((b) => {
      let amount = 520_000;
      loop.forEach((from, i) => {
        b.addTransfer(from, loop[(i + 1) % loop.length]!, AT + i * 2 * HOUR, amount);
        // The second account pays a new shop 220.00 an hour after the money came in.
        if (i === 1) b.addTransfer(from, 'CORNER-SHOP', AT + 1 * HOUR, 22_000);
        amount = Math.round(amount * 0.97);
      });
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => s.typology)).toEqual(['cycle']);
    expect(shapes[0]!.members).toEqual(loop.map((a) => `${a} mule`).sort());
  });

  /** 8,000.00 paid round `loop`, a hop a fortnight from day 5, each hop passing on `share(hop)`. */
  function slowRound(
    b: AnalysisGraphBuilder,
    loop: readonly string[],
    share: (hop: number) => number,
  ) {
    let amount = 800_000;
    loop.forEach((from, i) => {
      b.addTransfer(from, loop[(i + 1) % loop.length]!, T0 + (5 + i * 14) * DAY, amount);
      amount = Math.round(amount * share(i));
    });
  }

  it('finds a slow cycle: one payment a fortnight round four accounts, each passing on 90%', () => {
    const loop = names('SC', 4);
    const graph = world((b) => slowRound(b, loop, () => 0.9));
    const { shapes } = rings(graph);
    expect(shapes.map((s) => s.typology)).toEqual(['cycle']);
    expect(shapes[0]!.members).toEqual(loop.map((a) => `${a} mule`).sort());
    expect(shapes[0]!.reasons[0]).toBe(
      'Cycle: money went round a loop of 4 accounts in 42 days, each passing on 90% of what it received',
    );
  });

  it('finds a slow cycle whose middle account also paid someone else a like sum, later', () => {
    const loop = names('SD', 4);
    const graph = world((b) => {
      let amount = 812_345;
      loop.forEach((from, i) => {
        b.addTransfer(from, loop[(i + 1) % loop.length]!, T0 + (5 + i * 14) * DAY, amount);
        amount = Math.round(amount * 0.9);
      });
      // SD1 received 8,123.45 on day 5 and passed 7,311.11 on to SD2 on day 19; it also paid an
      // outsider 7,350.00 on day 40. Only the money that came back round settles which was it.
      b.addTransfer('SD1', 'SD-OUT', T0 + 40 * DAY, 735_000);
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => s.typology)).toEqual(['cycle']);
    expect(shapes[0]!.members).toEqual(loop.map((a) => `${a} mule`).sort());
  });

  /** A loop of `loop` paid hop by hop on `days` (in loop order), amounts falling in time order. */
  function loopOutOfOrder(
    b: AnalysisGraphBuilder,
    loop: readonly string[],
    days: number[],
    fall = 0.9,
  ) {
    const order = days.map((_, i) => i).sort((x, y) => days[x]! - days[y]!);
    let amount = 612_347;
    for (const i of order) {
      b.addTransfer(loop[i]!, loop[(i + 1) % loop.length]!, T0 + days[i]! * DAY, amount);
      amount = Math.round(amount * fall);
    }
  }

  it('finds a loop paid out of its order, each payment 90% of the one made before it', () => {
    const loop = names('FL', 4);
    // FL2 pays FL3 first, then FL0 pays FL1, FL3 pays FL0, and last FL1 pays FL2.
    const graph = world((b) => loopOutOfOrder(b, loop, [20, 61, 3, 40]));
    const { shapes } = rings(graph);
    expect(shapes.map((s) => s.typology)).toEqual(['cycle']);
    expect(shapes[0]!.members).toEqual(loop.map((a) => `${a} mule`).sort());
    expect(shapes[0]!.reasons[0]).toBe(
      "Cycle: 4 accounts paid one another round a loop (FL2, FL3, FL0, FL1), once each, over 58 days; in the order they were paid, each payment was 90% of the one before (6,123.47 down to 4,464.01), though not in the loop's order",
    );
  });

  it('takes no loop paid out of its order where one payment was more than the one before it', () => {
    const graph = world((b) => {
      const loop = names('FM', 4);
      const days = [20, 61, 3, 40];
      // In time: 6,123.47 (day 3), 5,501.23 (day 20), then 5,801.11 on day 40, more than the one
      // before, and 4,503.21 (day 61).
      const amounts = [550_123, 450_321, 612_347, 580_111];
      loop.forEach((from, i) => {
        b.addTransfer(from, loop[(i + 1) % loop.length]!, T0 + days[i]! * DAY, amounts[i]!);
      });
    });
    expect(rings(graph).shapes).toEqual([]);
  });

  it('takes no slow cycle where one account passed on only 80% of what it received', () => {
    const graph = world((b) => slowRound(b, names('SK', 4), (hop) => (hop === 1 ? 0.8 : 0.95)));
    expect(rings(graph).shapes).toEqual([]);
  });

  it('takes no slow cycle from accounts that deal with each other again (a rent paid on)', () => {
    const loop = names('SR', 4);
    const graph = world((b) => {
      loop.forEach((from, i) => {
        for (let month = 0; month < 3; month += 1) {
          const day = month * 30 + 2 + i * 7;
          b.addTransfer(from, loop[(i + 1) % loop.length]!, T0 + day * DAY, 300_000 - i * 5_000);
        }
      });
    });
    expect(rings(graph).shapes).toEqual([]);
  });

  it('finds a slow scatter-gather: four accounts each passing on what one paid them, weeks later', () => {
    const middles = names('SS', 4);
    const graph = world((b) => {
      middles.forEach((m, i) => {
        b.addTransfer('SLOW-ORIGIN', m, T0 + (3 + 4 * i) * DAY, 600_000);
        b.addTransfer(m, 'SLOW-TARGET', T0 + (50 + 5 * i) * DAY, 540_000);
      });
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => [s.typology, s.leader])).toEqual([
      ['scatter_gather', ['SLOW-ORIGIN']],
    ]);
    expect(shapes[0]!.members).toEqual(
      ['SLOW-ORIGIN ringleader', 'SLOW-TARGET cash_out', ...middles.map((m) => `${m} mule`)].sort(),
    );
    expect(shapes[0]!.reasons[0]).toBe(
      'Scatter-gather: SLOW-ORIGIN scattered 24,000.00 over 4 accounts, which passed on 21,600.00 (90%) to SLOW-TARGET, 47 days to 50 days after receiving it, over 62 days',
    );
  });

  it('finds a slow gather-scatter: a hub paying equal shares of what it gathered, weeks later', () => {
    const senders = names('GSS', 4);
    const receivers = names('GSR', 3);
    const graph = world((b) => {
      const gathered = [210_000, 185_000, 260_000, 199_000];
      senders.forEach((s, i) => b.addTransfer(s, 'SLOW-HUB', T0 + (4 + 9 * i) * DAY, gathered[i]!));
      // 90% of 8,540.00, in three equal shares, a share every ten days from day 50.
      receivers.forEach((r, i) => b.addTransfer('SLOW-HUB', r, T0 + (50 + 10 * i) * DAY, 256_200));
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => [s.typology, s.leader])).toEqual([['gather_scatter', ['SLOW-HUB']]]);
    expect(shapes[0]!.members).toEqual(
      [
        'SLOW-HUB ringleader',
        ...senders.map((a) => `${a} member`),
        ...receivers.map((a) => `${a} mule`),
      ].sort(),
    );
    expect(shapes[0]!.reasons[0]).toBe(
      'Gather-scatter: SLOW-HUB gathered 8,540.00 from 4 accounts, then paid 3 accounts equal shares of 2,562.00, 90% of it, over 66 days',
    );
  });

  it('finds a slow gather-scatter whose hub also pays its own standing amount to others', () => {
    const senders = names('GSS', 4);
    const receivers = names('GSR', 3);
    const graph = world((b) => {
      const gathered = [210_000, 185_000, 260_000, 199_000];
      senders.forEach((s, i) => b.addTransfer(s, 'SLOW-HUB', T0 + (4 + 9 * i) * DAY, gathered[i]!));
      receivers.forEach((r, i) => b.addTransfer('SLOW-HUB', r, T0 + (50 + 10 * i) * DAY, 256_200));
      // Its own business: 157.67 to a new account every fortnight, more often than the shares.
      names('STAND', 5).forEach((r, i) =>
        b.addTransfer('SLOW-HUB', r, T0 + (3 + 14 * i) * DAY, 15_767),
      );
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => [s.typology, s.leader])).toEqual([['gather_scatter', ['SLOW-HUB']]]);
    expect(shapes[0]!.members).not.toContain('STAND0 mule');
  });

  it('takes no gather-scatter from a round sum paid to several accounts (an allowance)', () => {
    const graph = world((b) => {
      names('RGS', 4).forEach((s, i) => b.addTransfer(s, 'PARENT', T0 + (4 + 9 * i) * DAY, 80_000));
      names('KID', 3).forEach((k, i) =>
        b.addTransfer('PARENT', k, T0 + (50 + 10 * i) * DAY, 100_000),
      );
    });
    expect(rings(graph).shapes).toEqual([]);
  });

  it('takes no gather-scatter from a hub paying two equal shares alone', () => {
    const graph = world((b) => {
      names('TWS', 3).forEach((s, i) =>
        b.addTransfer(s, 'TWO-HUB', T0 + (4 + 9 * i) * DAY, 150_000),
      );
      names('TWR', 2).forEach((r, i) =>
        b.addTransfer('TWO-HUB', r, T0 + (50 + 10 * i) * DAY, 213_750),
      );
    });
    expect(rings(graph).shapes).toEqual([]);
  });

  it('finds a slow stack: two middle accounts paying equal shares on to the same two accounts', () => {
    const top = names('STT', 3);
    const middle = names('STM', 2);
    const bottom = names('STB', 2);
    const graph = world((b) => {
      middle.forEach((m, j) => {
        top.forEach((t, i) => b.addTransfer(t, m, T0 + (3 + 5 * i + j) * DAY, 150_000 + 7_000 * i));
        bottom.forEach((d, k) =>
          b.addTransfer(m, d, T0 + (45 + 6 * k + j) * DAY, Math.round((0.95 * 471_000) / 2)),
        );
      });
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => s.typology)).toEqual(['stack']);
    expect(shapes[0]!.members).toEqual(
      [
        ...top.map((a) => `${a} mule`),
        ...middle.map((a) => `${a} mule`),
        ...bottom.map((a) => `${a} cash_out`),
      ].sort(),
    );
  });

  /** 9,100.00 passed along `chain`, a hop every three weeks, each keeping 4%. */
  function slowChain(b: AnalysisGraphBuilder, chain: readonly string[]) {
    let amount = 910_000;
    chain.slice(0, -1).forEach((from, i) => {
      b.addTransfer(from, chain[i + 1]!, T0 + (2 + 21 * i) * DAY, amount);
      amount = Math.round(amount * 0.96);
    });
  }

  it('finds a slow chain: one amount passed on whole through five accounts, a hop every three weeks', () => {
    const chain = names('SW', 5);
    const graph = world((b) => slowChain(b, chain));
    const { shapes } = rings(graph);
    expect(shapes.map((s) => s.typology)).toEqual(['chain']);
    expect(shapes[0]!.members).toEqual(
      [...chain.slice(0, -1).map((a) => `${a} mule`), 'SW4 cash_out'].sort(),
    );
  });

  it('takes no slow chain through four accounts only', () => {
    const graph = world((b) => slowChain(b, names('SF', 4)));
    expect(rings(graph).shapes).toEqual([]);
  });

  /** `accounts` paid by (or paying) `hub` once each, one every `days` days from day 5. */
  function steadyFan(
    b: AnalysisGraphBuilder,
    hub: string,
    accounts: readonly string[],
    direction: 'in' | 'out',
    days: number,
    amountOf = (i: number) => 120_000 + 7_919 * i,
  ) {
    accounts.forEach((account, i) => {
      const at = T0 + (5 + days * i) * DAY + (i % 3) * HOUR;
      if (direction === 'in') b.addTransfer(account, hub, at, amountOf(i));
      else b.addTransfer(hub, account, at, amountOf(i));
    });
  }

  it('finds a steady fan-in: ten new accounts paying a collector once each, one every six days', () => {
    const payers = names('SFI', 10);
    const graph = world((b) => steadyFan(b, 'STEADY-IN', payers, 'in', 6));
    const { shapes } = rings(graph);
    expect(shapes.map((s) => [s.typology, s.leader])).toEqual([['fan_in', ['STEADY-IN']]]);
    expect(shapes[0]!.members).toEqual(
      ['STEADY-IN ringleader', ...payers.map((a) => `${a} member`)].sort(),
    );
    expect(shapes[0]!.reasons[0]).toBe(
      'Fan-in: STEADY-IN was paid by 10 new accounts one after another, one every 6 days, over 54 days (15,563.55); no other new account paid it in that time',
    );
  });

  it('finds a steady fan-out and names the account paying out', () => {
    const payees = names('SFO', 8);
    const graph = world((b) => steadyFan(b, 'STEADY-OUT', payees, 'out', 9));
    const { shapes } = rings(graph);
    expect(shapes.map((s) => [s.typology, s.leader])).toEqual([['fan_out', ['STEADY-OUT']]]);
    expect(shapes[0]!.members).toEqual(
      ['STEADY-OUT ringleader', ...payees.map((a) => `${a} mule`)].sort(),
    );
  });

  it('takes no fan from ten new accounts paying at random moments over the same months', () => {
    const random = seededRandom(5);
    const graph = world((b) =>
      names('RFI', 10).forEach((payer, i) =>
        b.addTransfer(payer, 'RANDOM-IN', T0 + randomIndex(random, 60 * DAY), 120_000 + 7_919 * i),
      ),
    );
    expect(rings(graph).shapes).toEqual([]);
  });

  it('takes no steady fan-out from the same round sum paid to a new account every ten days', () => {
    const graph = world((b) => steadyFan(b, 'CLUB', names('CM', 8), 'out', 10, () => 50_000));
    expect(rings(graph).shapes).toEqual([]);
  });

  /** Each of `payers` pays each of `payees` once, a payment every five days, from day 3. */
  function slowBlock(
    b: AnalysisGraphBuilder,
    payers: readonly string[],
    payees: readonly string[],
    amountOf = (k: number) => 83_017 + 4_111 * k,
  ) {
    let k = 0;
    for (const payer of payers) {
      for (const payee of payees) {
        b.addTransfer(payer, payee, T0 + (3 + 5 * k) * DAY + 7 * HOUR, amountOf(k));
        k += 1;
      }
    }
  }

  it('finds a slow bipartite block: three accounts each paying the same three once, days apart', () => {
    const payers = names('SBP', 3);
    const payees = names('SBQ', 3);
    const graph = world((b) => slowBlock(b, payers, payees));
    const { shapes } = rings(graph);
    expect(shapes.map((s) => [s.typology, s.leader])).toEqual([['bipartite', []]]);
    expect(shapes[0]!.members).toEqual([...payers, ...payees].map((a) => `${a} mule`).sort());
    expect(shapes[0]!.reasons[0]).toBe(
      'Bipartite block: 3 accounts each paid three or more of the same 3 accounts once: 9 payments (100% of the possible) over 40 days',
    );
  });

  it('finds a slow stack: two accounts paying the same three once, which pay the same three on', () => {
    const graph = world((b) => {
      slowBlock(b, names('SKA', 2), names('SKB', 3));
      slowBlock(b, names('SKB', 3), names('SKC', 3), (k) => 61_003 + 3_313 * k);
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => s.typology)).toEqual(['stack']);
    expect(shapes[0]!.members).toEqual(
      [
        ...names('SKA', 2).map((a) => `${a} mule`),
        ...names('SKB', 3).map((a) => `${a} mule`),
        ...names('SKC', 3).map((a) => `${a} cash_out`),
      ].sort(),
    );
  });

  it('takes no block from two accounts paying the same two once, nor from round sums', () => {
    const graph = world((b) => {
      slowBlock(b, names('TWA', 2), names('TWB', 2));
      slowBlock(b, names('RBA', 3), names('RBB', 3), () => 30_000);
    });
    expect(rings(graph).shapes).toEqual([]);
  });

  it('takes no slow loop where accounts pay the same round sum to several others', () => {
    const graph = world((b) => {
      // Sixty members of a scheme each send 100.00, once, to three others on random days.
      const random = seededRandom(11);
      const sent = new Set<string>();
      for (let m = 0; m < 60; m += 1) {
        for (let k = 0; k < 3; k += 1) {
          const to = randomIndex(random, 60);
          if (to === m || sent.has(`${m}>${to}`) || sent.has(`${to}>${m}`)) continue;
          sent.add(`${m}>${to}`);
          b.addTransfer(`RS${m}`, `RS${to}`, T0 + randomIndex(random, DAYS) * DAY, 10_000);
        }
      }
    });
    const { shapes, nearMisses } = rings(graph);
    expect(shapes.filter((s) => s.typology === 'cycle')).toEqual([]);
    expect(nearMisses.filter((m) => m.typology === 'cycle')).toEqual([]);
  });

  it('weighs slow loops against chance: where most one-off payments are one sum, a near miss', () => {
    const graph = world((b) => {
      // 400 accounts each send 250.00, once, to one other on a random day.
      const random = seededRandom(6);
      for (let m = 0; m < 400; m += 1) {
        let to = randomIndex(random, 400);
        if (to === m) to = (to + 1) % 400;
        b.addTransfer(`GS${m}`, `GS${to}`, T0 + randomIndex(random, DAYS) * DAY, 25_000);
      }
    });
    const { shapes, nearMisses } = rings(graph);
    expect(shapes.filter((s) => s.typology === 'cycle')).toEqual([]);
    const loops = nearMisses.filter((m) => m.typology === 'cycle');
    expect(loops.length).toBeGreaterThan(0);
    expect(loops[0]!.missed[0]).toMatch(
      /^loops of \d+ accounts passing money on like this turn up \d+\.\d times in this data with its amounts shuffled, against \d+ found; a ring needs chance to give at most 10% of them \(maxSlowChanceShare\)$/,
    );
  });

  it('finds a chain: one amount passed on whole through five new accounts within a day', () => {
    const chain = names('CH', 6);
    const graph = world((b) => passAlong(b, chain, 3, 0.02));
    const { shapes } = rings(graph);
    expect(shapes.map((s) => s.typology)).toEqual(['chain']);
    expect(shapes[0]!.members).toEqual(
      [...chain.slice(0, -1).map((a) => `${a} mule`), 'CH5 cash_out'].sort(),
    );
    expect(shapes[0]!.reasons[0]).toBe(
      'Chain: 7,300.00 passed along a chain of 6 accounts in 12 hours, each passing on 98% of what it received',
    );
  });

  it('finds a chain that goes back and forth: CW0 to CW1, back to CW0, then on to CW2 and CW3', () => {
    const walk = ['CW0', 'CW1', 'CW0', 'CW2', 'CW3', 'CW2', 'CW4'];
    const graph = world((b) => passAlong(b, walk, 2, 0.03));
    const { shapes } = rings(graph);
    expect(shapes.map((s) => s.typology)).toEqual(['chain']);
    expect(shapes[0]!.members).toEqual(
      ['CW0 mule', 'CW1 mule', 'CW2 mule', 'CW3 mule', 'CW4 cash_out'].sort(),
    );
    expect(shapes[0]!.reasons.slice(0, 2)).toEqual([
      'Chain: 7,300.00 passed along a chain of 5 accounts (some of them more than once) in 10 hours, each passing on 97% of what it received',
      'its accounts dealt with each other only within the chain, some back and forth',
    ]);
  });

  it('takes no chain from money passed on only once (three accounts)', () => {
    const graph = world((b) => {
      b.addTransfer('SHORT0', 'SHORT1', AT, 400_000);
      b.addTransfer('SHORT1', 'SHORT2', AT + HOUR, 390_000);
    });
    expect(rings(graph).shapes).toEqual([]);
  });

  it('finds a cycle of payments in bursts, in no particular order', () => {
    const loop = names('BC', 4);
    const graph = world((b) => {
      loop.forEach((from, i) => {
        const day = [5, 61, 17, 44][i]!;
        for (let k = 0; k < 4; k += 1) {
          b.addTransfer(
            from,
            loop[(i + 1) % loop.length]!,
            T0 + day * DAY + k * 9 * MINUTE,
            1_200 + 100 * k,
          );
        }
      });
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => s.typology)).toEqual(['cycle']);
    expect(shapes[0]!.members).toEqual(loop.map((a) => `${a} mule`).sort());
  });

  it('finds a scatter-gather: origin, four intermediaries passing on, one beneficiary', () => {
    const middles = names('SG', 4);
    const graph = world((b) => {
      middles.forEach((m, i) => {
        b.addTransfer('ORIGIN', m, AT + i * 20 * MINUTE, 500_000 + i * 11_000);
        b.addTransfer(
          m,
          'BENEFIT',
          AT + 3 * HOUR + i * 30 * MINUTE,
          Math.round((500_000 + i * 11_000) * 0.98),
        );
      });
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => [s.typology, s.leader])).toEqual([['scatter_gather', ['ORIGIN']]]);
    expect(shapes[0]!.members).toEqual(
      ['BENEFIT cash_out', 'ORIGIN ringleader', ...middles.map((m) => `${m} mule`)].sort(),
    );
  });

  it('finds a gather-scatter and names its hub', () => {
    const senders = names('GS', 4);
    const receivers = names('GR', 4);
    const graph = world((b) => {
      senders.forEach((s, i) => b.addTransfer(s, 'HUB', AT + i * 25 * MINUTE, 300_000 + i * 7_000));
      const total = 4 * 300_000 + 6 * 7_000;
      receivers.forEach((r, i) =>
        b.addTransfer('HUB', r, AT + 4 * HOUR + i * 15 * MINUTE, Math.round((total * 0.97) / 4)),
      );
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => [s.typology, s.leader])).toEqual([['gather_scatter', ['HUB']]]);
    expect(shapes[0]!.members).toEqual(
      [
        'HUB ringleader',
        ...senders.map((s) => `${s} member`),
        ...receivers.map((r) => `${r} mule`),
      ].sort(),
    );
  });

  it('finds a gather-scatter whose hub paid out a small amount it received as change', () => {
    // 200.00 in first, then 9,000.00, 500.00 and 400.00; paid out as five payments of 1,990.00:
    // the last draws 50.00 of the first 200.00, too little to pass it on, so the hub paid out
    // more than the amounts it passed on.
    const graph = world((b) => {
      [200, 9_000, 500, 400].forEach((units, i) =>
        b.addTransfer(`GS${i}`, 'HUB', AT + i * 25 * MINUTE, units * 100),
      );
      for (let r = 0; r < 5; r += 1) {
        b.addTransfer('HUB', `GR${r}`, AT + 3 * HOUR + r * 15 * MINUTE, 1_990 * 100);
      }
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => [s.typology, s.leader])).toEqual([['gather_scatter', ['HUB']]]);
    expect(shapes[0]!.reasons[0]).toMatch(
      /^Gather-scatter: HUB gathered 9,900.00 from 3 accounts \(and 200.00 from others meanwhile\), then scattered 9,950.00 \(99%\)/,
    );
  });

  it('finds a stack: three layers, the middle one passing the money on', () => {
    const [first, middle, last] = [names('SA', 3), names('SB', 3), names('SC', 3)];
    const graph = world((b) => {
      first.forEach((s, i) =>
        middle.forEach((m, j) =>
          b.addTransfer(s, m, AT + (i * 3 + j) * 10 * MINUTE, 100_000 + 1_000 * i),
        ),
      );
      middle.forEach((m, j) =>
        last.forEach((d, k) =>
          b.addTransfer(m, d, AT + 3 * HOUR + (j * 3 + k) * 10 * MINUTE, 99_000),
        ),
      );
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => [s.typology, s.leader])).toEqual([['stack', []]]);
    expect(shapes[0]!.members).toEqual(
      [
        ...first.map((a) => `${a} mule`),
        ...middle.map((a) => `${a} mule`),
        ...last.map((a) => `${a} cash_out`),
      ].sort(),
    );
  });

  it('finds a stack of blocks: each layer paying every account of the next, at amounts of its own', () => {
    const [first, middle, last] = [names('KA', 2), names('KB', 2), names('KC', 3)];
    const graph = world((b) => {
      first.forEach((s, i) =>
        middle.forEach((m, j) => b.addTransfer(s, m, AT + (i * 2 + j) * 40 * MINUTE, 151_337 + i)),
      );
      // The middle pays on less than half of what it received: no flow passed on, only layers.
      middle.forEach((m, j) =>
        last.forEach((d, k) =>
          b.addTransfer(m, d, AT + 6 * HOUR + (j * 3 + k) * 30 * MINUTE, 47_219 + 13 * j),
        ),
      );
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => [s.typology, s.leader])).toEqual([['stack', []]]);
    expect(shapes[0]!.members).toEqual(
      [
        ...first.map((a) => `${a} mule`),
        ...middle.map((a) => `${a} mule`),
        ...last.map((a) => `${a} cash_out`),
      ].sort(),
    );
    expect(shapes[0]!.reasons[0]).toMatch(
      /^Stack: money went through layers of 2, 2 and 3 accounts within \d+ hours: each layer paid several accounts of the next, 10 payments in all$/,
    );
  });

  it('finds a bipartite block: three accounts all paying the same three', () => {
    const [payers, payees] = [names('BA', 3), names('BB', 3)];
    const graph = world((b) => {
      payers.forEach((s, i) =>
        payees.forEach((r, j) =>
          b.addTransfer(s, r, AT + (i * 3 + j) * 17 * MINUTE, 70_000 + 3_100 * (i + j)),
        ),
      );
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => s.typology)).toEqual(['bipartite']);
    expect(shapes[0]!.members).toEqual([...payers, ...payees].map((a) => `${a} mule`).sort());
  });

  it('finds a bipartite block that chance payers tie to a crowd of other accounts', () => {
    const [payers, payees] = [names('BA', 3), names('BB', 3)];
    const crowd = names('CR', 70);
    const graph = world((b) => {
      payers.forEach((s, i) =>
        payees.forEach((r, j) =>
          b.addTransfer(s, r, AT + (i * 3 + j) * 17 * MINUTE, 70_000 + 3_100 * (i + j)),
        ),
      );
      // Pairs of new accounts each paying two neighbours of a chain of seventy, weeks apart, the
      // chain's first also paid with a block's receiver: all one group of receivers by chance.
      const pairs = [['BB0', crowd[0]!], ...crowd.slice(1).map((c, k) => [crowd[k]!, c])];
      pairs.forEach(([r1, r2], k) => {
        for (const side of ['X', 'Y']) {
          const day = 5 + ((k * 7) % 80);
          b.addTransfer(`${side}${k}`, r1!, T0 + day * DAY, 12_000 + 100 * k);
          b.addTransfer(`${side}${k}`, r2!, T0 + day * DAY + 3 * HOUR, 9_000 + 100 * k);
        }
      });
    });
    const { shapes } = rings(graph);
    expect(shapes.map((s) => s.typology)).toEqual(['bipartite']);
    expect(shapes[0]!.members).toEqual([...payers, ...payees].map((a) => `${a} mule`).sort());
  });

  it('leaves accounts already in a ring alone', () => {
    const payers = names('FI', 8);
    const graph = world((b) => {
      payers.forEach((p, i) => b.addTransfer(p, 'COLLECT', AT + i * 37 * MINUTE, 90_000));
    });
    const taken = new Set([graph.keys.indexOf('BankAccount:COLLECT')]);
    expect(rings(graph, taken).shapes).toEqual([]);
  });

  it('names the threshold a near miss fell short of, with the numbers', () => {
    const graph = world((b) => {
      for (let i = 0; i < 3; i += 1) b.addTransfer(`NM${i}`, 'ALMOST', AT + i * HOUR, 80_000);
    });
    const { shapes, nearMisses } = rings(graph);
    expect(shapes).toEqual([]);
    const miss = nearMisses.find((m) => m.nodes.includes(graph.keys.indexOf('BankAccount:ALMOST')));
    expect(miss?.typology).toBe('fan_in');
    expect(miss?.missed).toContain('3 new payers within 2 hours; a fan-in needs 4 (minFan)');
  });

  it('scores every account of every near miss, told or not', () => {
    const graph = world((b) => {
      for (let i = 0; i < 3; i += 1) b.addTransfer(`NM${i}`, 'ALMOST', AT + i * HOUR, 80_000);
    });
    const at = (id: string) => graph.keys.indexOf(`BankAccount:${id}`);
    const told = typologyRings(graph, new Set());
    const miss = told.nearMisses.find((m) => m.nodes.includes(at('ALMOST')))!;
    // None told in words, every one still scored.
    const { nearMisses, nearMissScores } = typologyRings(graph, new Set(), { nearMisses: 0 });
    expect(nearMisses).toEqual([]);
    for (const id of ['ALMOST', 'NM0', 'NM1', 'NM2']) {
      expect(nearMissScores[at(id)]).toBeGreaterThanOrEqual(miss.score);
    }
    expect(miss.score).toBeGreaterThan(0);
    // An ordinary account (friends, a shop, rent, a salary) is part of no shape: nothing.
    expect(nearMissScores[at('P0')]).toBe(0);
  });

  it('takes a payroll paid once in the data, in one evenly spaced batch, for no fan-out', () => {
    const b = new AnalysisGraphBuilder();
    background(b, seededRandom(3));
    const staff = names('STAFF', 12);
    staff.forEach((s, i) => b.addTransfer('FIRM', s, AT + i * 2_000, 600_000 + i * 10_000));
    const graph = b.build();
    const { shapes, nearMisses } = rings(graph);
    expect(shapes).toEqual([]);
    const miss = nearMisses.find((m) => m.nodes.includes(graph.keys.indexOf('BankAccount:FIRM')));
    expect(miss?.missed.join(' ')).toMatch(/one bulk batch, evenly spaced/);
  });

  it('rejects options that are not non-negative numbers, naming them', () => {
    const graph = world(() => undefined);
    expect(() => typologyRings(graph, new Set(), { minFan: -1 })).toThrow(/option minFan/);
    expect(TYPOLOGY_DEFAULTS.minFan).toBe(4);
  });
});
