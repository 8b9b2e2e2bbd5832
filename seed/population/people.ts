/**
 * Background people: households of one to six living together (one broadband line, one area),
 * grouped into neighbourhoods; each person with an age, a phone (some dual-SIM, a few changing
 * handsets during the period), one or two bank accounts and the platform accounts people of that
 * age tend to have.
 */
import { pickBank } from '../ids/banks';
import type { Issuers } from '../ids/issuers';
import { randomName } from '../ids/people';
import { cellId } from '../ids/places';
import type { Platform } from '../ids/platforms';
import type { Rng } from '../../server/lib/random';
import { DAY, type Period } from '../time';
import { lineInHandset, newLine, newPersonalAccount, newPlatformAccount } from './make';
import type { Person, PlatformAccount } from './model';

/** Household sizes and their shares. */
const HOUSEHOLD_SIZES: readonly (readonly [number, number])[] = [
  [1, 25],
  [2, 30],
  [3, 24],
  [4, 13],
  [5, 6],
  [6, 2],
];

/** Age bands [from, to] and their shares of the population. */
const AGE_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[16, 19], 5],
  [[20, 29], 16],
  [[30, 39], 18],
  [[40, 49], 17],
  [[50, 59], 17],
  [[60, 69], 15],
  [[70, 85], 12],
];

const HOUSEHOLDS_PER_NEIGHBOURHOOD = 80;

const NICKNAMES = ['快乐每一天', '阳光', '平安是福', '岁月静好', '追梦人', '简单', '小太阳', '风'];

/** Chance of having an account on each platform, for people under 30, 30-59, and 60+. */
const PLATFORM_USE: Record<Platform, readonly [number, number, number]> = {
  wechat: [0.98, 0.95, 0.8],
  alipay: [0.9, 0.85, 0.55],
  taobao: [0.7, 0.6, 0.3],
  douyin: [0.8, 0.55, 0.35],
  qq: [0.75, 0.4, 0.1],
};

export interface PeopleBuild {
  people: Person[];
  householdStart: Int32Array;
  neighbourhoodStart: Int32Array;
  cellCount: number;
}

/** Before the period: `minDays` to `maxDays` days earlier, at a random second of that day. */
export function daysBefore(rng: Rng, period: Period, minDays: number, maxDays: number): number {
  return period.start - rng.int(minDays, maxDays) * DAY + rng.int(0, DAY - 1);
}

function birthDate(rng: Rng, year: number): string {
  const month = rng.int(1, 12);
  const day = rng.int(1, month === 2 ? 28 : 30);
  return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

function platformAccounts(
  rng: Rng,
  issuers: Issuers,
  period: Period,
  person: Person,
  age: number,
): Person['handles'] {
  const band = age < 30 ? 0 : age < 60 ? 1 : 2;
  const handles: Person['handles'] = {};
  for (const platform of Object.keys(PLATFORM_USE) as Platform[]) {
    if (!rng.chance(PLATFORM_USE[platform][band])) continue;
    const account: PlatformAccount = newPlatformAccount(rng, issuers, platform, person.pinyin, {
      displayName: rng.chance(0.5) ? person.name : rng.pick(NICKNAMES),
      phone: rng.chance(0.95) ? person.line.sim.msisdn : '',
      at: daysBefore(rng, period, 20, 4000),
      ip: rng.chance(0.6) ? person.homeIp : issuers.addresses.mobile(rng),
      imei: rng.chance(0.6) ? person.line.imei : issuers.imeis.issue(rng, 'smartphone'),
    });
    handles[platform] = account;
  }
  return handles;
}

/** `count` people in households and neighbourhoods, with their identifiers. */
export function buildPeople(
  count: number,
  rng: Rng,
  issuers: Issuers,
  period: Period,
): PeopleBuild {
  const cellCount = Math.max(20, Math.ceil(count / 80));
  const people: Person[] = [];
  const householdStarts: number[] = [];
  const neighbourhoodStarts: number[] = [];
  const referenceYear = new Date(period.start * 1000).getUTCFullYear();
  while (people.length < count) {
    const household = householdStarts.length;
    const neighbourhood = Math.floor(household / HOUSEHOLDS_PER_NEIGHBOURHOOD);
    if (household % HOUSEHOLDS_PER_NEIGHBOURHOOD === 0) neighbourhoodStarts.push(people.length);
    householdStarts.push(people.length);
    const size = Math.min(rng.weighted(HOUSEHOLD_SIZES), count - people.length);
    const homeIp = issuers.addresses.broadband();
    const cell = cellId((neighbourhood * 3 + rng.int(0, 2)) % cellCount);
    for (let member = 0; member < size; member += 1) {
      const [minAge, maxAge] = rng.weighted(AGE_BANDS);
      const age = rng.int(minAge, maxAge);
      const female = rng.chance(0.5);
      const { name, pinyin } = randomName(rng);
      const birthYear = referenceYear - age;
      const id = issuers.residentIds.issue(rng, birthDate(rng, birthYear), female);
      const line = newLine(
        rng,
        issuers,
        age >= 70 && rng.chance(0.3) ? 'burner' : 'smartphone',
        cell,
      );
      if (rng.chance(0.02)) {
        line.newHandset = {
          day: rng.int(1, period.days - 1),
          imei: issuers.imeis.issue(rng, 'smartphone'),
        };
      }
      const secondLine = rng.chance(0.04) ? lineInHandset(rng, issuers, line.imei, cell) : null;
      const firstBank = pickBank(rng);
      const holder = { id, name, line };
      const accounts = [
        newPersonalAccount(rng, issuers, firstBank, holder, daysBefore(rng, period, 60, 6000)),
      ];
      if (rng.chance(0.3)) {
        const secondBank = pickBank(rng, firstBank);
        accounts.push(
          newPersonalAccount(rng, issuers, secondBank, holder, daysBefore(rng, period, 30, 4000)),
        );
      }
      const person: Person = {
        index: people.length,
        id,
        name,
        pinyin,
        birthYear,
        line,
        secondLine,
        accounts,
        household,
        neighbourhood,
        workplace: -1,
        activity: rng.logNormal(1, 0.75),
        income: Math.round(rng.logNormal(age >= 60 ? 4_500 : 8_000, 0.45)) * 100,
        homeIp,
        handles: {},
      };
      person.handles = platformAccounts(rng, issuers, period, person, age);
      people.push(person);
    }
  }
  householdStarts.push(people.length);
  neighbourhoodStarts.push(people.length);
  return {
    people,
    householdStart: Int32Array.from(householdStarts),
    neighbourhoodStart: Int32Array.from(neighbourhoodStarts),
    cellCount,
  };
}

/** Age of a person in the period's year. */
export function ageOf(person: Person, period: Period): number {
  return new Date(period.start * 1000).getUTCFullYear() - person.birthYear;
}
