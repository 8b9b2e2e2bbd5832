/**
 * Organised calling rings: 4-15 caller numbers that cold-call an overlapping pool of strangers in
 * bursts from one call room, with their SIMs moved between a few shared handsets (burner phones
 * or a SIM box) from day to day; and one or two coordinators, ordinary-looking people who call
 * each caller regularly and at length and never call a victim.
 */
import type { Rng } from '../../server/lib/random';
import type { CallLog } from './calls';
import { coldCallBurst, SCAM_TYPES, type CallerStyle, type VictimBook } from './fraud';
import { issueHandsets, type RoleDealer, type Subscribers } from './world';

export interface Ring {
  id: string;
  callers: number[];
  coordinators: number[];
}

/** Deals the numbers of `count` rings with callers in `callers` and 1-2 coordinators. */
export function dealRings(
  rng: Rng,
  dealer: RoleDealer,
  count: number,
  callers: readonly [number, number],
  prefix = 'R',
): Ring[] {
  return Array.from({ length: count }, (_, r) => ({
    id: `${prefix}${r + 1}`,
    callers: dealer.deal(rng.int(callers[0], callers[1]), 'ring_caller'),
    coordinators: dealer.deal(rng.int(1, 2), 'coordinator'),
  }));
}

/**
 * Calls of every ring: bursts to the ring's victim pool (a tenth of it shared with the ring
 * before), working calls to hooked victims, and the coordinators' calls with the callers.
 */
export function ringCalls(
  rng: Rng,
  subscribers: Subscribers,
  rings: readonly Ring[],
  people: readonly number[],
  log: CallLog,
  book: VictimBook,
): void {
  const { days } = log.period;
  let previousPool: number[] = [];
  for (const ring of rings) {
    const poolSize = Math.round(ring.callers.length * rng.uniform(10, 25));
    const pool = rng.sample(people, poolSize);
    for (const shared of rng.sample(previousPool, Math.round(poolSize / 10))) pool.push(shared);
    previousPool = pool;
    scheduleHandsets(rng, subscribers, ring, days);
    const cell = subscribers.homeCell[rng.pick(people)] as string;
    const crew = { callers: ring.callers, cell };
    const style: CallerStyle = {
      victimsPerBurst: [3, 10],
      answered: rng.uniform(0.3, 0.5),
      hook: rng.uniform(0.08, 0.2),
      callBack: 0.02,
      profile: 'scamShift',
      scam: rng.pick(SCAM_TYPES),
    };
    for (const caller of ring.callers) {
      const first = rng.int(0, Math.floor(days / 3));
      const last = rng.int(Math.min(days - 1, first + Math.floor(days / 2)), days - 1);
      for (let day = first; day <= last; day += 1) {
        if (!rng.chance(0.85)) continue;
        const bursts = rng.int(1, 4);
        for (let b = 0; b < bursts; b += 1) {
          const start = log.timeOn(rng, day, 'scamShift');
          coldCallBurst(rng, log, book, caller, crew, start, style, () => rng.pick(pool));
        }
      }
    }
    coordinatorCalls(rng, ring, log, cell);
  }
}

/** The ring's SIMs move between a few shared handsets: mostly their own, some days another. */
function scheduleHandsets(rng: Rng, subscribers: Subscribers, ring: Ring, days: number): void {
  const count = Math.max(1, Math.ceil(ring.callers.length / rng.int(2, 4)));
  const handsets = issueHandsets(rng, subscribers, count, rng.chance(0.5) ? 'gateway' : 'burner');
  ring.callers.forEach((caller, i) => {
    const own = handsets[i % handsets.length] as string;
    const perDay = Array.from({ length: days }, () => (rng.chance(0.7) ? own : rng.pick(handsets)));
    subscribers.devices.schedule(caller, perDay);
  });
}

/** Coordinators call each caller most days, at length; callers report back now and then. */
function coordinatorCalls(rng: Rng, ring: Ring, log: CallLog, cell: string): void {
  for (let day = 0; day < log.period.days; day += 1) {
    for (const caller of ring.callers) {
      if (rng.chance(0.6)) {
        const coordinator = rng.pick(ring.coordinators);
        const duration = Math.max(60, rng.logNormal(400, 0.6));
        log.add(coordinator, caller, log.timeOn(rng, day, 'business'), duration);
      }
      if (rng.chance(0.25)) {
        const coordinator = rng.pick(ring.coordinators);
        const duration = Math.max(20, rng.logNormal(200, 0.6));
        log.add(caller, coordinator, log.timeOn(rng, day, 'scamShift'), duration, cell);
      }
    }
  }
}
