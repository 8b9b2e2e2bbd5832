/**
 * How report-based risk picks its way of ranking: on a call graph where the reported numbers'
 * own behaviour (calling strangers briefly) tells more than closeness to them, a way that uses
 * that behaviour wins its folds; the answer always says which way it used and why; a graph too
 * big to try the ways on folds is ranked by plain closeness; and a small logistic fit
 * recovers a known rule.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisGraphBuilder } from '../../../server/analysis/rings/index';
import { RISK_METHODS, explainRisk } from '../../../server/analysis/rings/risk';
import { personalizedPageRank } from '../../../server/analysis/centrality';
import { fitLogistic, predictLogistic } from '../../../server/analysis/logistic';
import { rocAuc } from '../../../server/analysis/metrics';
import { randomIndex, seededRandom } from '../../../server/analysis/random';
import { generateTypologies } from '../../../seed/typologies/index';
import { generateCallRing } from '../../../seed/callring/index';

const person = (i: number) => `+86138${String(i).padStart(8, '0')}`;

/**
 * 3,000 people calling friends; 60 lone scam numbers, each calling 40 random strangers briefly,
 * none connected to another; 30 of them reported.
 */
function loneFraudWorld() {
  const random = seededRandom(3);
  const b = new AnalysisGraphBuilder();
  for (let i = 0; i < 3_000; i += 1) {
    for (let k = 0; k < 3; k += 1) {
      const friend = randomIndex(random, 3_000);
      if (friend === i) continue;
      b.addCalls(person(i), person(friend), 2, 500);
      b.addCalls(person(friend), person(i), 2, 500);
    }
  }
  const fraud: string[] = [];
  for (let f = 0; f < 60; f += 1) {
    const number = `+86170${String(f).padStart(8, '0')}`;
    fraud.push(number);
    for (let k = 0; k < 40; k += 1) b.addCalls(number, person(randomIndex(random, 3_000)), 1, 25);
  }
  const graph = b.build();
  const index = (n: string) => graph.keys.indexOf(`PhoneNumber:${n}`);
  return {
    graph,
    reported: fraud.slice(0, 30).map(index),
    hidden: new Set(fraud.slice(30).map(index)),
  };
}

describe('choosing the way of ranking', () => {
  it('finds lone scam numbers by what they do, where plain closeness cannot', () => {
    const { graph, reported, hidden } = loneFraudWorld();
    const result = explainRisk(graph, reported);
    expect(result.method).not.toBe('links');
    expect(result.reason).toMatch(
      /^held-back reports ranked best by (quiet links|learned) \(mean AUC over 3 folds: links /,
    );
    const rest = graph.keys.map((_, v) => v).filter((v) => !reported.includes(v));
    const labels = rest.map((v) => hidden.has(v));
    const ours = rocAuc(
      rest.map((v) => result.scores[v]!),
      labels,
    );
    const plain = personalizedPageRank(graph.graph, reported).scores;
    expect(ours).toBeGreaterThan(0.95);
    expect(ours).toBeGreaterThan(
      rocAuc(
        rest.map((v) => plain[v]!),
        labels,
      ),
    );
    for (const v of reported) expect(result.scores[v]).toBe(1);
  });

  it('holds back six reports two at a time, and ranks from fewer without folds', () => {
    const { graph, reported, hidden } = loneFraudWorld();
    const few = explainRisk(graph, reported.slice(0, 6));
    expect(few.trials.map((t) => t.method)).toEqual([
      'links',
      'quiet links',
      'learned',
      'both',
      'either',
    ]);
    expect(few.reason).toMatch(/^held-back reports ranked best by .* \(mean AUC over 3 folds: /);
    // Six lone numbers are as good a guide as thirty: their behaviour, not their links, tells.
    // (AUC over the identities not reported, the other scam numbers the positives.)
    const aucFrom = (count: number, scores: ArrayLike<number>) => {
      const rest = graph.keys.map((_, v) => v).filter((v) => !reported.slice(0, count).includes(v));
      return rocAuc(
        rest.map((v) => scores[v]!),
        rest.map((v) => hidden.has(v) || reported.slice(count).includes(v)),
      );
    };
    const plain = (count: number) =>
      personalizedPageRank(graph.graph, reported.slice(0, count)).scores;
    expect(aucFrom(6, few.scores)).toBeGreaterThan(aucFrom(6, plain(6)) + 0.05);
    // Two are too few to pick a way by: the higher of closeness and likeness to them.
    const two = explainRisk(graph, reported.slice(0, 2));
    expect(two.method).toBe('either');
    expect(two.trials).toEqual([]);
    expect(two.reason).toMatch(/^2 reported identities are too few to compare ways of ranking/);
    expect(aucFrom(2, two.scores)).toBeGreaterThan(aucFrom(2, plain(2)) + 0.05);
  });

  it('ranks from a single report by closeness or likeness to it, whichever is higher', () => {
    // An operator's records: 3,000 subscribers and 30 fraud numbers, mostly working alone.
    const world = generateCallRing({ seed: 2, numbers: 3_000, days: 14, mode: 'operator' });
    const { number, imsi } = world.subscribers;
    const b = new AnalysisGraphBuilder();
    for (const call of world.calls) {
      b.addCalls(number[call.from]!, number[call.to]!, 1, call.duration);
      b.addSimNumber(imsi[call.from]!, number[call.from]!);
      b.addSimInDevice(imsi[call.from]!, call.imei);
    }
    const graph = b.build();
    const node = (n: string) => graph.keys.indexOf(`PhoneNumber:${n}`);
    const [reported, ...others] = world.truth.fraudNumbers.map(node);
    const one = explainRisk(graph, [reported!]);
    expect(one.method).toBe('either');
    expect(one.trials).toEqual([]);
    expect(one.reason).toMatch(/one reported identity cannot be held back/);
    expect(one.scores[reported!]).toBe(1);
    const numbers = graph.keys.flatMap((key, v) =>
      key.startsWith('PhoneNumber:') && v !== reported ? [v] : [],
    );
    const labels = numbers.map((v) => others.includes(v));
    const auc = (scores: ArrayLike<number>) =>
      rocAuc(
        numbers.map((v) => scores[v]!),
        labels,
      );
    // Closeness alone (the peer, and `quiet links`: 0.83) misses the lone numbers that work
    // like the reported one.
    const plain = personalizedPageRank(graph.graph, [reported!]).scores;
    expect(auc(one.scores)).toBeGreaterThan(0.95);
    expect(auc(one.scores)).toBeGreaterThan(auc(plain) + 0.05);
  });
});

describe('logistic regression', () => {
  it('recovers which feature decides', () => {
    const random = seededRandom(5);
    const rows: Float64Array[] = [];
    const labels: boolean[] = [];
    for (let i = 0; i < 400; i += 1) {
      const row = Float64Array.of(random() * 10, random() * 10);
      rows.push(row);
      labels.push(row[0]! > 6);
    }
    const model = fitLogistic(rows, labels);
    expect(predictLogistic(model, [9, 5])).toBeGreaterThan(0.9);
    expect(predictLogistic(model, [2, 5])).toBeLessThan(0.1);
    expect(Math.abs(model.weights[0]!)).toBeGreaterThan(5 * Math.abs(model.weights[1]!));
  });

  it('needs both classes', () => {
    expect(() => fitLogistic([Float64Array.of(1)], [true])).toThrow(RangeError);
  });
});

describe('report-based risk on a graph too big to compare ways of ranking', () => {
  it('ranks by plain closeness to the reports, and says why', () => {
    const world = generateTypologies({ seed: 6, accounts: 2_000, patternsPerTypology: 2 });
    const b = new AnalysisGraphBuilder();
    for (const t of world.transfers) {
      b.addTransfer(String(t.from), String(t.to), Math.floor(t.time) * 3_600_000, t.cents);
    }
    const graph = b.build();
    const node = (id: number) => graph.keys.indexOf(`BankAccount:${id}`);
    const reported = world.patterns.map((p) => node(p.accounts[0]!));
    const limited = explainRisk(graph, reported, { maxFoldNodes: graph.nodeCount - 1 });
    expect(limited.method).toBe('links');
    expect(limited.trials).toEqual([]);
    expect(limited.reason).toMatch(/too many to compare ways of ranking/);
    // The same order as plain personalised PageRank from the reports (the peer's own way).
    const plain = personalizedPageRank(graph.graph, reported, { damping: 0.85 }).scores;
    const others = [...Array(graph.nodeCount).keys()].filter((v) => !reported.includes(v));
    const order = (scores: ArrayLike<number>) =>
      [...others].sort((x, y) => scores[y]! - scores[x]! || x - y).slice(0, 50);
    expect(order(limited.scores)).toEqual(order(plain));
    // Within the limit the ways are compared on folds of the reports.
    expect(explainRisk(graph, reported).trials).toHaveLength(RISK_METHODS.length);
  });
});
