/**
 * The standing records of the background: every bank account with its holder, every platform
 * account as registered, and the first sighting of every SIM in its handset. Written person by
 * person before the period's events.
 */
import type { ScenarioContext } from '../context';
import type { Line, Organisation } from '../population/model';
import type { Rng } from '../../server/lib/random';
import { HOUR } from '../time';

function firstSighting(context: ScenarioContext, line: Line, rng: Rng): void {
  const seenAt = context.period.start + rng.int(0, 20 * HOUR);
  context.writer.sighting(line.sim, line.imei, seenAt, line.cell);
}

function writeOrganisation(context: ScenarioContext, organisation: Organisation, rng: Rng): void {
  context.writer.bankAccount(organisation.account);
  for (const line of organisation.lines) firstSighting(context, line, rng);
}

/** Writes accounts, platform accounts and first sightings of the whole background. */
export function writeBackgroundDirectory(context: ScenarioContext, rng: Rng): void {
  const { population, writer } = context;
  for (const person of population.people) {
    for (const account of person.accounts) writer.bankAccount(account);
    for (const account of Object.values(person.handles)) writer.platformAccount(account);
    firstSighting(context, person.line, rng);
    if (person.secondLine) firstSighting(context, person.secondLine, rng);
  }
  const organisations: Organisation[] = [
    ...population.employers,
    ...population.merchants,
    ...population.processors,
    ...population.callCentres,
    ...population.courierCompanies,
    population.pensionFund,
  ];
  for (const organisation of organisations) writeOrganisation(context, organisation, rng);
}
