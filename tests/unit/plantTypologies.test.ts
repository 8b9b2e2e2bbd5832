import { describe, expect, it } from 'vitest';
import {
  parseSample,
  PLANT_TYPOLOGIES_DEFAULTS,
  plantTypologies,
  shuffledAmounts,
  type CycleSchedule,
  type PlantedWorld,
} from '../../seed/typologies/index';

/**
 * A small AMLSim-format sample: 400 accounts, 3 of them flagged paying each other, the background
 * among accounts 3-22 only (so the payments among most patterns' accounts are the planted ones).
 */
function sample() {
  const nodes = ['nodeid,isFraud,init_balance,fraudStep'];
  for (let id = 0; id < 400; id += 1) nodes.push(`${id},${id < 3 ? 1 : 0},100.00,-1`);
  const transfers = ['sourceNodeId,targetNodeId,value,time'];
  for (let k = 0; k < 2000; k += 1) {
    transfers.push(
      `${3 + (k % 20)},${3 + ((k * 7 + 1) % 20)},${(100 + (k % 500)).toFixed(2)},${1 + (k % 100)}`,
    );
  }
  transfers.push('1,0,4.50,10', '2,0,4.40,11');
  return parseSample(`${nodes.join('\n')}\n`, `${transfers.join('\n')}\n`);
}

function plant(schedule: CycleSchedule, seed = 3): PlantedWorld {
  return plantTypologies(sample(), {
    ...PLANT_TYPOLOGIES_DEFAULTS,
    seed,
    schedule,
    patternsPerTypology: 3,
  });
}

/** The payments among a pattern's accounts, with their steps and amounts. */
function paymentsOf(world: PlantedWorld, accounts: readonly string[]) {
  const ids = new Set(accounts);
  return world.transfers.filter((t) => ids.has(t.from) && ids.has(t.to));
}

/** The patterns none of whose accounts have background payments. */
function plantedAlone(world: PlantedWorld) {
  return world.patterns.patterns.filter((p) => p.accounts.every((id) => Number(id) > 22));
}

describe("AMLSim's typologies planted into an AMLSim sample", () => {
  it('plants every typology on accounts of its own, flagged, and takes out the old laundering', () => {
    const world = plant('unordered');
    const patterns = world.patterns.patterns;
    expect(new Set(patterns.map((p) => p.typology))).toEqual(
      new Set(PLANT_TYPOLOGIES_DEFAULTS.typologies),
    );
    const planted = patterns.flatMap((p) => p.accounts);
    expect(new Set(planted).size).toBe(planted.length);
    const flagged = world.accounts.filter((a) => a.isFraud).map((a) => a.id);
    expect(flagged.sort()).toEqual([...planted].sort());
    expect(world.transfers.some((t) => t.from === '1' && t.to === '0')).toBe(false);
    for (const pattern of patterns) {
      expect(pattern.accounts.length).toBeGreaterThanOrEqual(5);
      expect(pattern.accounts.length).toBeLessThanOrEqual(10);
      expect(pattern.lastStep - pattern.firstStep).toBeLessThan(20);
      for (const [from, to] of pattern.edges) {
        expect(world.transfers.some((t) => t.from === from && t.to === to)).toBe(true);
      }
    }
  });

  it('pays as AMLSim does: fans share an amount per step, scatter-gathers the maximum less the margin', () => {
    const world = plant('unordered');
    expect(plantedAlone(world).length).toBeGreaterThan(15);
    for (const pattern of plantedAlone(world)) {
      const paid = paymentsOf(world, pattern.accounts);
      if (pattern.typology === 'fan_in' || pattern.typology === 'fan_out') {
        expect(pattern.leader).toBe(pattern.accounts[0]);
        expect(paid).toHaveLength(pattern.accounts.length - 1);
        for (const a of paid) {
          for (const b of paid) if (a.step === b.step) expect(a.cents).toBe(b.cents);
        }
      }
      if (pattern.typology === 'scatter_gather') {
        const scatter = paid.filter((t) => t.from === pattern.leader);
        const gather = paid.filter((t) => t.from !== pattern.leader);
        expect(scatter.every((t) => t.cents === 20_000)).toBe(true);
        expect(gather.every((t) => t.cents === 18_000)).toBe(true);
        // Gathered in the second half of the period: no gather before a scatter's half ends.
        expect(Math.min(...gather.map((t) => t.step))).toBeGreaterThanOrEqual(
          Math.min(...scatter.map((t) => t.step)),
        );
      }
      if (pattern.typology === 'gather_scatter') {
        const gathered = paid.filter((t) => t.to === pattern.leader);
        const scattered = paid.filter((t) => t.from === pattern.leader);
        const total = gathered.reduce((sum, t) => sum + t.cents, 0);
        const shares = scattered.map((t) => t.cents);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
        const paidOut = shares.reduce((sum, c) => sum + c, 0);
        expect(paidOut / total).toBeCloseTo(0.9, 2);
      }
      if (pattern.typology === 'bipartite') {
        const half = Math.floor(pattern.accounts.length / 2);
        expect(paid).toHaveLength(half * (pattern.accounts.length - half));
      }
    }
  });

  it('lowers each cycle payment by the margin in the order of payment, on every schedule', () => {
    for (const schedule of ['fixed', 'random', 'unordered'] as const) {
      const world = plant(schedule, 7);
      for (const pattern of plantedAlone(world).filter((p) => p.typology === 'cycle')) {
        const paid = paymentsOf(world, pattern.accounts);
        expect(paid).toHaveLength(pattern.accounts.length);
        // In the order of payment each is 90% of the one before (a step's payments in any order).
        const inTime = [...paid].sort((x, y) => x.step - y.step || y.cents - x.cents);
        inTime.slice(1).forEach((t, k) => {
          expect(t.cents / inTime[k]!.cents).toBeCloseTo(0.9, 2);
        });
      }
    }
  });

  it('is the same world for the same seed and another for another', () => {
    const steps = (world: PlantedWorld) => world.patterns.patterns.map((p) => p.firstStep);
    expect(steps(plant('random', 4))).toEqual(steps(plant('random', 4)));
    expect(steps(plant('random', 4))).not.toEqual(steps(plant('random', 5)));
  });
});

describe('patterns sharing accounts', () => {
  it('puts some accounts in two or more patterns, never twice in one, all flagged', () => {
    const world = plantTypologies(sample(), {
      ...PLANT_TYPOLOGIES_DEFAULTS,
      seed: 3,
      schedule: 'unordered',
      patternsPerTypology: 3,
      shared: 0.3,
    });
    const patterns = world.patterns.patterns;
    for (const pattern of patterns) {
      expect(new Set(pattern.accounts).size).toBe(pattern.accounts.length);
    }
    const patternsOf = new Map<string, number>();
    for (const id of patterns.flatMap((p) => p.accounts)) {
      patternsOf.set(id, (patternsOf.get(id) ?? 0) + 1);
    }
    const inSeveral = [...patternsOf.values()].filter((count) => count > 1).length;
    // About 30% of the places go to accounts already planted: a few dozen of ~170 accounts.
    expect(inSeveral).toBeGreaterThan(10);
    expect(inSeveral).toBeLessThan(patternsOf.size / 2);
    const flagged = world.accounts.filter((a) => a.isFraud).map((a) => a.id);
    expect(flagged.sort()).toEqual([...patternsOf.keys()].sort());
  });
});

describe('a sample with its amounts shuffled', () => {
  it('keeps every payment and the spread of amounts, but no standing amount per payer', () => {
    const before = sample();
    const after = shuffledAmounts(before, 1);
    const ends = (s: typeof before) => s.transfers.map((t) => `${t.from}>${t.to}@${t.step}`);
    expect(ends(after)).toEqual(ends(before));
    const sorted = (s: typeof before) => s.transfers.map((t) => t.cents).sort((x, y) => x - y);
    expect(sorted(after)).toEqual(sorted(before));
    // Account 3 paid 25 amounts in turn (100.00, 120.00, ...); shuffled, its 100 payments carry
    // many more.
    const amountsOf = (s: typeof before, id: string) =>
      new Set(s.transfers.filter((t) => t.from === id).map((t) => t.cents));
    expect(amountsOf(after, '3').size).toBeGreaterThan(amountsOf(before, '3').size);
    expect(shuffledAmounts(before, 1)).toEqual(after);
  });
});
