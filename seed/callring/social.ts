/**
 * Ordinary calls: a social graph with Pareto contact counts (popular people attract more
 * contacts), calls mostly to a person's closest contacts and so mostly reciprocated, durations
 * log-normal around two and a half minutes, daily rhythms and quieter weekends for business
 * lines. Also the legitimately busy numbers: call-centre agents and couriers who call many
 * strangers briefly and are seldom called back.
 */
import { WeightedTable, type Rng } from '../../server/lib/random';
import { isWeekend } from '../time';
import type { CallLog } from './calls';
import type { Subscribers } from './world';

/** Kinds that have a private social life. */
const SOCIAL = new Set(['person', 'coordinator', 'courier']);

/** Contacts of every social number (symmetric), closest first. */
export function buildContacts(rng: Rng, subscribers: Subscribers): number[][] {
  const social: number[] = [];
  for (let i = 0; i < subscribers.count; i += 1) {
    if (SOCIAL.has(subscribers.kind[i] as string)) social.push(i);
  }
  const table = new WeightedTable(social.map((i) => subscribers.activity[i] ?? 0));
  const lists = Array.from({ length: subscribers.count }, () => [] as number[]);
  const sets = Array.from({ length: subscribers.count }, () => new Set<number>());
  for (const i of social) {
    const wanted = Math.min(150, Math.floor(rng.pareto(2, 1.4)));
    for (let attempt = 0; (sets[i]?.size ?? 0) < wanted && attempt < wanted * 3; attempt += 1) {
      const other = social[table.pick(rng)] as number;
      if (other === i || sets[i]?.has(other)) continue;
      sets[i]?.add(other);
      sets[other]?.add(i);
      lists[i]?.push(other);
      lists[other]?.push(i);
    }
  }
  return lists;
}

/** Social calls of every number that has contacts, day by day. */
export function socialCalls(
  rng: Rng,
  subscribers: Subscribers,
  contacts: readonly number[][],
  log: CallLog,
): void {
  const tables = new Map<number, WeightedTable>();
  const closeness = (length: number) => {
    let table = tables.get(length);
    if (!table) {
      table = new WeightedTable(Array.from({ length }, (_, rank) => 1 / (rank + 1)));
      tables.set(length, table);
    }
    return table;
  };
  for (let i = 0; i < subscribers.count; i += 1) {
    const own = contacts[i] ?? [];
    if (own.length === 0) continue;
    const rate = subscribers.activity[i] ?? 0;
    for (let day = 0; day < log.period.days; day += 1) {
      const calls = rng.poisson(rate);
      for (let c = 0; c < calls; c += 1) {
        const to = rng.chance(0.03)
          ? rng.int(0, subscribers.count - 1)
          : (own[closeness(own.length).pick(rng)] as number);
        const answered = rng.chance(0.85);
        const start = log.timeOn(rng, day, 'social');
        log.add(i, to, start, answered ? socialDuration(rng) : 0, awayCell(rng, subscribers, i));
        // A missed call is often returned within hours; an answered one now and then days later.
        if (rng.chance(answered ? 0.2 : 0.55)) {
          const later = answered ? rng.int(3600, 3 * 86_400) : rng.int(120, 3 * 3600);
          log.add(to, i, start + later, socialDuration(rng), awayCell(rng, subscribers, to));
        }
      }
    }
  }
}

/** Log-normal around two and a half minutes. */
function socialDuration(rng: Rng): number {
  return Math.min(7200, Math.max(3, rng.logNormal(150, 0.9)));
}

/** Mostly the home cell; now and then somewhere else in town. */
function awayCell(rng: Rng, subscribers: Subscribers, i: number): string {
  return rng.chance(0.8)
    ? (subscribers.homeCell[i] as string)
    : (subscribers.homeCell[rng.int(0, subscribers.count - 1)] as string);
}

interface BusyProfile {
  /** Median calls on a working day. */
  perDay: number;
  answered: number;
  medianDuration: number;
  /** Chance that a callee who answered calls back within a few days. */
  callBack: number;
  weekend: number;
}

const BUSY: Record<'call_centre' | 'courier', BusyProfile> = {
  call_centre: { perDay: 45, answered: 0.5, medianDuration: 75, callBack: 0.04, weekend: 0.3 },
  courier: { perDay: 20, answered: 0.85, medianDuration: 25, callBack: 0.12, weekend: 0.8 },
};

/** Calls of call-centre agents and couriers: many strangers, briefly, few calls back. */
export function busyCalls(
  rng: Rng,
  subscribers: Subscribers,
  busy: readonly number[],
  log: CallLog,
): void {
  const people: number[] = [];
  for (let i = 0; i < subscribers.count; i += 1) {
    if (subscribers.kind[i] === 'person') people.push(i);
  }
  for (const line of busy) {
    const kind = subscribers.kind[line] === 'courier' ? 'courier' : 'call_centre';
    const profile = BUSY[kind];
    const perDay = rng.logNormal(profile.perDay, 0.6);
    const recent: number[] = [];
    for (let day = 0; day < log.period.days; day += 1) {
      const factor = isWeekend(log.period, day) ? profile.weekend : 1;
      const calls = rng.poisson(perDay * factor);
      for (let c = 0; c < calls; c += 1) {
        const followUp = recent.length > 0 && rng.chance(0.1);
        const to = followUp ? rng.pick(recent) : rng.pick(people);
        if (!followUp) recent.push(to);
        const start = log.timeOn(rng, day, 'business');
        const answered = rng.chance(profile.answered);
        const duration = answered ? Math.max(3, rng.logNormal(profile.medianDuration, 0.6)) : 0;
        log.add(line, to, start, duration);
        if (rng.chance(answered ? profile.callBack : profile.callBack / 3)) {
          const back = start + rng.int(600, kind === 'courier' ? 6 * 3600 : 3 * 86_400);
          log.add(to, line, back, Math.max(5, rng.logNormal(profile.medianDuration, 0.6)));
        }
      }
    }
  }
}
