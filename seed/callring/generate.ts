/**
 * The whole call-record world in memory, pure and seeded: subscribers and their roles, the social
 * graph, ordinary and busy-business calls, the fraud numbers' calls (organised rings, or an
 * operator's mostly lone fraud numbers), the truth and, when asked, the victims' police reports.
 */
import type { Row } from '../output/formats';
import { Rng } from '../../server/lib/random';
import { formatTime, periodFrom } from '../time';
import { CallLog, type Call } from './calls';
import { VictimBook } from './fraud';
import { dealOperatorFraud, operatorCalls } from './operator';
import { resolveCallRingOptions, type CallRingMode, type CallRingOptions } from './options';
import { policeReports } from './reports';
import { dealRings, ringCalls, type Ring } from './rings';
import { buildContacts, busyCalls, socialCalls } from './social';
import { buildSubscribers, pairDualSims, RoleDealer, type Subscribers } from './world';

/** The ground truth, written to truth.json; phone numbers in E.164 as Ringtrace stores them. */
export interface CallRingTruth {
  seed: number;
  mode: CallRingMode;
  period: { start: string; end: string };
  rings: { id: string; callers: string[]; coordinators: string[] }[];
  /** Every fraud number, ring callers and coordinators included. */
  fraudNumbers: string[];
  /** Call-centre and courier numbers: busy with strangers for honest reasons. */
  busyLegitimate: string[];
  /** Every number a fraud number called. */
  victims: string[];
}

export interface CallRingWorld {
  options: CallRingOptions;
  subscribers: Subscribers;
  /** Sorted by start time. */
  calls: Call[];
  truth: CallRingTruth;
  /** Empty unless `reportShare` > 0. */
  reports: Row<'police-reports'>[];
}

/**
 * `calls` with each ordinary call (no fraud number at either end) kept with chance `share`, as
 * in a public sample of call records with a ring planted in it.
 */
function sampledCalls(
  calls: Call[],
  fraud: ReadonlySet<number>,
  share: number,
  seed: number,
): Call[] {
  if (share >= 1) return calls;
  const rng = Rng.derive(seed, 'callring/sample');
  return calls.filter((call) => fraud.has(call.from) || fraud.has(call.to) || rng.chance(share));
}

/** Generates the world of `options` (over `DEFAULTS`); the same options give the same world. */
export function generateCallRing(options: Partial<CallRingOptions> = {}): CallRingWorld {
  const resolved = resolveCallRingOptions(options);
  const { seed, numbers, days } = resolved;
  const period = periodFrom(resolved.start, days);
  const subscribers = buildSubscribers(Rng.derive(seed, 'callring/subscribers'), numbers, days);

  const roles = Rng.derive(seed, 'callring/roles');
  const dealer = new RoleDealer(roles, subscribers);
  const busy = [
    ...dealer.deal(Math.max(3, Math.round(numbers * 0.002)), 'call_centre'),
    ...dealer.deal(Math.max(3, Math.round(numbers * 0.004)), 'courier'),
  ];
  const operator = resolved.mode === 'operator' ? dealOperatorFraud(roles, dealer, numbers) : null;
  const rings: Ring[] = operator?.rings ?? dealRings(roles, dealer, roles.int(3, 6), [4, 15]);
  pairDualSims(roles, subscribers);

  const contacts = buildContacts(Rng.derive(seed, 'callring/contacts'), subscribers);
  const log = new CallLog(period, subscribers);
  socialCalls(Rng.derive(seed, 'callring/social'), subscribers, contacts, log);
  busyCalls(Rng.derive(seed, 'callring/busy'), subscribers, busy, log);
  const people: number[] = [];
  for (let i = 0; i < numbers; i += 1) if (subscribers.kind[i] === 'person') people.push(i);
  const book = new VictimBook();
  const fraudRng = Rng.derive(seed, 'callring/fraud');
  if (operator) operatorCalls(fraudRng, subscribers, operator, people, log, book);
  else ringCalls(fraudRng, subscribers, rings, people, log, book);
  const e164 = (i: number) => subscribers.number[i] as string;
  const sorted = (list: number[]) => list.map(e164).sort();
  const fraud: number[] = [];
  for (let i = 0; i < numbers; i += 1) {
    const kind = subscribers.kind[i];
    if (kind === 'ring_caller' || kind === 'coordinator' || kind === 'fraud') fraud.push(i);
  }
  const calls = sampledCalls(log.calls, new Set(fraud), resolved.sampleShare, seed).sort(
    (a, b) => a.start - b.start,
  );

  const truth: CallRingTruth = {
    seed,
    mode: resolved.mode,
    period: { start: formatTime(period.start), end: formatTime(period.end) },
    rings: rings.map((ring) => ({
      id: ring.id,
      callers: ring.callers.map(e164),
      coordinators: ring.coordinators.map(e164),
    })),
    fraudNumbers: sorted(fraud),
    busyLegitimate: sorted(busy),
    victims: sorted([...book.victims.keys()]),
  };
  const reports = policeReports(
    Rng.derive(seed, 'callring/reports'),
    subscribers,
    book,
    resolved.reportShare,
  );
  return { options: resolved, subscribers, calls, truth, reports };
}
