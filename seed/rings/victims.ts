/**
 * Plans each ring's victims: who they are (an age that fits the script), when the ring first
 * makes contact, the calls (always before the first payment) and platform messages, the payments
 * into first-layer mule accounts, and whether and when the victim reports to the police.
 */
import type { ScenarioContext } from '../context';
import { stations, type Station } from '../ids/places';
import type { Channel, MessageKind } from '../output/events';
import type { BankAccount, Person, PlatformAccount } from '../population/model';
import { ageOf } from '../population/people';
import type { Rng } from '../../server/lib/random';
import { compactDate, DAY, dayStart, HOUR, MINUTE, OFFSET_SECONDS } from '../time';
import { simOn } from './callers';
import type { Caller, CallerSim, MuleAccount, Ring, ScamScript } from './model';
import type { PersonPicker } from './picker';
import { SCRIPT_PLANS } from './scripts';

export interface PlannedCall {
  sim: CallerSim;
  start: number;
  seconds: number;
}

export interface PlannedMessage {
  from: PlatformAccount;
  to: PlatformAccount;
  time: number;
  kind: MessageKind;
}

export interface PlannedPayment {
  from: BankAccount;
  to: MuleAccount;
  time: number;
  amountMinor: number;
  channel: Channel;
  reference: string;
}

export interface PlannedReport {
  caseNumber: string;
  station: Station;
  at: number;
}

export interface VictimPlan {
  ring: Ring;
  victim: Person;
  caller: Caller;
  calls: PlannedCall[];
  messages: PlannedMessage[];
  payments: PlannedPayment[];
  report: PlannedReport | null;
}

/** Payments must leave time for the money to pass all layers before the period ends. */
const LAST_PAYMENT_MARGIN = 4 * HOUR;

const VICTIM_AGES: Record<ScamScript, readonly [number, number]> = {
  fake_police: [25, 85],
  safety_deposit: [30, 85],
  shopping_refund: [18, 50],
  investment: [28, 65],
  game_coupon: [16, 22],
};

function localHour(instant: number): number {
  return Math.floor(((instant + OFFSET_SECONDS) % DAY) / HOUR);
}

/** Moves a time outside 08:00-21:00 to the next morning. */
function inBankingHours(instant: number, rng: Rng): number {
  const hour = localHour(instant);
  if (hour >= 8 && hour < 21) return instant;
  const localMidnight = instant - ((instant + OFFSET_SECONDS) % DAY);
  const morning = localMidnight + 9 * HOUR + rng.int(0, 90 * MINUTE);
  return hour >= 21 ? morning + DAY : morning;
}

/** Moves a call at night to the evening before or the morning after, staying within (from, to). */
function inDaytime(instant: number, from: number, to: number): number {
  const hour = localHour(instant);
  let moved = instant;
  if (hour < 9) moved += (9 - hour) * HOUR;
  else if (hour >= 21) moved -= (hour - 20) * HOUR;
  return moved > from && moved < to ? moved : instant;
}

function between(rng: Rng, [min, max]: readonly [number, number]): number {
  return rng.int(min, max);
}

function callSeconds(rng: Rng, median: number): number {
  return Math.min(3 * HOUR, Math.max(30, Math.round(rng.logNormal(median, 0.5))));
}

function plannedCalls(
  context: ScenarioContext,
  caller: Caller,
  contactStart: number,
  lastCallStart: number,
  count: number,
  script: ScamScript,
  rng: Rng,
): PlannedCall[] {
  const starts = count > 1 ? [contactStart, lastCallStart] : [lastCallStart];
  for (let i = 2; i < count; i += 1) {
    starts.push(
      inDaytime(rng.int(contactStart + 1, lastCallStart - 1), contactStart, lastCallStart),
    );
  }
  return starts
    .sort((a, b) => a - b)
    .map((start) => ({
      sim: simOn(caller, Math.floor((start - context.period.start) / DAY), rng),
      start,
      seconds: callSeconds(rng, SCRIPT_PLANS[script].callSeconds),
    }));
}

function paymentAmount(rng: Rng, script: ScamScript, order: number): number {
  const { amountYuan, growth } = SCRIPT_PLANS[script];
  const yuan = Math.min(
    amountYuan.max,
    Math.max(amountYuan.min, rng.logNormal(amountYuan.median, 0.7) * Math.pow(growth, order)),
  );
  const step = yuan >= 1_000 && rng.chance(0.6) ? 100 : 1;
  return Math.max(1, Math.round(yuan / step)) * step * 100;
}

function plannedMessages(
  ring: Ring,
  victim: Person,
  from: number,
  until: number,
  rng: Rng,
): PlannedMessage[] {
  const kinds = SCRIPT_PLANS[ring.script].messageKinds;
  const contact = ring.scamHandles.find(({ account }) => victim.handles[account.platform]);
  const victimAccount = contact && victim.handles[contact.account.platform];
  if (!contact || !victimAccount) return [];
  const count = rng.int(3, 10);
  return Array.from({ length: count }, () => {
    const time = rng.int(from, Math.max(from, until));
    return rng.chance(0.3)
      ? { from: victimAccount, to: contact.account, time, kind: 'text' as const }
      : { from: contact.account, to: victimAccount, time, kind: rng.pick(kinds) };
  }).sort((a, b) => a.time - b.time);
}

/** The payments of one victim into the ring's first mule layer. */
function plannedPayments(
  context: ScenarioContext,
  ring: Ring,
  victim: Person,
  firstPayment: number,
  rng: Rng,
): PlannedPayment[] {
  const plan = SCRIPT_PLANS[ring.script];
  const count = between(rng, plan.payments);
  const firstLayer = ring.layers[0] ?? [];
  const payments: PlannedPayment[] = [];
  let time = firstPayment;
  let to = rng.pick(firstLayer);
  for (let order = 0; order < count; order += 1) {
    if (order > 0) {
      const gap = rng.uniform(plan.paymentGapHours[0], plan.paymentGapHours[1]) * HOUR;
      time = inBankingHours(time + Math.round(gap), rng);
      if (!rng.chance(0.6)) to = rng.pick(firstLayer);
    }
    if (time > context.period.end - LAST_PAYMENT_MARGIN) break;
    const from = victim.accounts[order % victim.accounts.length] as BankAccount;
    payments.push({
      from,
      to,
      time,
      amountMinor: paymentAmount(rng, ring.script, order),
      channel: rng.weighted(plan.channels),
      reference: rng.pick(plan.references),
    });
  }
  return payments;
}

/** Issues case numbers: `A`, the station id, the year and month, and a running number. */
class CaseNumbers {
  private issued = 0;
  next(station: Station, at: number): string {
    this.issued += 1;
    return `A${station.id}${compactDate(at).slice(0, 6)}${String(this.issued).padStart(4, '0')}`;
  }
}

function reportDelay(rng: Rng): number {
  const roll = rng.next();
  if (roll < 0.4) return rng.int(30 * MINUTE, 3 * HOUR);
  if (roll < 0.8) return rng.int(6 * HOUR, 48 * HOUR);
  return rng.int(2, 7) * DAY;
}

function planVictim(
  context: ScenarioContext,
  ring: Ring,
  victim: Person,
  rng: Rng,
): Omit<VictimPlan, 'report'> {
  const { period } = context;
  const plan = SCRIPT_PLANS[ring.script];
  const lead = between(rng, plan.leadDays);
  const contactDay = rng.int(0, Math.max(0, period.days - 2 - lead));
  const contactStart = dayStart(period, contactDay) + rng.int(9 * HOUR, 15 * HOUR);
  const caller = rng.pick(ring.callers);
  const callCount = between(rng, plan.calls);
  const lastCallStart =
    lead === 0
      ? contactStart + (callCount - 1) * rng.int(10 * MINUTE, 40 * MINUTE)
      : dayStart(period, contactDay + lead) + rng.int(9 * HOUR, 15 * HOUR);
  const calls = plannedCalls(
    context,
    caller,
    contactStart,
    lastCallStart,
    callCount,
    ring.script,
    rng,
  );
  const lastCall = calls[calls.length - 1] as PlannedCall;
  const firstPayment = lastCall.start + rng.int(5 * MINUTE, 40 * MINUTE);
  const payments = plannedPayments(context, ring, victim, firstPayment, rng);
  const lastPayment = payments[payments.length - 1]?.time ?? firstPayment;
  const messages = plannedMessages(ring, victim, contactStart - HOUR, lastPayment, rng);
  return { ring, victim, caller, calls, messages, payments };
}

/**
 * Victims of every ring. In each ring `round(victims × reportRate)` of them (at least one) report
 * to a station some time after their last payment.
 */
export function planVictims(
  context: ScenarioContext,
  rings: readonly Ring[],
  victimCounts: readonly number[],
  picker: PersonPicker,
  rng: Rng,
): VictimPlan[] {
  const { options, period } = context;
  const reportStations = stations(options.stations);
  const cases = new CaseNumbers();
  const plans: VictimPlan[] = [];
  rings.forEach((ring, r) => {
    const [minAge, maxAge] = VICTIM_AGES[ring.script];
    const count = victimCounts[r] ?? 0;
    const reporting = Math.max(1, Math.round(count * options.reportRate));
    const reporters = new Set(rng.sample([...Array(count).keys()], reporting));
    for (let v = 0; v < count; v += 1) {
      const victim = picker.pick(rng, (person) => {
        const age = ageOf(person, period);
        return age >= minAge && age <= maxAge;
      });
      const planned = planVictim(context, ring, victim, rng);
      const lastPayment = planned.payments[planned.payments.length - 1];
      let report: PlannedReport | null = null;
      if (reporters.has(v) && lastPayment) {
        const station = rng.pick(reportStations);
        const at = Math.min(period.end - MINUTE, lastPayment.time + reportDelay(rng));
        report = { caseNumber: cases.next(station, at), station, at };
      }
      plans.push({ ...planned, report });
    }
  });
  return plans;
}
