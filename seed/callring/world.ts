/**
 * The subscribers of the call-record world: one SIM (number and IMSI) per number, the handset it
 * sits in on each day, a home cell, an activity level, and a kind. Ordinary people keep one
 * handset (a few change it, a few carry two SIMs in one dual-SIM phone); ring callers move their
 * SIMs between a few shared handsets from day to day.
 */
import { ImeiIssuer, type DeviceClass } from '../ids/devices';
import { e164, SimIssuer } from '../ids/phones';
import { cellId } from '../ids/places';
import type { Rng } from '../../server/lib/random';

export type NumberKind =
  'person' | 'call_centre' | 'courier' | 'ring_caller' | 'coordinator' | 'fraud';

export interface Subscribers {
  count: number;
  /** E.164, e.g. `+8613800138000`. */
  number: string[];
  imsi: string[];
  kind: NumberKind[];
  /** Calls a day on an ordinary day (log-normal). */
  activity: Float64Array;
  homeCell: string[];
  devices: Devices;
  imeis: ImeiIssuer;
}

/** Which handset each number's SIM is in, day by day. */
export class Devices {
  private readonly base: string[];
  private readonly changes = new Map<number, { day: number; imei: string }>();
  private readonly daily = new Map<number, string[]>();

  constructor(base: string[]) {
    this.base = base;
  }

  /** The handset carrying `number` on period day `day`. */
  at(number: number, day: number): string {
    const daily = this.daily.get(number);
    if (daily) return daily[Math.min(day, daily.length - 1)] ?? (this.base[number] as string);
    const change = this.changes.get(number);
    if (change && day >= change.day) return change.imei;
    return this.base[number] as string;
  }

  /** `number` moves to a new handset from `day` on. */
  change(number: number, day: number, imei: string): void {
    this.changes.set(number, { day, imei });
  }

  /** `number` and `other` share `number`'s handset (a dual-SIM phone). */
  share(number: number, other: number): void {
    this.base[other] = this.base[number] as string;
  }

  /** `number` sits in the handset `perDay[day]` on each day. */
  schedule(number: number, perDay: string[]): void {
    this.daily.set(number, perDay);
  }
}

/** People per serving cell. */
const PEOPLE_PER_CELL = 40;

/** `count` numbers with their SIMs and handsets, all of kind `person` until roles are given. */
export function buildSubscribers(rng: Rng, count: number, days: number): Subscribers {
  const sims = new SimIssuer(rng);
  const imeis = new ImeiIssuer(rng);
  const number: string[] = [];
  const imsi: string[] = [];
  const handsets: string[] = [];
  const homeCell: string[] = [];
  const activity = new Float64Array(count);
  const cells = Math.max(1, Math.ceil(count / PEOPLE_PER_CELL));
  for (let i = 0; i < count; i += 1) {
    const sim = sims.issue(rng);
    number.push(e164(sim.msisdn));
    imsi.push(sim.imsi);
    handsets.push(imeis.issue(rng, 'smartphone'));
    homeCell.push(cellId(rng.int(0, cells - 1)));
    activity[i] = Math.min(30, rng.logNormal(0.38, 0.9));
  }
  const devices = new Devices(handsets);
  for (let i = 0; i < count; i += 1) {
    if (rng.chance(0.03)) devices.change(i, rng.int(1, days - 1), imeis.issue(rng, 'smartphone'));
  }
  return {
    count,
    number,
    imsi,
    kind: new Array<NumberKind>(count).fill('person'),
    activity,
    homeCell,
    devices,
    imeis,
  };
}

/** A few people carry two of the numbers in one dual-SIM handset (call after roles are dealt). */
export function pairDualSims(rng: Rng, subscribers: Subscribers): void {
  let previous = -1;
  for (let i = 0; i < subscribers.count; i += 1) {
    if (subscribers.kind[i] !== 'person') continue;
    if (previous >= 0 && rng.chance(0.04)) {
      subscribers.devices.share(previous, i);
      previous = -1;
    } else previous = i;
  }
}

/** Hands out numbers of kind `person` in a random order, to give them other roles. */
export class RoleDealer {
  private readonly order: number[];
  private next = 0;

  constructor(
    rng: Rng,
    private readonly subscribers: Subscribers,
  ) {
    this.order = rng.shuffle(Array.from({ length: subscribers.count }, (_, i) => i));
  }

  /** `n` numbers not yet given a role, now of `kind`. */
  deal(n: number, kind: NumberKind): number[] {
    if (this.next + n > this.order.length) {
      throw new RangeError('seed/callring: too few numbers for the roles asked; give more numbers');
    }
    const dealt = this.order.slice(this.next, this.next + n);
    this.next += n;
    for (const i of dealt) this.subscribers.kind[i] = kind;
    return dealt;
  }
}

/** Handsets of a class shared by a group of numbers (burner phones, a SIM box). */
export function issueHandsets(
  rng: Rng,
  subscribers: Subscribers,
  count: number,
  deviceClass: DeviceClass,
): string[] {
  return Array.from({ length: count }, () => subscribers.imeis.issue(rng, deviceClass));
}
