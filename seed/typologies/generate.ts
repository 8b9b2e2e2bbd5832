/**
 * The whole laundering world in memory, pure and seeded: the population, the planted patterns,
 * the background payments, the laundering payments, and every account's row of nodes.csv.
 */
import { Rng } from '../../server/lib/random';
import { backgroundPayments } from './background';
import { Ledger, type Transfer } from './ledger';
import { launder, planPatterns, type PlantedPattern } from './laundering';
import { resolveTypologyOptions, type TypologyOptions } from './options';
import { buildPopulation } from './population';

export interface AccountRow {
  id: number;
  isFraud: boolean;
  /** Opening balance in cents. */
  initBalanceCents: number;
  /** First step of the account's pattern for about half the laundering accounts, else -1. */
  fraudStep: number;
}

export interface TypologyWorld {
  options: TypologyOptions;
  accounts: AccountRow[];
  /** Sorted by time; `Math.floor(time)` is the step written. */
  transfers: Transfer[];
  patterns: PlantedPattern[];
}

/** Generates the world of `options` (over `DEFAULTS`); the same options give the same world. */
export function generateTypologies(options: Partial<TypologyOptions> = {}): TypologyWorld {
  const resolved = resolveTypologyOptions(options);
  const { seed } = resolved;
  const population = buildPopulation(Rng.derive(seed, 'typologies/population'), resolved.accounts);
  const planned = planPatterns(Rng.derive(seed, 'typologies/patterns'), population, resolved);
  const ledger = new Ledger(resolved.steps);
  backgroundPayments(Rng.derive(seed, 'typologies/background'), population, ledger);
  const patterns = launder(
    Rng.derive(seed, 'typologies/laundering'),
    planned,
    ledger,
    resolved.schedule,
    resolved.wholePayments,
  );
  const transfers = ledger.transfers.sort((a, b) => a.time - b.time);

  const rng = Rng.derive(seed, 'typologies/accounts');
  const accounts: AccountRow[] = Array.from({ length: resolved.accounts }, (_, id) => {
    const business = population.kind[id] !== 'person';
    const balance = Math.min(2_000_000, rng.logNormal(1500, 1.0) * (business ? 8 : 1));
    return { id, isFraud: false, initBalanceCents: Math.round(balance * 100), fraudStep: -1 };
  });
  for (const pattern of patterns) {
    for (const id of pattern.accounts) {
      const account = accounts[id] as AccountRow;
      account.isFraud = true;
      account.fraudStep = rng.chance(0.5) ? pattern.firstStep : -1;
    }
  }
  return { options: resolved, accounts, transfers, patterns };
}
