/**
 * The background population of the laundering world: people, merchants and employers with
 * heavy-tailed activity, a friendship graph with Pareto degrees (popular people attract more
 * friends), and the standing relations that make ordinary hubs: employees of an employer,
 * a person's favourite merchants, a merchant's suppliers.
 */
import { WeightedTable, zipfWeights, type Rng } from '../../server/lib/random';

export type AccountKind = 'person' | 'merchant' | 'employer';

export interface Population {
  count: number;
  kind: AccountKind[];
  /** Relative activity of each account (log-normal for people, Zipf popularity for merchants). */
  activity: Float64Array;
  persons: number[];
  merchants: number[];
  employers: number[];
  /** Friends of each person (symmetric); empty for businesses. */
  friends: number[][];
  /** The employer of each person, or -1. */
  employerOf: Int32Array;
  /** Merchants by popularity (picks a merchant index into `merchants`). */
  merchantTable: WeightedTable;
  /** People by activity (picks an index into `persons`). */
  personTable: WeightedTable;
}

/** Share of accounts that are merchants and employers. */
const MERCHANT_SHARE = 0.015;
const EMPLOYER_SHARE = 0.006;
/** Share of people employed by an employer that banks here. */
const EMPLOYED_SHARE = 0.35;

/** Builds the population of `count` accounts; account ids are shuffled over the kinds. */
export function buildPopulation(rng: Rng, count: number): Population {
  const merchantCount = Math.max(3, Math.round(count * MERCHANT_SHARE));
  const employerCount = Math.max(2, Math.round(count * EMPLOYER_SHARE));
  const ids = rng.shuffle(Array.from({ length: count }, (_, i) => i));
  const merchants = ids.slice(0, merchantCount).sort((a, b) => a - b);
  const employers = ids.slice(merchantCount, merchantCount + employerCount).sort((a, b) => a - b);
  const persons = ids.slice(merchantCount + employerCount).sort((a, b) => a - b);
  const kind = new Array<AccountKind>(count).fill('person');
  for (const id of merchants) kind[id] = 'merchant';
  for (const id of employers) kind[id] = 'employer';

  const activity = new Float64Array(count);
  for (const id of persons) activity[id] = Math.min(40, rng.logNormal(1, 0.9));
  const popularity = zipfWeights(merchants.length, 1.1);
  rng.shuffle(merchants).forEach((id, rank) => (activity[id] = popularity[rank] ?? 0));
  merchants.sort((a, b) => a - b);
  for (const id of employers) activity[id] = 1;

  const personTable = new WeightedTable(persons.map((id) => activity[id] ?? 0));
  const merchantTable = new WeightedTable(merchants.map((id) => activity[id] ?? 0));
  const friends = buildFriends(rng, count, persons, personTable);
  const employerOf = assignEmployers(rng, count, persons, employers);
  return {
    count,
    kind,
    activity,
    persons,
    merchants,
    employers,
    friends,
    employerOf,
    merchantTable,
    personTable,
  };
}

/** Pareto friend counts; each new friend drawn in proportion to activity (heavy-tailed degrees). */
function buildFriends(
  rng: Rng,
  count: number,
  persons: readonly number[],
  table: WeightedTable,
): number[][] {
  const sets = Array.from({ length: count }, () => new Set<number>());
  for (const id of persons) {
    const wanted = Math.min(80, Math.floor(rng.pareto(1, 1.7)));
    const own = sets[id] as Set<number>;
    for (let attempt = 0; own.size < wanted && attempt < wanted * 3; attempt += 1) {
      const other = persons[table.pick(rng)] as number;
      if (other === id || own.has(other)) continue;
      own.add(other);
      sets[other]?.add(id);
    }
  }
  return sets.map((set) => [...set].sort((a, b) => a - b));
}

/** Employer sizes follow Zipf: a few large employers, many small ones. */
function assignEmployers(
  rng: Rng,
  count: number,
  persons: readonly number[],
  employers: readonly number[],
): Int32Array {
  const employerOf = new Int32Array(count).fill(-1);
  const table = new WeightedTable(zipfWeights(employers.length, 1.0));
  for (const id of persons) {
    if (rng.chance(EMPLOYED_SHARE)) employerOf[id] = employers[table.pick(rng)] ?? -1;
  }
  return employerOf;
}
