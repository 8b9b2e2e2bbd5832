/**
 * One day of the background's calls: people call their household, colleagues, friends and the
 * shops and services they use (heavy-tailed: a few people call a lot); call-centre agents and
 * couriers call many strangers briefly (legitimately busy numbers a naive rule would flag); and
 * SIMs are seen again in their handsets now and then.
 */
import type { ScenarioContext } from '../context';
import { imeiOn, type Line, type Person, type Population } from '../population/model';
import { friendCount, randomFriend } from '../population/social';
import type { Rng } from '../../server/lib/random';
import { dayStart, isWeekend, timeOfDay, type HourProfile } from '../time';

/** Share of a person's calls to household, colleagues, friends and shops/services (the rest). */
const HOUSEHOLD = 0.3;
const COLLEAGUES = 0.22;
const FRIENDS = 0.4;

/** Calls per agent line per working day, and per courier phone per day. */
const AGENT_CALLS = 60;
const COURIER_CALLS = 25;

/** Chance a line is seen again in its handset on a given day. */
const RESIGHTING = 0.015;

function randomIn(start: number, end: number, rng: Rng): number {
  return rng.int(start, end - 1);
}

function serviceLine(population: Population, rng: Rng): Line | undefined {
  const roll = rng.next();
  if (roll < 0.7) {
    const merchant = population.merchants[population.merchantPopularity.pick(rng)];
    return merchant?.lines[0];
  }
  const companies = roll < 0.9 ? population.courierCompanies : population.callCentres;
  const company = rng.pick(companies);
  return company.lines.length > 0 ? rng.pick(company.lines) : undefined;
}

/** The number person `caller` calls next. */
function calleeOf(population: Population, caller: Person, rng: Rng): string {
  const { people, householdStart, friends, employers } = population;
  const roll = rng.next();
  const homeStart = householdStart[caller.household] ?? 0;
  const homeEnd = householdStart[caller.household + 1] ?? homeStart;
  if (roll < HOUSEHOLD && homeEnd - homeStart > 1) {
    const other = randomIn(homeStart, homeEnd, rng);
    if (other !== caller.index) return people[other]?.line.sim.msisdn ?? '';
  }
  const employer = employers[caller.workplace];
  if (roll < HOUSEHOLD + COLLEAGUES && employer && employer.employees.length > 1) {
    const other = employer.employees[rng.int(0, employer.employees.length - 1)] ?? caller.index;
    if (other !== caller.index) return people[other]?.line.sim.msisdn ?? '';
  }
  if (roll < HOUSEHOLD + COLLEAGUES + FRIENDS && friendCount(friends, caller.index) > 0) {
    return people[randomFriend(friends, caller.index, rng)]?.line.sim.msisdn ?? '';
  }
  const service = serviceLine(population, rng);
  if (service) return service.sim.msisdn;
  const start = population.neighbourhoodStart[caller.neighbourhood] ?? 0;
  const end = population.neighbourhoodStart[caller.neighbourhood + 1] ?? people.length;
  return people[randomIn(start, end, rng)]?.line.sim.msisdn ?? '';
}

/** Seconds of a call between acquaintances: 0 when unanswered. */
function privateCallSeconds(rng: Rng): number {
  if (rng.chance(0.12)) return 0;
  return Math.min(5_400, Math.max(3, Math.round(rng.logNormal(75, 0.9))));
}

/** Calls made by busy lines (agents, couriers) to strangers. */
function busyLineCalls(
  context: ScenarioContext,
  lines: readonly Line[],
  perDay: number,
  profile: HourProfile,
  answerRate: number,
  medianSeconds: number,
  day: number,
  rng: Rng,
): void {
  const { population, writer, period } = context;
  const start = dayStart(period, day);
  for (const line of lines) {
    const calls = rng.poisson(perDay);
    for (let i = 0; i < calls; i += 1) {
      const callee = population.people[rng.int(0, population.people.length - 1)];
      if (!callee) continue;
      const seconds = rng.chance(answerRate)
        ? Math.max(5, Math.round(rng.logNormal(medianSeconds, 0.6)))
        : 0;
      const at = start + timeOfDay(rng, profile);
      writer.call(line, callee.line.sim.msisdn, at, seconds, imeiOn(line, day), line.cell);
    }
  }
}

/** SIMs seen in a new handset on the day it changes, and some seen again in their usual one. */
function writeSightings(context: ScenarioContext, day: number, rng: Rng): void {
  const { population, writer, period } = context;
  const start = dayStart(period, day);
  for (const { line } of population.handsetChangers) {
    if (line.newHandset?.day !== day) continue;
    writer.sighting(line.sim, line.newHandset.imei, start + timeOfDay(rng, 'social'), line.cell);
  }
  const sightings = rng.poisson(RESIGHTING * population.people.length);
  for (let i = 0; i < sightings; i += 1) {
    const { line } = population.people[rng.int(0, population.people.length - 1)] as Person;
    writer.sighting(line.sim, imeiOn(line, day), start + timeOfDay(rng, 'social'), line.cell);
  }
}

/** Writes the background's calls and re-sightings of period day `day`. */
export function writeBackgroundCalls(context: ScenarioContext, day: number, rng: Rng): void {
  const { population, writer, period, options } = context;
  const start = dayStart(period, day);
  const weekend = isWeekend(period, day);
  const rate = options.callsPerPersonDay * (weekend ? 1.15 : 1);
  const calls = rng.poisson(rate * population.totalActivity);
  for (let i = 0; i < calls; i += 1) {
    const person = population.people[population.activity.pick(rng)] as Person;
    const line = person.secondLine && rng.chance(0.25) ? person.secondLine : person.line;
    const at = start + timeOfDay(rng, 'social');
    const employer = population.employers[person.workplace];
    const cell = employer && !weekend && rng.chance(0.5) ? employer.cell : line.cell;
    const callee = calleeOf(population, person, rng);
    writer.call(line, callee, at, privateCallSeconds(rng), imeiOn(line, day), cell);
  }
  writeSightings(context, day, rng);
  if (!weekend) {
    for (const centre of population.callCentres) {
      busyLineCalls(context, centre.lines, AGENT_CALLS, 'business', 0.55, 45, day, rng);
    }
  }
  for (const company of population.courierCompanies) {
    busyLineCalls(context, company.lines, COURIER_CALLS, 'business', 0.8, 25, day, rng);
  }
}
