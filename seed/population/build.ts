/**
 * The background population of a scenario: people, their friendships and the organisations they
 * deal with. Everything here exists before the period starts; events come later, day by day.
 */
import type { Issuers } from '../ids/issuers';
import type { ScenarioOptions } from '../options';
import type { Rng } from '../random';
import type { Period } from '../time';
import type { Population } from './model';
import {
  buildCallCentres,
  buildCourierCompanies,
  buildEmployers,
  buildMerchants,
  buildPensionFund,
  buildProcessors,
} from './organisations';
import { buildPeople } from './people';
import { buildFriendships } from './social';

/** Builds the population for `options.people` people. */
export function buildPopulation(
  options: ScenarioOptions,
  rng: Rng,
  issuers: Issuers,
  period: Period,
): Population {
  const { people, householdStart, neighbourhoodStart, cellCount } = buildPeople(
    options.people,
    rng,
    issuers,
    period,
  );
  const friends = buildFriendships(people, neighbourhoodStart, rng);
  const employers = buildEmployers(people, rng, issuers, period, cellCount);
  const processors = buildProcessors(rng, issuers, period);
  const { merchants, popularity } = buildMerchants(
    options,
    rng,
    issuers,
    period,
    cellCount,
    processors.length,
  );
  return {
    people,
    householdStart,
    neighbourhoodStart,
    friends,
    employers,
    merchants,
    merchantPopularity: popularity,
    processors,
    callCentres: buildCallCentres(options, rng, issuers, period, cellCount),
    courierCompanies: buildCourierCompanies(options, rng, issuers, period, cellCount),
    pensionFund: buildPensionFund(rng, issuers, period),
    cellCount,
  };
}
