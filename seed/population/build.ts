/**
 * The background population of a scenario: people, their friendships and the organisations they
 * deal with. Everything here exists before the period starts; events come later, day by day.
 */
import type { Issuers } from '../ids/issuers';
import type { ScenarioOptions } from '../options';
import { WeightedTable, type Rng } from '../../server/lib/random';
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
  const activity = new WeightedTable(people.map((person) => person.activity));
  const friends = buildFriendships(people, neighbourhoodStart, activity, rng);
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
    activity,
    totalActivity: people.reduce((sum, person) => sum + person.activity, 0),
    handsetChangers: people.filter((person) => person.line.newHandset !== null),
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
