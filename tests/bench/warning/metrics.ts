/**
 * The figures of `bench:warning`, computed from the scenario's ground truth, pure: what the
 * replay saw (alerts as the stream delivered them, analyses as they finished, the wall times
 * batches were posted) against what `truth.json` and the generator's files say happened. Nothing
 * here is seen by the server; the truth is read only after the replay, to score it.
 *
 * Entities are compared as `Type:id` keys with the id upper-cased (`entityKey`), so the server's
 * normalised ids (upper-case holder ids, E.164 numbers, `BANK:NUMBER`) meet the truth's.
 */
import type { Truth } from '../../../seed/truth/model';

/** `Type:id` with the id upper-cased: how the truth and the server's ids are matched. */
export function entityKey(type: string, id: string): string {
  return `${type}:${id.toUpperCase()}`;
}

/** A truth entity (`Person:...`, `BankAccount:ICBC:...`) as an `entityKey`. */
export function truthKey(entity: string): string {
  const colon = entity.indexOf(':');
  return entityKey(entity.slice(0, colon), entity.slice(colon + 1));
}

/** What the generator's files say about one victim (a person in `truth.victimPayments`). */
export interface VictimFacts {
  /** `Person:<id>` as an `entityKey`. */
  readonly victim: string;
  /** The truth ring that worked on them. */
  readonly ring: string;
  /** Record time (ms) of the victim's first own transfer to the ring. */
  readonly firstPaymentAt: number;
  /** Record time (ms) of the first call from a number of the ring to a number of the victim. */
  readonly firstCallAt: number | null;
  /** `PhoneNumber:` keys of the victim (holder_phone of their accounts, victim_phone). */
  readonly numbers: readonly string[];
  /** `BankAccount:` keys the victim paid from. */
  readonly accounts: readonly string[];
}

/** The rows the victims' facts are read from (CSV rows with a header, as partners write them). */
export interface FactRows {
  readonly bankAccounts: Iterable<Readonly<Record<string, string>>>;
  readonly reports: Iterable<Readonly<Record<string, string>>>;
  readonly calls: Iterable<Readonly<Record<string, string>>>;
}

/** The E.164 form of a Chinese mobile number as the generator writes it; '' for an empty cell. */
export function e164(written: string): string {
  if (!written) return '';
  let digits = written.replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  return digits ? `+86${digits}` : '';
}

/** Every victim's facts, from the truth and the partner files (numbers, first payment, first call). */
export function victimFacts(truth: Truth, rows: FactRows): VictimFacts[] {
  const byVictim = new Map<
    string,
    { ring: string; firstPaymentAt: number; numbers: Set<string>; accounts: Set<string> }
  >();
  for (const payment of truth.victimPayments) {
    const victim = truthKey(payment.victim);
    let facts = byVictim.get(victim);
    if (!facts) {
      facts = {
        ring: payment.ring,
        firstPaymentAt: Infinity,
        numbers: new Set(),
        accounts: new Set(),
      };
      byVictim.set(victim, facts);
    }
    for (const path of payment.paths) {
      const hop = path[0];
      if (!hop) continue;
      facts.firstPaymentAt = Math.min(facts.firstPaymentAt, Date.parse(hop.time));
      facts.accounts.add(entityKey('BankAccount', hop.fromAccount));
    }
  }
  const numberOwner = new Map<string, string>();
  const addNumber = (person: string, written: string | undefined) => {
    const facts = byVictim.get(person);
    const number = e164(written ?? '');
    if (!facts || !number) return;
    facts.numbers.add(entityKey('PhoneNumber', number));
    numberOwner.set(number, person);
  };
  for (const row of rows.bankAccounts) {
    if (row.holder_id) addNumber(entityKey('Person', row.holder_id), row.holder_phone);
  }
  for (const row of rows.reports) {
    if (row.victim_id) addNumber(entityKey('Person', row.victim_id), row.victim_phone);
  }
  const ringNumbers = new Map<string, Set<string>>();
  for (const ring of truth.rings) {
    const numbers = new Set<string>();
    for (const member of ring.members) {
      if (member.entity.startsWith('PhoneNumber:')) numbers.add(member.entity.slice(12));
    }
    ringNumbers.set(ring.id, numbers);
  }
  const firstCall = new Map<string, number>();
  for (const row of rows.calls) {
    const called = numberOwner.get(e164(row.called_number ?? ''));
    if (!called) continue;
    const ring = byVictim.get(called)?.ring ?? '';
    if (!ringNumbers.get(ring)?.has(e164(row.calling_number ?? ''))) continue;
    const at = Date.parse(row.start_time ?? '');
    if (at < (firstCall.get(called) ?? Infinity)) firstCall.set(called, at);
  }
  return [...byVictim].map(([victim, facts]) => ({
    victim,
    ring: facts.ring,
    firstPaymentAt: facts.firstPaymentAt,
    firstCallAt: firstCall.get(victim) ?? null,
    numbers: [...facts.numbers].sort(),
    accounts: [...facts.accounts].sort(),
  }));
}

/** A finished ring analysis: when it finished (scenario time, ms) and the entities of its rings. */
export interface AnalysisSnapshot {
  readonly finishedAt: number;
  /** `entityKey`s of every member of every ring it found. */
  readonly ringEntities: ReadonlySet<string>;
}

/**
 * Whether the ring of a victim was known at `at`: the latest analysis finished by then found a
 * ring holding any of the truth ring's members.
 */
export function ringKnownAt(
  truth: Truth,
  ringId: string,
  at: number,
  analyses: readonly AnalysisSnapshot[],
): boolean {
  let latest: AnalysisSnapshot | undefined;
  for (const analysis of analyses) {
    if (analysis.finishedAt <= at && (!latest || analysis.finishedAt >= latest.finishedAt)) {
      latest = analysis;
    }
  }
  if (!latest) return false;
  const ring = truth.rings.find((candidate) => candidate.id === ringId);
  return (ring?.members ?? []).some((member) => latest.ringEntities.has(truthKey(member.entity)));
}

/** An alert as the stream last delivered it (the fields the figures use). */
export interface SeenAlert {
  readonly id: string;
  readonly rule: string;
  readonly subject: { readonly type: string; readonly id: string; readonly label?: string };
  readonly contact: {
    readonly personId: string | null;
    readonly phone: string | null;
  } | null;
  readonly evidence: readonly { readonly type: string; readonly id: string }[];
  /** ISO 8601 record time of the first event that raised it. */
  readonly firstEventAt: string;
}

/** The `entityKey`s an alert names as the one to act on: its subject and its contact. */
export function alertTargets(alert: SeenAlert): string[] {
  const targets = [entityKey(alert.subject.type, alert.subject.id)];
  if (alert.contact?.personId) targets.push(entityKey('Person', alert.contact.personId));
  if (alert.contact?.phone) {
    const number = e164(alert.contact.phone);
    if (number) targets.push(entityKey('PhoneNumber', number));
  }
  return targets;
}

/**
 * Everything truly involved: every ring member's entity (people, numbers, SIMs, handsets, mule and
 * cash-out accounts, platform accounts), every victim and the victims' numbers and accounts.
 */
export function involvedEntities(truth: Truth, victims: readonly VictimFacts[]): Set<string> {
  const involved = new Set<string>();
  for (const ring of truth.rings) {
    for (const member of ring.members) involved.add(truthKey(member.entity));
  }
  for (const victim of victims) {
    involved.add(victim.victim);
    for (const key of [...victim.numbers, ...victim.accounts]) involved.add(key);
  }
  return involved;
}

/** The first alert about `victim` raised by an event before their first payment, if any. */
export function warningBefore(victim: VictimFacts, alerts: readonly SeenAlert[]): SeenAlert | null {
  const keys = new Set([victim.victim, ...victim.numbers, ...victim.accounts]);
  let first: SeenAlert | null = null;
  for (const alert of alerts) {
    const at = Date.parse(alert.firstEventAt);
    if (!(at < victim.firstPaymentAt)) continue;
    if (!alertTargets(alert).some((key) => keys.has(key))) continue;
    if (!first || at < Date.parse(first.firstEventAt)) first = alert;
  }
  return first;
}

/** One delivery of an alert by the stream, at a wall-clock time (ms). */
export interface AlertDelivery {
  readonly alert: SeenAlert;
  readonly arrivedAt: number;
}

/**
 * Event-to-alert latencies (ms): for each delivery that brings evidence events not delivered
 * before for that alert (its creation, or an event merged into it), the arrival time less the wall
 * time the latest batch holding one of those events was posted (`postedAt` answers for events the
 * replay posted, undefined for anything else). Deliveries without new posted events (a status
 * change) are not latencies.
 */
export function alertLatencies(
  deliveries: readonly AlertDelivery[],
  postedAt: (ref: { type: string; id: string }) => number | undefined,
): number[] {
  const seen = new Map<string, Set<string>>();
  const latencies: number[] = [];
  for (const { alert, arrivedAt } of deliveries) {
    let known = seen.get(alert.id);
    if (!known) seen.set(alert.id, (known = new Set()));
    let posted: number | undefined;
    for (const ref of alert.evidence) {
      const key = entityKey(ref.type, ref.id);
      if (known.has(key)) continue;
      known.add(key);
      const at = postedAt(ref);
      if (at !== undefined && at <= arrivedAt && (posted === undefined || at > posted)) posted = at;
    }
    if (posted !== undefined) latencies.push(arrivedAt - posted);
  }
  return latencies;
}

/** Posted events and the seconds their requests took, for intake with and without scoring. */
export interface IntakeSample {
  readonly events: number;
  readonly seconds: number;
}

export interface Goal {
  readonly name: string;
  readonly value: number | null;
  readonly unit: string;
  readonly goal: string;
  readonly met: boolean | null;
}

export interface WarningInputs {
  readonly truth: Truth;
  readonly victims: readonly VictimFacts[];
  readonly analyses: readonly AnalysisSnapshot[];
  /** Every alert as last delivered (one per id). */
  readonly alerts: readonly SeenAlert[];
  readonly latenciesMs: readonly number[];
  /** Scenario time (ms) the live replay starts at and ends at (exclusive). */
  readonly liveFrom: number;
  readonly liveTo: number;
  /** People (account holders with a registered number) the scenario names. */
  readonly people: number;
  readonly intakeScoring: IntakeSample;
  readonly intakeHistory: IntakeSample;
}

export interface VictimOutcome {
  readonly victim: string;
  readonly ring: string;
  readonly firstPaymentAt: string;
  readonly firstCallAt: string | null;
  readonly ringKnown: boolean;
  readonly warnedBy: { readonly id: string; readonly rule: string; readonly at: string } | null;
  /** Every alert naming the victim, whenever raised (to tell "late" from "never"). */
  readonly alertsAboutVictim: readonly { readonly rule: string; readonly at: string }[];
}

export interface WarningMetrics {
  readonly goals: Goal[];
  readonly counts: {
    readonly victims: number;
    /** Victims whose first payment falls in the live replay (the ones that could be warned). */
    readonly liveVictims: number;
    readonly liveVictimsOfKnownRings: number;
    readonly warned: number;
    readonly warnedOfKnownRings: number;
    readonly alerts: number;
    readonly trueAlerts: number;
    readonly falseAlerts: number;
    readonly legitimatePeople: number;
    readonly liveDays: number;
    readonly latencies: number;
  };
  readonly latency: { readonly p50: number | null; readonly p95: number | null };
  readonly intake: {
    readonly scoringPerSecond: number | null;
    readonly historyPerSecond: number | null;
    readonly ratio: number | null;
  };
  readonly victims: readonly VictimOutcome[];
  readonly falseAlerts: readonly SeenAlert[];
  readonly alertsByRule: Readonly<
    Record<string, { readonly true: number; readonly false: number }>
  >;
}

/** Nearest-rank percentile; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? null;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function goal(
  name: string,
  value: number | null,
  unit: string,
  text: string,
  ok: (value: number) => boolean,
): Goal {
  return { name, value, unit, goal: text, met: value === null ? null : ok(value) };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Every figure of the benchmark, with the goals beside them. */
export function warningMetrics(input: WarningInputs): WarningMetrics {
  const involved = involvedEntities(input.truth, input.victims);
  const liveDays = (input.liveTo - input.liveFrom) / 86_400_000;
  const outcomes: VictimOutcome[] = [];
  for (const victim of input.victims) {
    if (victim.firstPaymentAt < input.liveFrom || victim.firstPaymentAt >= input.liveTo) continue;
    const warnedBy = warningBefore(victim, input.alerts);
    const keys = new Set([victim.victim, ...victim.numbers, ...victim.accounts]);
    outcomes.push({
      victim: victim.victim,
      ring: victim.ring,
      firstPaymentAt: iso(victim.firstPaymentAt),
      firstCallAt: victim.firstCallAt === null ? null : iso(victim.firstCallAt),
      ringKnown:
        victim.firstCallAt !== null &&
        ringKnownAt(input.truth, victim.ring, victim.firstCallAt, input.analyses),
      warnedBy: warnedBy && { id: warnedBy.id, rule: warnedBy.rule, at: warnedBy.firstEventAt },
      alertsAboutVictim: input.alerts
        .filter((alert) => alertTargets(alert).some((key) => keys.has(key)))
        .map((alert) => ({ rule: alert.rule, at: alert.firstEventAt }))
        .sort((a, b) => a.at.localeCompare(b.at)),
    });
  }
  const known = outcomes.filter((outcome) => outcome.ringKnown);
  const warned = outcomes.filter((outcome) => outcome.warnedBy !== null).length;
  const warnedKnown = known.filter((outcome) => outcome.warnedBy !== null).length;

  const falseAlerts: SeenAlert[] = [];
  const byRule: Record<string, { true: number; false: number }> = {};
  for (const alert of input.alerts) {
    const isTrue = alertTargets(alert).some((key) => involved.has(key));
    const counts = (byRule[alert.rule] ??= { true: 0, false: 0 });
    if (isTrue) counts.true += 1;
    else {
      counts.false += 1;
      falseAlerts.push(alert);
    }
  }
  const trueAlerts = input.alerts.length - falseAlerts.length;
  const involvedPeople = [...involved].filter((key) => key.startsWith('Person:')).length;
  const legitimatePeople = Math.max(0, input.people - involvedPeople);
  const falsePer10k =
    legitimatePeople === 0 || liveDays <= 0
      ? null
      : falseAlerts.length / (legitimatePeople / 10_000) / liveDays;
  const p50 = percentile(input.latenciesMs, 0.5);
  const p95 = percentile(input.latenciesMs, 0.95);
  const rate = (sample: IntakeSample) =>
    sample.seconds > 0 && sample.events > 0 ? sample.events / sample.seconds : null;
  const scoringPerSecond = rate(input.intakeScoring);
  const historyPerSecond = rate(input.intakeHistory);
  const ratio =
    scoringPerSecond === null || historyPerSecond === null
      ? null
      : scoringPerSecond / historyPerSecond;

  return {
    goals: [
      goal(
        'victims warned before first payment (all)',
        share(warned, outcomes.length),
        'share',
        'report',
        () => true,
      ),
      goal(
        'victims warned before first payment (rings known when first called)',
        share(warnedKnown, known.length),
        'share',
        '>= 0.50',
        (value) => value >= 0.5,
      ),
      goal(
        'alert precision',
        share(trueAlerts, input.alerts.length),
        'share',
        '>= 0.90',
        (value) => value >= 0.9,
      ),
      goal(
        'false alerts per 10,000 legitimate people per day',
        falsePer10k,
        'alerts',
        '<= 1',
        (value) => value <= 1,
      ),
      goal('event-to-alert latency p50', p50, 'ms', 'report', () => true),
      goal('event-to-alert latency p95', p95, 'ms', '<= 1000', (value) => value <= 1000),
      goal('intake with scoring', scoringPerSecond, 'events/s', 'report', () => true),
      goal('intake without scoring (history)', historyPerSecond, 'events/s', 'report', () => true),
      goal('intake with / without scoring', ratio, 'ratio', '>= 0.80', (value) => value >= 0.8),
    ],
    counts: {
      victims: input.victims.length,
      liveVictims: outcomes.length,
      liveVictimsOfKnownRings: known.length,
      warned,
      warnedOfKnownRings: warnedKnown,
      alerts: input.alerts.length,
      trueAlerts,
      falseAlerts: falseAlerts.length,
      legitimatePeople,
      liveDays,
      latencies: input.latenciesMs.length,
    },
    latency: { p50, p95 },
    intake: { scoringPerSecond, historyPerSecond, ratio },
    victims: outcomes,
    falseAlerts,
    alertsByRule: byRule,
  };
}
