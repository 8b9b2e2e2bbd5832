import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../../server/ingest/kinds';
import { applyMapping, mappedHeader, shippedMapping } from '../../server/ingest/mapping';
import {
  generateTypologies,
  nodesCsv,
  patternsJson,
  patternsTruth,
  resolveTypologyOptions,
  transactionsCsv,
  TYPOLOGIES,
  writeTypologies,
  type PatternsFile,
  type PatternTruth,
  type TypologyWorld,
} from '../../seed/typologies';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ringtrace-typologies-'));
  dirs.push(dir);
  return dir;
}

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

interface Tx {
  from: string;
  to: string;
  value: string;
  step: number;
}

function rows(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
}

describe('typologies: determinism', () => {
  it('writes byte-identical files for the same seed, different ones for another', async () => {
    const options = { seed: 11, accounts: 3000, patternsPerTypology: 3 };
    const [a, b, c] = await Promise.all([
      writeTypologies({ ...options, outDir: tempDir() }),
      writeTypologies({ ...options, outDir: tempDir() }),
      writeTypologies({ ...options, seed: 12, outDir: tempDir() }),
    ]);
    for (const file of ['nodes', 'transactions', 'patterns'] as const) {
      expect(sha(a.files[file])).toBe(sha(b.files[file]));
      expect(sha(a.files[file])).not.toBe(sha(c.files[file]));
    }
    expect(a.patterns).toBe(8 * 3);
  });

  it('checks its options and names the bad one', () => {
    expect(() => resolveTypologyOptions({ accounts: 10 })).toThrow(/accounts/);
    expect(() => resolveTypologyOptions({ typologies: ['fan_in', 'ring' as 'cycle'] })).toThrow(
      /unknown typology "ring"/,
    );
    expect(() => generateTypologies({ accounts: 200, patternsPerTypology: 50 })).toThrow(/too few/);
    expect(() => resolveTypologyOptions({ schedule: 'weekly' as 'spread' })).toThrow(
      /unknown schedule "weekly"; known: burst, spread, unordered/,
    );
  });

  it('plants only the typologies asked for', () => {
    const world = generateTypologies({ seed: 2, accounts: 1000, typologies: ['cycle', 'fan_in'] });
    expect(new Set(world.patterns.map((p) => p.typology))).toEqual(new Set(['fan_in', 'cycle']));
    expect(world.patterns).toHaveLength(20);
  });
});

describe('typologies: files and truth at the default size', () => {
  let world: TypologyWorld;
  let nodes: string[][];
  let txs: Tx[];
  let truth: PatternsFile;
  const pairs = new Map<string, number[]>();

  beforeAll(() => {
    world = generateTypologies({ seed: 3 });
    nodes = rows(nodesCsv(world));
    txs = rows(transactionsCsv(world)).map(([from = '', to = '', value = '', time = '']) => ({
      from,
      to,
      value,
      step: Number(time),
    }));
    truth = JSON.parse(patternsJson(world)) as PatternsFile;
    for (const tx of txs) {
      const key = `${tx.from}>${tx.to}`;
      const steps = pairs.get(key) ?? [];
      steps.push(tx.step);
      pairs.set(key, steps);
    }
  });

  /** Steps of the payments from `from` to `to` within the pattern's window. */
  function stepsOf(pattern: PatternTruth, from: string, to: string): number[] {
    return (pairs.get(`${from}>${to}`) ?? []).filter(
      (step) => step >= pattern.firstStep && step <= pattern.lastStep,
    );
  }

  it('writes AMLSim headers and values', () => {
    expect(nodesCsv(world).split('\n')[0]).toBe('nodeid,isFraud,init_balance,fraudStep');
    expect(transactionsCsv(world).split('\n')[0]).toBe('sourceNodeId,targetNodeId,value,time');
    expect(nodes).toHaveLength(10_000);
    const badNodes = nodes.filter(
      ([id, flag = '', balance = '', fraudStep = ''], i) =>
        id !== String(i) ||
        !/^[01]$/.test(flag) ||
        !/^\d+\.\d{2}$/.test(balance) ||
        !/^(-1|\d+)$/.test(fraudStep),
    );
    expect(badNodes).toEqual([]);
    expect(txs.length).toBeGreaterThan(50_000);
    const badTxs = txs.filter(
      (tx, i) =>
        !/^\d+\.\d{2}$/.test(tx.value) ||
        Number(tx.value) <= 0 ||
        !Number.isInteger(tx.step) ||
        tx.step < 1 ||
        tx.step > 150 ||
        tx.step < (txs[i - 1]?.step ?? 1) ||
        tx.from === tx.to,
    );
    expect(badTxs).toEqual([]);
  });

  it('loads through the shipped AMLSim mappings without a reject', () => {
    const mapping = shippedMapping('amlsim-transactions');
    const header = transactionsCsv(world).split('\n')[0]?.split(',') ?? [];
    expect(mappedHeader(mapping, header)).toEqual(
      expect.arrayContaining([...KINDS['bank-transfers'].required]),
    );
    const context = { organisation: 'AMLSIM', country: 'CN' as const, defaultOffset: undefined };
    const rejects: string[] = [];
    const tryParse = (parse: () => unknown) => {
      try {
        parse();
      } catch (error) {
        rejects.push(error instanceof Error ? error.message : String(error));
      }
    };
    txs.slice(0, 5000).forEach((tx, i) => {
      const raw = { sourceNodeId: tx.from, targetNodeId: tx.to, value: tx.value };
      const mapped = applyMapping(mapping, { ...raw, time: String(tx.step) }, i + 2);
      tryParse(() => KINDS['bank-transfers'].parse(mapped, { ...context, line: i + 2 }));
    });
    const accounts = shippedMapping('amlsim-accounts');
    for (const [nodeid = '', isFraud, init_balance, fraudStep] of nodes.slice(0, 500)) {
      const mapped = applyMapping(accounts, { nodeid, isFraud, init_balance, fraudStep }, 2);
      tryParse(() => KINDS['bank-accounts'].parse(mapped, { ...context, line: 2 }));
    }
    expect(rejects).toEqual([]);
  });

  it('flags exactly the pattern accounts, half of them with their first step', () => {
    const inPattern = new Map<string, PatternTruth>();
    for (const pattern of truth.patterns) {
      for (const account of pattern.accounts) {
        expect(inPattern.has(account)).toBe(false);
        inPattern.set(account, pattern);
      }
    }
    let withStep = 0;
    const wrong: string[][] = [];
    for (const node of nodes) {
      const [id = '', flag, , fraudStep] = node;
      const pattern = inPattern.get(id);
      if (flag !== (pattern ? '1' : '0')) wrong.push(node);
      else if (!pattern && fraudStep !== '-1') wrong.push(node);
      else if (pattern && fraudStep !== '-1') {
        if (Number(fraudStep) !== pattern.firstStep) wrong.push(node);
        withStep += 1;
      }
    }
    expect(wrong).toEqual([]);
    expect(withStep / inPattern.size).toBeGreaterThan(0.35);
    expect(withStep / inPattern.size).toBeLessThan(0.65);
  });

  it('has every typology with the asked number of patterns and varied amount modes', () => {
    expect(truth.seed).toBe(3);
    expect(truth.typologies).toEqual([...TYPOLOGIES]);
    for (const typology of TYPOLOGIES) {
      expect(truth.patterns.filter((p) => p.typology === typology)).toHaveLength(10);
    }
    expect(new Set(truth.patterns.map((p) => p.amountMode)).size).toBe(3);
    expect(truth).toEqual(JSON.parse(JSON.stringify(patternsTruth(world))));
  });

  it('makes every pattern payment within its window, bursty', () => {
    for (const pattern of truth.patterns) {
      expect(pattern.lastStep - pattern.firstStep).toBeLessThan(20);
      for (const [from, to] of pattern.edges) {
        expect(pattern.accounts).toContain(from);
        expect(pattern.accounts).toContain(to);
        expect(stepsOf(pattern, from, to).length).toBeGreaterThan(0);
      }
      const involved = new Set(pattern.edges.flat());
      expect(involved).toEqual(new Set(pattern.accounts));
    }
  });

  it('gives each typology its shape', () => {
    for (const p of truth.patterns) {
      const [first = '', ...rest] = p.accounts;
      const edgeSet = new Set(p.edges.map(([from, to]) => `${from}>${to}`));
      const has = (from: string, to: string) => edgeSet.has(`${from}>${to}`);
      switch (p.typology) {
        case 'fan_in':
          expect(p.leader).toBe(first);
          expect(rest.length).toBeGreaterThanOrEqual(5);
          expect(rest.length).toBeLessThanOrEqual(20);
          for (const member of rest) expect(stepsOf(p, member, first).length).toBeGreaterThan(0);
          expect(p.edges).toHaveLength(rest.length);
          break;
        case 'fan_out':
          expect(p.leader).toBe(first);
          expect(rest.length).toBeGreaterThanOrEqual(5);
          for (const member of rest) expect(stepsOf(p, first, member).length).toBeGreaterThan(0);
          expect(p.edges).toHaveLength(rest.length);
          break;
        case 'cycle': {
          expect(p.leader).toBeNull();
          expect(p.accounts.length).toBeGreaterThanOrEqual(3);
          expect(p.accounts.length).toBeLessThanOrEqual(10);
          expect(p.edges).toHaveLength(p.accounts.length);
          // Money goes round in time order: each hop no earlier than the one before.
          let step = p.firstStep;
          p.accounts.forEach((from, i) => {
            const to = p.accounts[(i + 1) % p.accounts.length] ?? '';
            expect(has(from, to)).toBe(true);
            const next = stepsOf(p, from, to).filter((s) => s >= step);
            expect(next.length).toBeGreaterThan(0);
            step = Math.min(...next);
          });
          break;
        }
        case 'scatter_gather': {
          expect(p.leader).toBe(first);
          const beneficiary = p.accounts[p.accounts.length - 1] ?? '';
          const middle = p.accounts.slice(1, -1);
          expect(middle.length).toBeGreaterThanOrEqual(3);
          for (const m of middle) {
            expect(stepsOf(p, first, m).length).toBeGreaterThan(0);
            expect(stepsOf(p, m, beneficiary).length).toBeGreaterThan(0);
          }
          break;
        }
        case 'gather_scatter': {
          expect(p.leader).toBe(first);
          const senders = rest.filter((a) => has(a, first));
          const receivers = rest.filter((a) => has(first, a));
          expect(senders.length).toBeGreaterThanOrEqual(3);
          expect(receivers.length).toBeGreaterThanOrEqual(3);
          expect(senders.length + receivers.length).toBe(rest.length);
          break;
        }
        case 'bipartite': {
          expect(p.leader).toBeNull();
          const payers = new Set(p.edges.map(([from]) => from));
          const payees = new Set(p.edges.map(([, to]) => to));
          expect([...payers].some((a) => payees.has(a))).toBe(false);
          for (const side of [payers, payees]) {
            expect(side.size).toBeGreaterThanOrEqual(2);
            expect(side.size).toBeLessThanOrEqual(5);
          }
          expect(p.edges.length).toBeGreaterThanOrEqual(Math.max(payers.size, payees.size));
          break;
        }
        case 'stack': {
          expect(p.leader).toBeNull();
          const payers = new Set(p.edges.map(([from]) => from));
          const payees = new Set(p.edges.map(([, to]) => to));
          const layer1 = p.accounts.filter((a) => !payees.has(a));
          const layer2 = p.accounts.filter((a) => payers.has(a) && payees.has(a));
          const layer3 = p.accounts.filter((a) => !payers.has(a));
          for (const layer of [layer1, layer2, layer3]) {
            expect(layer.length).toBeGreaterThanOrEqual(2);
            expect(layer.length).toBeLessThanOrEqual(5);
          }
          for (const [from, to] of p.edges) {
            const ok =
              (layer1.includes(from) && layer2.includes(to)) ||
              (layer2.includes(from) && layer3.includes(to));
            expect(ok).toBe(true);
          }
          // Dense: at least 70 % of the possible pairs between adjacent layers, on average.
          const possible = layer1.length * layer2.length + layer2.length * layer3.length;
          expect(p.edges.length).toBeGreaterThanOrEqual(Math.min(possible, layer2.length * 2));
          break;
        }
        case 'random': {
          expect(p.leader).toBeNull();
          expect(p.accounts.length).toBeGreaterThanOrEqual(4);
          expect(p.accounts.length).toBeLessThanOrEqual(10);
          // A walk from the first account reaches every account along the pattern's payments.
          const reached = new Set([first]);
          for (let grew = true; grew;) {
            grew = false;
            for (const [from, to] of p.edges) {
              if (reached.has(from) && !reached.has(to)) {
                reached.add(to);
                grew = true;
              }
            }
          }
          expect(reached.size).toBe(p.accounts.length);
          break;
        }
      }
    }
  });

  it('keeps laundering accounts in ordinary business and hubs in the background', () => {
    const fraud = new Set(truth.patterns.flatMap((p) => p.accounts));
    const counterparties = new Map<string, Set<string>>();
    for (const tx of txs) {
      for (const [a, b] of [
        [tx.from, tx.to],
        [tx.to, tx.from],
      ] as const) {
        const set = counterparties.get(a) ?? new Set<string>();
        set.add(b);
        counterparties.set(a, set);
      }
    }
    // Many laundering accounts also pay or are paid by accounts outside their pattern.
    const patternOf = new Map(truth.patterns.flatMap((p) => p.accounts.map((a) => [a, p])));
    const withOutside = [...fraud].filter((account) => {
      const own = new Set(patternOf.get(account)?.accounts);
      return [...(counterparties.get(account) ?? [])].some((other) => !own.has(other));
    });
    expect(withOutside.length / fraud.size).toBeGreaterThan(0.8);
    // Normal hubs with more counterparties than any fan pattern exist.
    const normalHubs = [...counterparties].filter(
      ([account, set]) => !fraud.has(account) && set.size > 25,
    );
    expect(normalHubs.length).toBeGreaterThan(50);
  });
});

describe('typologies: the spread schedule', () => {
  const world = generateTypologies({
    seed: 3,
    accounts: 3000,
    patternsPerTypology: 4,
    schedule: 'spread',
  });

  /** A pattern's payments: pieces by pair and step. */
  function pieces(pattern: (typeof world.patterns)[number]): Map<string, number> {
    const edges = new Set(pattern.edges.map(([from, to]) => `${from}>${to}`));
    const counts = new Map<string, number>();
    for (const t of world.transfers) {
      const pair = `${t.from}>${t.to}`;
      if (!edges.has(pair)) continue;
      const key = `${pair}@${Math.floor(t.time)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  it('spreads each pattern over most of the period', () => {
    for (const pattern of world.patterns) {
      expect(pattern.lastStep - pattern.firstStep).toBeGreaterThan(world.options.steps / 2);
    }
  });

  it('sends most payments as several pieces within one step, and some whole', () => {
    let split = 0;
    let whole = 0;
    for (const pattern of world.patterns) {
      for (const count of pieces(pattern).values()) {
        if (count > 1) split += 1;
        else whole += 1;
      }
    }
    expect(split).toBeGreaterThan(3 * whole);
    expect(whole).toBeGreaterThan(0);
  });

  it('leaves the burst schedule as it was', () => {
    const burst = generateTypologies({ seed: 3, accounts: 3000, patternsPerTypology: 4 });
    const same = generateTypologies({
      seed: 3,
      accounts: 3000,
      patternsPerTypology: 4,
      schedule: 'burst',
    });
    expect(transactionsCsv(same)).toBe(transactionsCsv(burst));
    expect(transactionsCsv(world)).not.toBe(transactionsCsv(burst));
  });
});

describe('typologies: the unordered schedule and whole payments', () => {
  const options = { seed: 3, accounts: 3000, patternsPerTypology: 4 } as const;
  const spread = generateTypologies({ ...options, schedule: 'spread' });

  /** Per pattern of `world`, the steps of its payments in the order the stages make them. */
  function stageSteps(world: TypologyWorld): number[][] {
    return world.patterns.map((pattern) =>
      pattern.edges.map(([from, to]) =>
        Math.min(
          ...world.transfers
            .filter((t) => t.from === from && t.to === to)
            .map((t) => Math.floor(t.time)),
        ),
      ),
    );
  }
  const inOrder = (steps: number[]) => steps.every((step, k) => k === 0 || step >= steps[k - 1]!);

  it('unordered: the same patterns, their payments at random steps, not one after another', () => {
    const unordered = generateTypologies({ ...options, schedule: 'unordered' });
    expect(unordered.patterns.map((p) => p.accounts)).toEqual(
      spread.patterns.map((p) => p.accounts),
    );
    expect(stageSteps(spread).every(inOrder)).toBe(true);
    const shuffled = stageSteps(unordered).filter((steps) => steps.length > 2 && !inOrder(steps));
    expect(shuffled.length).toBeGreaterThan(unordered.patterns.length / 2);
  });

  it('whole payments: one transfer per payment, and the spread schedule as it was without', () => {
    const whole = generateTypologies({ ...options, schedule: 'spread', wholePayments: true });
    for (const pattern of whole.patterns) {
      const edges = new Set(pattern.edges.map(([from, to]) => `${from}>${to}`));
      const perPairStep = new Map<string, number>();
      for (const t of whole.transfers) {
        const pair = `${t.from}>${t.to}`;
        if (!edges.has(pair)) continue;
        const key = `${pair}@${Math.floor(t.time)}`;
        perPairStep.set(key, (perPairStep.get(key) ?? 0) + 1);
      }
      expect([...perPairStep.values()].every((count) => count === 1)).toBe(true);
    }
    const again = generateTypologies({ ...options, schedule: 'spread', wholePayments: false });
    expect(transactionsCsv(again)).toBe(transactionsCsv(spread));
  });
});
