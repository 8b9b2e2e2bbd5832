/**
 * The calls of the world as they are generated: caller and callee by index, start instant
 * (seconds, UTC), duration in seconds (0 unanswered), the caller's handset and serving cell.
 */
import type { Rng } from '../../server/lib/random';
import { DAY, dayStart, timeOfDay, type HourProfile, type Period } from '../time';
import type { Subscribers } from './world';

export interface Call {
  from: number;
  to: number;
  start: number;
  duration: number;
  imei: string;
  cell: string;
}

export class CallLog {
  readonly calls: Call[] = [];

  constructor(
    readonly period: Period,
    private readonly subscribers: Subscribers,
  ) {}

  /**
   * A call; one outside the period or to oneself is dropped (returns false). `cell` defaults to
   * the caller's home cell.
   */
  add(from: number, to: number, start: number, duration: number, cell?: string): boolean {
    if (from === to || start < this.period.start || start >= this.period.end) return false;
    const day = Math.floor((start - this.period.start) / DAY);
    this.calls.push({
      from,
      to,
      start: Math.floor(start),
      duration: Math.max(0, Math.round(duration)),
      imei: this.subscribers.devices.at(from, day),
      cell: cell ?? (this.subscribers.homeCell[from] as string),
    });
    return true;
  }

  /** An instant on period day `day` drawn from an hour-of-day profile. */
  timeOn(rng: Rng, day: number, profile: HourProfile): number {
    return dayStart(this.period, day) + timeOfDay(rng, profile);
  }

  /** Period day of an instant. */
  dayOf(instant: number): number {
    return Math.floor((instant - this.period.start) / DAY);
  }
}
