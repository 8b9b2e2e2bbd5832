/**
 * How a fraud number works its victims, shared by organised rings and lone fraudsters: bursts of
 * cold calls to strangers (several within an hour, mostly unanswered or cut short), long
 * "working" calls on later days to the few who were hooked, and the rare victim who calls back.
 * Every victim contact is noted in a `VictimBook`, for the truth and the police reports.
 */
import type { Rng } from '../../server/lib/random';
import { HOUR, MINUTE, type HourProfile } from '../time';
import { SCRIPTS } from '../rings/model';
import type { CallLog } from './calls';

/** The scripts of the main generator's rings; a calling ring follows one. */
export const SCAM_TYPES = SCRIPTS;
export type ScamType = (typeof SCAM_TYPES)[number];

export interface VictimRecord {
  /** Fraud numbers that called, and whether any of their calls was answered. */
  callers: Map<number, boolean>;
  lastCall: number;
  hooked: boolean;
  scam: ScamType;
}

/** Every number a fraud number called, and how. */
export class VictimBook {
  readonly victims = new Map<number, VictimRecord>();

  note(victim: number, caller: number, start: number, answered: boolean, scam: ScamType): void {
    let record = this.victims.get(victim);
    if (!record) {
      record = { callers: new Map(), lastCall: start, hooked: false, scam };
      this.victims.set(victim, record);
    }
    record.callers.set(caller, (record.callers.get(caller) ?? false) || answered);
    record.lastCall = Math.max(record.lastCall, start);
  }
}

/** How one fraud number calls. */
export interface CallerStyle {
  victimsPerBurst: readonly [number, number];
  /** Chance a cold call is answered (then it lasts 1-60 s, now and then a few minutes). */
  answered: number;
  /** Chance an answered victim is hooked and worked on later days. */
  hook: number;
  /** Chance a victim calls the number back. */
  callBack: number;
  profile: HourProfile;
  scam: ScamType;
}

/** The numbers a cold-call burst may use for follow-up calls, and the cell it calls from. */
export interface Crew {
  callers: readonly number[];
  cell?: string;
}

/**
 * One burst of cold calls by `caller` starting at `start`: victims from `pickVictim`, a few
 * minutes apart. Hooked victims get one to four working calls on later days, mostly from the
 * same number, otherwise from another number of the crew.
 */
export function coldCallBurst(
  rng: Rng,
  log: CallLog,
  book: VictimBook,
  caller: number,
  crew: Crew,
  start: number,
  style: CallerStyle,
  pickVictim: () => number,
): void {
  const count = rng.int(style.victimsPerBurst[0], style.victimsPerBurst[1]);
  let time = start;
  for (let v = 0; v < count; v += 1) {
    const victim = pickVictim();
    const answered = rng.chance(style.answered);
    const duration = !answered ? 0 : rng.chance(0.9) ? rng.int(1, 60) : rng.int(61, 240);
    if (log.add(caller, victim, time, duration, crew.cell)) {
      book.note(victim, caller, time, answered, style.scam);
    }
    if (rng.chance(style.callBack)) {
      log.add(victim, caller, time + rng.int(10 * MINUTE, 6 * HOUR), answered ? rng.int(0, 40) : 0);
    }
    if (answered && rng.chance(style.hook))
      workVictim(rng, log, book, caller, crew, victim, time, style);
    time += rng.int(1 * MINUTE, 9 * MINUTE);
  }
}

function workVictim(
  rng: Rng,
  log: CallLog,
  book: VictimBook,
  caller: number,
  crew: Crew,
  victim: number,
  after: number,
  style: CallerStyle,
): void {
  const record = book.victims.get(victim);
  if (record) record.hooked = true;
  const firstDay = log.dayOf(after);
  const calls = rng.int(1, 4);
  for (let c = 0; c < calls; c += 1) {
    const day = firstDay + rng.int(1, 4);
    if (day >= log.period.days) continue;
    const worker = rng.chance(0.8) || crew.callers.length < 2 ? caller : rng.pick(crew.callers);
    const start = log.timeOn(rng, day, style.profile);
    if (log.add(worker, victim, start, rng.int(300, 2400), crew.cell)) {
      book.note(victim, worker, start, true, style.scam);
    }
  }
}
