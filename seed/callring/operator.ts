/**
 * An operator's view of fraud: about 1 % of numbers are labelled fraud and most work alone.
 * Blasters are bought, used hard for a few days and dropped (half of them in SIM boxes that hold
 * several); steady numbers call a few dozen strangers a day for the whole period; quiet ones call
 * a few a day, talk longer and keep a small circle of contacts, so they look like anyone else.
 * Some lone numbers share a victim list with one or two others; one or two small rings remain.
 */
import type { Rng } from '../../server/lib/random';
import type { CallLog } from './calls';
import { coldCallBurst, SCAM_TYPES, type CallerStyle, type Crew, type VictimBook } from './fraud';
import { dealRings, ringCalls, type Ring } from './rings';
import { issueHandsets, type RoleDealer, type Subscribers } from './world';

/** Share of all numbers that are fraud numbers. */
const FRAUD_SHARE = 0.01;

type Behaviour = 'blaster' | 'steady' | 'quiet';

const BEHAVIOURS: readonly (readonly [Behaviour, number])[] = [
  ['blaster', 3],
  ['steady', 4.5],
  ['quiet', 2.5],
];

interface LoneNumber {
  number: number;
  behaviour: Behaviour;
  /** Victims shared with one or two other lone numbers, or empty. */
  sharedPool: number[];
}

export interface OperatorFraud {
  rings: Ring[];
  lone: LoneNumber[];
}

/** Deals the fraud numbers of the operator mode. */
export function dealOperatorFraud(rng: Rng, dealer: RoleDealer, numbers: number): OperatorFraud {
  const total = Math.max(8, Math.round(numbers * FRAUD_SHARE));
  const rings = dealRings(rng, dealer, rng.int(1, 2), [3, 5], 'OR');
  const inRings = rings.reduce(
    (sum, ring) => sum + ring.callers.length + ring.coordinators.length,
    0,
  );
  const lone = dealer
    .deal(Math.max(1, total - inRings), 'fraud')
    .map((number) => ({ number, behaviour: rng.weighted(BEHAVIOURS), sharedPool: [] as number[] }));
  return { rings, lone };
}

/** Calls of every operator-mode fraud number and ring. */
export function operatorCalls(
  rng: Rng,
  subscribers: Subscribers,
  fraud: OperatorFraud,
  people: readonly number[],
  log: CallLog,
  book: VictimBook,
): void {
  ringCalls(rng, subscribers, fraud.rings, people, log, book);
  shareVictims(rng, fraud.lone, people);
  simBoxes(rng, subscribers, fraud.lone, log.period.days);
  for (const lone of fraud.lone) loneCalls(rng, lone, people, log, book);
}

/** Two in five lone numbers share a victim list with one or two others. */
function shareVictims(rng: Rng, lone: readonly LoneNumber[], people: readonly number[]): void {
  const sharing = rng.shuffle(lone.filter(() => rng.chance(0.4)));
  let next = 0;
  while (next < sharing.length) {
    const group = sharing.slice(next, next + rng.int(2, 3));
    const pool = rng.sample(people, rng.int(30, 120));
    for (const member of group) member.sharedPool = pool;
    next += group.length;
  }
}

/** Half the blasters sit in SIM boxes of two to six SIMs (one gateway handset). */
function simBoxes(rng: Rng, subscribers: Subscribers, lone: readonly LoneNumber[], days: number) {
  const boxed = lone.filter((entry) => entry.behaviour === 'blaster' && rng.chance(0.5));
  let next = 0;
  while (next < boxed.length) {
    const group = boxed.slice(next, next + rng.int(2, 6));
    const [gateway] = issueHandsets(rng, subscribers, 1, 'gateway') as [string];
    for (const member of group) {
      subscribers.devices.schedule(member.number, new Array<string>(days).fill(gateway));
    }
    next += group.length;
  }
}

/** How each behaviour calls: its style, bursts a day, and the days it is in use. */
const PLANS: Record<
  Behaviour,
  {
    style: Omit<CallerStyle, 'scam'>;
    burstsPerDay: (rng: Rng) => number;
    /** First and last day of use. */
    active: (rng: Rng, days: number) => readonly [number, number];
  }
> = {
  blaster: {
    style: {
      victimsPerBurst: [4, 12],
      answered: 0.3,
      hook: 0.05,
      callBack: 0.01,
      profile: 'scamShift',
    },
    burstsPerDay: (rng) => rng.logNormal(6, 0.5),
    active: (rng, days) => {
      const first = rng.int(0, days - 2);
      return [first, Math.min(days - 1, first + rng.int(1, 5))];
    },
  },
  steady: {
    style: {
      victimsPerBurst: [3, 8],
      answered: 0.4,
      hook: 0.1,
      callBack: 0.02,
      profile: 'scamShift',
    },
    burstsPerDay: (rng) => rng.logNormal(2, 0.6),
    active: (_rng, days) => [0, days - 1],
  },
  quiet: {
    style: {
      victimsPerBurst: [1, 4],
      answered: 0.6,
      hook: 0.2,
      callBack: 0.04,
      profile: 'business',
    },
    burstsPerDay: (rng) => rng.uniform(0.4, 1.2),
    active: (_rng, days) => [0, days - 1],
  },
};

function loneCalls(
  rng: Rng,
  lone: LoneNumber,
  people: readonly number[],
  log: CallLog,
  book: VictimBook,
): void {
  const plan = PLANS[lone.behaviour];
  const style: CallerStyle = { ...plan.style, scam: rng.pick(SCAM_TYPES) };
  const burstsPerDay = plan.burstsPerDay(rng);
  const [first, last] = plan.active(rng, log.period.days);
  if (lone.behaviour === 'quiet') smallCircle(rng, lone.number, people, log);
  const crew: Crew = { callers: [lone.number] };
  const pickVictim = () =>
    lone.sharedPool.length > 0 && rng.chance(0.5) ? rng.pick(lone.sharedPool) : rng.pick(people);
  for (let day = first; day <= last; day += 1) {
    if (!rng.chance(0.85)) continue;
    const bursts = rng.poisson(burstsPerDay);
    for (let b = 0; b < bursts; b += 1) {
      const start = log.timeOn(rng, day, style.profile);
      coldCallBurst(rng, log, book, lone.number, crew, start, style, pickVictim);
    }
  }
}

/** A quiet fraud number's few private contacts, who call it and are called back. */
function smallCircle(rng: Rng, number: number, people: readonly number[], log: CallLog): void {
  const contacts = rng.sample(people, rng.int(2, 8));
  for (let day = 0; day < log.period.days; day += 1) {
    for (const contact of contacts) {
      if (!rng.chance(0.15)) continue;
      const [from, to] = rng.chance(0.5) ? [number, contact] : [contact, number];
      log.add(from, to, log.timeOn(rng, day, 'social'), Math.max(3, rng.logNormal(150, 0.9)));
    }
  }
}
