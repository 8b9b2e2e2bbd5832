import { describe, expect, it } from 'vitest';
import { parseSample, plantCycles, type CycleSchedule } from '../../seed/typologies/index';

/** A small AMLSim-format sample: 60 accounts, 3 of them flagged paying each other. */
function sample() {
  const nodes = ['nodeid,isFraud,init_balance,fraudStep'];
  for (let id = 0; id < 60; id += 1) nodes.push(`${id},${id < 3 ? 1 : 0},100.00,-1`);
  const transfers = ['sourceNodeId,targetNodeId,value,time'];
  for (let k = 0; k < 300; k += 1) {
    transfers.push(
      `${3 + (k % 57)},${3 + ((k * 7 + 1) % 57)},${(100 + k).toFixed(2)},${1 + (k % 100)}`,
    );
  }
  // The sample's own laundering: flagged accounts paying a flagged collector.
  transfers.push('1,0,4.50,10', '2,0,4.40,11');
  // A flagged account's ordinary business stays.
  transfers.push('1,30,250.00,12');
  return parseSample(`${nodes.join('\n')}\n`, `${transfers.join('\n')}\n`);
}

function plant(schedule: CycleSchedule, amounts: 'falling' | 'repeated' = 'falling') {
  return plantCycles(sample(), {
    seed: 5,
    schedule,
    cycles: 6,
    minAccounts: 3,
    maxAccounts: 5,
    margin: 0.1,
    amounts,
  });
}

describe('cycles planted into an AMLSim sample', () => {
  it("takes out the sample's own laundering and flags only the planted accounts", () => {
    const world = plant('random');
    const flagged = new Set(world.accounts.filter((a) => a.isFraud).map((a) => a.id));
    expect(world.transfers.some((t) => t.from === '1' && t.to === '0')).toBe(false);
    expect(world.transfers.some((t) => t.from === '1' && t.to === '30')).toBe(true);
    expect(['0', '1', '2'].some((id) => flagged.has(id))).toBe(false);
    const planted = world.patterns.patterns.flatMap((p) => p.accounts);
    expect(new Set(planted).size).toBe(planted.length);
    expect([...flagged].sort()).toEqual([...planted].sort());
  });

  it('plants loops whose payments fall by the margin in the order they were made', () => {
    for (const schedule of ['fixed', 'random', 'unordered'] as const) {
      const world = plant(schedule);
      expect(world.patterns.patterns).toHaveLength(6);
      for (const pattern of world.patterns.patterns) {
        const loop = pattern.accounts;
        const paid = loop.map((from, i) => {
          const to = loop[(i + 1) % loop.length]!;
          const found = world.transfers.filter((t) => t.from === from && t.to === to);
          expect(found).toHaveLength(1);
          return found[0]!;
        });
        const inTime = paid
          .map((t, i) => ({ t, i }))
          .sort((x, y) => x.t.step - y.t.step || x.i - y.i)
          .map(({ t }) => t.cents);
        inTime.slice(1).forEach((cents, k) => {
          expect(cents).toBe(Math.round(inTime[k]! * 0.9));
        });
        if (schedule !== 'unordered') {
          const steps = paid.map((t) => t.step);
          expect([...steps].sort((x, y) => x - y)).toEqual(steps);
        }
        if (schedule === 'fixed') {
          const gaps = new Set(paid.slice(1).map((t, k) => t.step - paid[k]!.step));
          expect(gaps.size).toBe(1);
        }
      }
    }
  });

  it("pays each hop as AMLSim's 2018 releases did: once per account, in one step, at the sample's laundering amounts", () => {
    const world = plant('unordered', 'repeated');
    for (const pattern of world.patterns.patterns) {
      const loop = pattern.accounts;
      loop.forEach((from, i) => {
        const to = loop[(i + 1) % loop.length]!;
        const paid = world.transfers.filter((t) => t.from === from && t.to === to);
        expect(paid).toHaveLength(loop.length);
        expect(new Set(paid.map((t) => t.step)).size).toBe(1);
        for (const t of paid) expect([450, 440]).toContain(t.cents);
      });
    }
  });

  it('plants the same world from the same seed', () => {
    expect(plant('unordered')).toEqual(plant('unordered'));
  });
});
