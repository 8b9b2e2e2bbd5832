/**
 * The slow shapes' chance bar: shapes of a kind are rings when chance gives at most
 * `maxSlowChanceShare` (10%) of as many as were found, counted over ten shuffles.
 */
import { describe, expect, it } from 'vitest';
import { slowChanceMissed } from '../../../server/analysis/rings/slowShapes';
import { TYPOLOGY_DEFAULTS } from '../../../server/analysis/rings/typologyOptions';

/** What chance gave when `found` shapes turned up over `rounds` shuffles, tallied as the finders do. */
function tallied(found: number, rounds = 10): number {
  let expected = 0;
  for (let k = 0; k < found; k += 1) expected += 1 / rounds;
  return expected;
}

describe('the slow shapes chance bar', () => {
  it('passes shapes where chance gives exactly a tenth of those found', () => {
    // 24 found by chance over 10 shuffles is 2.4 against 24 found: exactly 10%, though the tally
    // of tenths comes out a hair over 2.4.
    expect(tallied(24)).toBeGreaterThan(0.1 * 24);
    expect(slowChanceMissed(TYPOLOGY_DEFAULTS, tallied(24), 24, 'hubs', 'shuffled')).toBeNull();
  });

  it('names the bar where chance gives more than a tenth', () => {
    const missed = slowChanceMissed(
      TYPOLOGY_DEFAULTS,
      tallied(25),
      24,
      'hubs like these',
      'what they gathered shuffled',
    );
    expect(missed?.()).toBe(
      'hubs like these turn up 2.5 times in this data with what they gathered shuffled, against 24 found; a ring needs chance to give at most 10% of them (maxSlowChanceShare)',
    );
  });
});
