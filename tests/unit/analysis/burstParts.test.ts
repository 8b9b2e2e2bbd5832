/**
 * Bursts of new counterparties as risk weighs them: on a background of accounts paying new
 * accounts now and then, eight of them each paid by eight others within a few hours, at the
 * background's own amounts and in the payers' own number of payments. Timing alone tells them:
 * the bursts are found with their payers, and from two reported payers of each, the rest of
 * each burst ranks above the background.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisGraphBuilder } from '../../../server/analysis/rings/index';
import { burstParts, moneyTimeline } from '../../../server/analysis/rings/fanIn';
import { TYPOLOGY_DEFAULTS, fanOptions } from '../../../server/analysis/rings/typologyOptions';
import { randomIndex, seededRandom } from '../../../server/analysis/random';
import { riskAndPlainAuc } from './riskAuc';

const HOUR = 3_600_000;
const ACCOUNTS = 600;
const HOURS = 600;
const HUBS = 8;

function burstWorld() {
  const random = seededRandom(7);
  const b = new AnalysisGraphBuilder();
  const amount = () => 10_000 + randomIndex(random, 50_000);
  // Eight hubs, ordinary accounts too; the first payment of each of eight others goes to one of
  // them within four hours, so that only the timing sets the bursts apart.
  const hubOf = new Map<number, number>();
  const bursts: string[][] = [];
  for (let h = 0; h < HUBS; h += 1) {
    const hub = ACCOUNTS - 1 - h;
    const payers = Array.from({ length: 8 }, (_, k) => h * 8 + k);
    for (const payer of payers) hubOf.set(payer, hub);
    bursts.push([hub, ...payers].map((a) => `A${a}`));
  }
  // Each account pays four accounts once each, at any hour.
  for (let a = 0; a < ACCOUNTS; a += 1) {
    for (let k = 0; k < 4; k += 1) {
      const hub = k === 0 ? hubOf.get(a) : undefined;
      if (hub !== undefined) {
        const start = (50 + (ACCOUNTS - 1 - hub) * 60) * HOUR;
        b.addTransfer(`A${a}`, `A${hub}`, start + randomIndex(random, 4) * HOUR, amount());
        continue;
      }
      const to = randomIndex(random, ACCOUNTS);
      if (to !== a) b.addTransfer(`A${a}`, `A${to}`, randomIndex(random, HOURS) * HOUR, amount());
    }
  }
  const graph = b.build();
  const node = (id: string) => graph.keys.indexOf(`BankAccount:${id}`);
  return { graph, bursts: bursts.map((ids) => ids.map(node)) };
}

describe('bursts of new counterparties', () => {
  const { graph, bursts } = burstWorld();

  it('finds each hub with its payers, strongest bursts first', () => {
    const o = TYPOLOGY_DEFAULTS;
    const parts = burstParts(moneyTimeline(graph, new Set(), o), fanOptions(o));
    for (const accounts of bursts) {
      const found = parts.findIndex((part) => part.accounts[0] === accounts[0]);
      expect(found).toBeGreaterThanOrEqual(0);
      expect(found).toBeLessThan(HUBS);
      // Its payers: the hub's busiest window may leave out one that came last, or take in one
      // of its ordinary payers.
      const held = parts[found]!.accounts.filter((v) => accounts.includes(v));
      expect(held.length).toBeGreaterThanOrEqual(8);
    }
    for (let i = 1; i < parts.length; i += 1) {
      expect(parts[i]!.score).toBeLessThanOrEqual(parts[i - 1]!.score);
    }
  });

  it('ranks the rest of a burst above the background from two reported accounts of each', () => {
    const reported = bursts.flatMap((accounts) => accounts.slice(1, 3));
    const named = new Set(reported);
    const inBursts = new Set(bursts.flat());
    const nodes = [...Array(graph.nodeCount).keys()].filter((v) => !named.has(v));
    const { risk, plain } = riskAndPlainAuc(graph, reported, nodes, (v) => inBursts.has(v));
    // Without the bursts, the same reports give about 0.92; plain PageRank about 0.64.
    expect(risk).toBeGreaterThan(0.97);
    expect(risk).toBeGreaterThan(plain);
  });
});
