/**
 * Paging a report-based risk ranking: best first with ties in key order, reported nodes and
 * unscored ones left out, pages that never overlap, and Case nodes ranked only when asked.
 */
import { describe, expect, it } from 'vitest';
import { ANALYSIS_NODE_TYPES } from '../../server/services/analysisGraph';
import { pageOfRanking, rankByScore, rankedTypes } from '../../server/services/analysis';

const keys = [
  'BankAccount:A',
  'BankAccount:B',
  'Case:K1',
  'PhoneNumber:+861',
  'BankAccount:C',
  'PhoneNumber:+862',
  'Device:D',
];
const types = Uint8Array.from(keys, (key) =>
  ANALYSIS_NODE_TYPES.indexOf(key.slice(0, key.indexOf(':')) as 'Case'),
);
const scores = Float64Array.from([0.9, 0.5, 0.7, 0.5, 0, 0.2, Number.NaN]);

describe('risk ranking pages', () => {
  it('ranks scored nodes best first, ties by key, without the reported ones', () => {
    const order = rankByScore(scores, keys, new Set([0]));
    expect([...order].map((node) => keys[node])).toEqual([
      'Case:K1',
      'BankAccount:B',
      'PhoneNumber:+861',
      'PhoneNumber:+862',
    ]);
  });

  it('leaves Case nodes out unless asked, and filters by type', () => {
    expect(rankedTypes(undefined, false)).not.toContain('Case');
    expect(rankedTypes(undefined, true)).toEqual([...ANALYSIS_NODE_TYPES]);
    expect(rankedTypes(['PhoneNumber'], false)).toEqual(['PhoneNumber']);
    expect(rankedTypes(['PhoneNumber'], true)).toEqual(['PhoneNumber', 'Case']);
  });

  it('answers consecutive pages that cover the ranking once, with ranks and the total', () => {
    const ranking = { scores, order: rankByScore(scores, keys, new Set([0])) };
    const graph = { keys, types };
    const wanted = rankedTypes(undefined, false);
    const first = pageOfRanking(graph, ranking, wanted, 0, 2);
    const second = pageOfRanking(graph, ranking, wanted, 2, 2);
    expect(first.total).toBe(3);
    expect(first.entries).toEqual([
      { rank: 1, type: 'BankAccount', id: 'B', score: 0.5 },
      { rank: 2, type: 'PhoneNumber', id: '+861', score: 0.5 },
    ]);
    expect(second.entries).toEqual([{ rank: 3, type: 'PhoneNumber', id: '+862', score: 0.2 }]);
    expect(pageOfRanking(graph, ranking, wanted, 3, 2).entries).toEqual([]);
    const phones = pageOfRanking(graph, ranking, ['PhoneNumber'], 0, 10);
    expect(phones.entries.map((entry) => entry.rank)).toEqual([1, 2]);
    expect(phones.total).toBe(2);
  });
});
