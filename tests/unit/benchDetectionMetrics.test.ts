/**
 * The figures of bench:detection on tiny hand-made truths and detections: ring matching, ARI,
 * precision and recall by typology, leader precision@1, role F1, precision@k with ties, the
 * reported sample and the pool a ranking is judged on.
 */
import { describe, expect, it } from 'vitest';
import {
  keepTypes,
  leaderAt1,
  matchRings,
  pickReported,
  precisionAtK,
  rankingFigures,
  ringAri,
  ringScores,
  riskPool,
  roleScores,
  setPrecisionRecall,
  topRingleader,
  worst,
  type FoundRing,
  type TrueRing,
} from '../bench/detection/metrics';
import { restrictToGraph } from '../bench/detection/truth';

const acct = (id: string) => `BankAccount:X:${id}`;
const ring = (typology: string, ids: string[], leaders: string[] = []): TrueRing => ({
  id: typology,
  typology,
  entities: ids.map(acct),
  leaders: leaders.map(acct),
});
const found = (typology: string, members: [string, string, number?][]): FoundRing => ({
  typology,
  members: members.map(([id, role, score]) => ({ key: acct(id), role, score: score ?? 0.5 })),
});

const truth = [
  ring('fan_in', ['a', 'b', 'c', 'd'], ['a']),
  ring('cycle', ['e', 'f', 'g', 'h']),
  ring('fan_in', ['i', 'j', 'k', 'l'], ['i']),
];
const detected = [
  // Hits fan_in 1 (shares 3 of 4), with the true leader on top.
  found('fan_in', [
    ['a', 'ringleader', 0.9],
    ['b', 'member'],
    ['c', 'member'],
    ['x', 'member'],
  ]),
  // Shares 1 of 4 with the cycle: below half of the smaller ring, a miss.
  found('cycle', [
    ['e', 'member'],
    ['y', 'member'],
    ['z', 'member'],
    ['w', 'member'],
  ]),
  // Hits fan_in 2 (2 of 2 is at least half of the smaller), but the wrong leader on top.
  found('community', [
    ['j', 'ringleader', 0.8],
    ['i', 'ringleader', 0.4],
  ]),
];

describe('ring matching', () => {
  it('matches each detected ring to the true ring it shares most with, a hit at half the smaller', () => {
    expect(matchRings(truth, detected)).toEqual([
      { truth: 0, shared: 3, hit: true },
      { truth: 1, shared: 1, hit: false },
      { truth: 2, shared: 2, hit: true },
    ]);
    expect(matchRings(truth, [found('x', [['q', 'member']])])).toEqual([
      { truth: -1, shared: 0, hit: false },
    ]);
  });

  it('gives precision per detected typology and recall per true typology', () => {
    const scores = ringScores(truth, detected);
    expect(scores.precision).toEqual({ count: 2, of: 3, value: 2 / 3 });
    expect(scores.recall).toEqual({ count: 2, of: 3, value: 2 / 3 });
    expect(
      Object.fromEntries([...scores.precisionByTypology].map(([k, s]) => [k, s.value])),
    ).toEqual({ community: 1, cycle: 0, fan_in: 1 });
    expect(Object.fromEntries([...scores.recallByTypology].map(([k, s]) => [k, s.value]))).toEqual({
      cycle: 0,
      fan_in: 1,
    });
    expect(worst(scores.recallByTypology)?.key).toBe('cycle');
    expect(ringScores(truth, []).precision.value).toBeNaN();
  });

  it('counts leader@1 over hit rings that have a leader, by the top-scoring ringleader', () => {
    expect(topRingleader(detected[2]!)).toBe(acct('j'));
    expect(topRingleader(detected[1]!)).toBeUndefined();
    expect(leaderAt1(truth, detected)).toEqual({ count: 1, of: 2, value: 0.5 });
    expect(leaderAt1(truth, [detected[1]!]).value).toBeNaN();
  });
});

describe('adjusted Rand index of rings', () => {
  it('is 1 when the detected rings are the true rings', () => {
    const same = truth.map((t) => ({
      typology: t.typology,
      members: t.entities.map((key) => ({ key, role: 'member', score: 1 })),
    }));
    expect(ringAri(truth, same)).toBeCloseTo(1, 12);
  });

  it('matches a hand-computed value, with unlabelled entities as singletons', () => {
    // Entities a, b (true ring 0), c (true ring 0); detected: {a, b}, {c, x}. Labels over
    // a, b, c, x: truth [0, 0, 0, s], detected [0, 0, 1, 1]. Pairs: n = 4, 6 pairs; together in
    // both: {a,b} = 1; truth pairs 3, detected pairs 2; expected 3*2/6 = 1; max 2.5.
    const t = [ring('fan_in', ['a', 'b', 'c'])];
    const d = [
      found('fan_in', [
        ['a', 'member'],
        ['b', 'member'],
      ]),
      found('fan_in', [
        ['c', 'member'],
        ['x', 'member'],
      ]),
    ];
    expect(ringAri(t, d)).toBeCloseTo((1 - 1) / (2.5 - 1), 12);
  });

  it('drops members of types the truth does not name', () => {
    const rings: FoundRing[] = [
      {
        typology: 'calling_ring',
        members: [
          { key: 'PhoneNumber:+861', role: 'caller', score: 1 },
          { key: 'SIM:1', role: 'caller', score: 1 },
        ],
      },
    ];
    expect(keepTypes(rings, new Set(['PhoneNumber']))[0]!.members.map((m) => m.key)).toEqual([
      'PhoneNumber:+861',
    ]);
  });
});

describe('role scores', () => {
  it('scores each class on its types, an entity taking the role of the first ring listing it', () => {
    const [mules] = roleScores(
      [
        {
          name: 'mules',
          entities: [acct('a'), acct('b'), acct('c')],
          roles: ['mule'],
          types: ['BankAccount'],
        },
      ],
      [
        {
          typology: 'mule_chain',
          members: [
            { key: acct('a'), role: 'mule', score: 1 },
            { key: acct('x'), role: 'mule', score: 1 },
            { key: 'Person:1', role: 'mule', score: 1 },
          ],
        },
        { typology: 'mule_chain', members: [{ key: acct('a'), role: 'cash_out', score: 1 }] },
      ],
    );
    expect(mules).toMatchObject({ precision: 0.5, recall: 1 / 3, truth: 3, flagged: 2 });
    expect(mules!.f1).toBeCloseTo(0.4, 12);
  });
});

describe('ranking figures', () => {
  it('gives AUC and precision at the top', () => {
    const scores = [0.9, 0.8, 0.7, 0.1];
    const labels = [true, false, true, false];
    expect(rankingFigures(scores, labels, 2)).toEqual({ auc: 0.75, precisionAtK: 0.5 });
    expect(precisionAtK(scores, labels, 10)).toBe(0.5);
    expect(precisionAtK([], [], 10)).toBeNaN();
  });

  it('counts ties at the cut as a random order would on average', () => {
    // One sure positive above, then 4 tied of which 1 positive, for 2 places left.
    const scores = [5, 1, 1, 1, 1];
    const labels = [true, true, false, false, false];
    expect(precisionAtK(scores, labels, 3)).toBeCloseTo((1 + 2 * (1 / 4)) / 3, 12);
  });
});

describe('reports and the judged pool', () => {
  it('reports a seeded fifth of the positives, the same for the same seed', () => {
    const positives = Array.from({ length: 10 }, (_, i) => i * 3);
    const first = pickReported(positives, 0.2, 1);
    expect(first).toHaveLength(2);
    expect(first.every((v) => positives.includes(v))).toBe(true);
    expect(pickReported(positives, 0.2, 1)).toEqual(first);
    expect(pickReported([7], 0.2, 1)).toEqual([7]);
  });

  it("judges every other node of the positives' types, without the reported or Case nodes", () => {
    // Types: 0 account, 1 phone, 7 case.
    const types = [0, 0, 0, 1, 7, 0];
    expect(riskPool(types, [0, 1, 4], [0], [7])).toEqual({
      nodes: [1, 2, 5],
      labels: [true, false, false],
    });
  });

  it('measures flagged entities against the true ones', () => {
    expect(setPrecisionRecall(['a', 'b', 'b', 'c'], new Set(['a', 'd']))).toEqual({
      precision: 1 / 3,
      recall: 0.5,
      flagged: 3,
      actual: 2,
    });
  });

  it('leaves out truth entities the graph does not hold, and rings left empty', () => {
    const { truth: kept, missing } = restrictToGraph(
      {
        rings: [ring('fan_in', ['a', 'b'], ['a']), ring('cycle', ['z'])],
        roleClasses: [],
        positives: [acct('a'), acct('b'), acct('z')],
      },
      (key) => key !== acct('a') && key !== acct('z'),
    );
    expect(missing).toBe(2);
    expect(kept.rings).toEqual([ring('fan_in', ['b'])]);
    expect(kept.positives).toEqual([acct('b')]);
  });
});
