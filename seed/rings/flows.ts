/**
 * Money through the mule layers. A victim's payment lands on a first-layer account; each mule keeps
 * a small commission and, within minutes, passes the rest on, split over one to three accounts of
 * the next layer (and merged there with other victims' money); the last layer pays a cash-out
 * account. Every hop is later than the one it forwards and never carries more than arrived.
 * Cash-out accounts are swept to the ringleader early each morning, and the ringleader pays the
 * members weekly.
 */
import type { ScenarioContext } from '../context';
import type { Channel, WrittenTransfer } from '../output/events';
import type { BankAccount, Person } from '../population/model';
import type { Rng } from '../../server/lib/random';
import { dayStart, HOUR, MINUTE } from '../time';
import type { MuleAccount, Ring } from './model';

/** Commission a mule keeps, as a share of what arrived. */
const COMMISSION = [0.005, 0.02] as const;
/** Smallest amount worth splitting, per part (fen). */
const MIN_SPLIT_PART = 50_000;
/** Into how many parts a mule splits what it passes on, and how often. */
const SPLITS: readonly (readonly [number, number])[] = [
  [1, 4],
  [2, 4],
  [3, 2],
];

function hopDelay(rng: Rng): number {
  return Math.min(25 * MINUTE, Math.max(40, Math.round(rng.logNormal(4 * MINUTE, 0.6))));
}

/** What a mule passes on from `amount`: minus commission, rounded down to a whole yuan or hundred. */
function onwardAmount(amount: number, rng: Rng): number {
  const kept = amount - Math.ceil(amount * rng.uniform(COMMISSION[0], COMMISSION[1]));
  const step = kept >= 1_000_000 ? 10_000 : kept >= 10_000 ? 100 : 1;
  return Math.floor(kept / step) * step;
}

/** Splits `amount` into `parts` positive parts of uneven size. */
function split(amount: number, parts: number, rng: Rng): number[] {
  const weights = Array.from({ length: parts }, () => rng.uniform(0.5, 1.5));
  const total = weights.reduce((a, b) => a + b, 0);
  const amounts = weights
    .slice(0, -1)
    .map((weight) => Math.floor((amount * weight) / total / 100) * 100);
  amounts.push(amount - amounts.reduce((a, b) => a + b, 0));
  return amounts;
}

/** Money waiting on each cash-out account, and on each ringleader's consolidation account. */
export class RingLedger {
  private readonly waiting = new Map<MuleAccount, { amount: number; time: number }[]>();
  private readonly consolidated = new Map<Ring, number>();

  receive(account: MuleAccount, amount: number, time: number): void {
    const entries = this.waiting.get(account) ?? [];
    entries.push({ amount, time });
    this.waiting.set(account, entries);
  }

  /** Takes what arrived on `account` before `time`. */
  takeBefore(account: MuleAccount, time: number): number {
    const entries = this.waiting.get(account) ?? [];
    const taken = entries.filter((entry) => entry.time < time);
    this.waiting.set(
      account,
      entries.filter((entry) => entry.time >= time),
    );
    return taken.reduce((sum, entry) => sum + entry.amount, 0);
  }

  consolidate(ring: Ring, amount: number): void {
    this.consolidated.set(ring, this.balance(ring) + amount);
  }

  balance(ring: Ring): number {
    return this.consolidated.get(ring) ?? 0;
  }
}

function muleChannel(rng: Rng): Channel {
  return rng.chance(0.8) ? 'mobile' : 'online';
}

/**
 * Passes `amount`, arrived at `mule` (in layer `layer`, 0-based) at `arrivedAt`, down the layers.
 * Returns the chains of transfers from this mule to the accounts where the money stopped.
 */
function forward(
  context: ScenarioContext,
  ring: Ring,
  ledger: RingLedger,
  mule: MuleAccount,
  layer: number,
  amount: number,
  arrivedAt: number,
  rng: Rng,
): WrittenTransfer[][] {
  const onward = onwardAmount(amount, rng);
  if (onward <= 0) return [];
  const last = layer >= ring.layers.length - 1;
  const next = last ? ring.cashOut : (ring.layers[layer + 1] ?? []);
  const most = Math.min(3, next.length, Math.max(1, Math.floor(onward / MIN_SPLIT_PART)));
  const parts = last ? 1 : rng.weighted(SPLITS.filter(([count]) => count <= most));
  const targets = rng.sample(next, parts);
  const amounts = split(onward, targets.length, rng);
  const chains: WrittenTransfer[][] = [];
  targets.forEach((target, i) => {
    const part = amounts[i] ?? 0;
    if (part <= 0) return;
    const time = arrivedAt + hopDelay(rng);
    const hop = context.writer.transfer(mule.account, target.account, part, time, muleChannel(rng));
    if (last) {
      ledger.receive(target, part, time);
      chains.push([hop]);
      return;
    }
    const rest = forward(context, ring, ledger, target, layer + 1, part, time, rng);
    if (rest.length === 0) chains.push([hop]);
    for (const chain of rest) chains.push([hop, ...chain]);
  });
  return chains;
}

/**
 * Writes a victim's payment and everything the mules do with it; returns every chain of transfers
 * from the victim's account to where the money stopped (normally a cash-out account).
 */
export function payAndLayer(
  context: ScenarioContext,
  ring: Ring,
  ledger: RingLedger,
  payment: {
    from: BankAccount;
    to: MuleAccount;
    time: number;
    amountMinor: number;
    channel: Channel;
    reference: string;
  },
  rng: Rng,
): WrittenTransfer[][] {
  const { writer } = context;
  const first = writer.transfer(
    payment.from,
    payment.to.account,
    payment.amountMinor,
    payment.time,
    payment.channel,
    payment.reference,
  );
  const rest = forward(
    context,
    ring,
    ledger,
    payment.to,
    0,
    payment.amountMinor,
    payment.time,
    rng,
  );
  return rest.length === 0 ? [[first]] : rest.map((chain) => [first, ...chain]);
}

/** Early on `day`, each cash-out account sends most of what it holds to the ringleader. */
export function sweepCashOut(
  context: ScenarioContext,
  ring: Ring,
  ledger: RingLedger,
  day: number,
  rng: Rng,
): void {
  let time = dayStart(context.period, day) + 5 * HOUR + rng.int(0, 90) * MINUTE;
  for (const cashOut of ring.cashOut) {
    const held = ledger.takeBefore(cashOut, time);
    const amount = Math.floor((held * rng.uniform(0.7, 0.95)) / 10_000) * 10_000;
    if (amount <= 0) continue;
    time += rng.int(30, 600);
    context.writer.transfer(cashOut.account, ring.consolidation, amount, time, 'online');
    ledger.consolidate(ring, amount);
  }
}

/** Once a week the ringleader pays organisers, callers and herders out of the consolidated money. */
export function payMembers(
  context: ScenarioContext,
  ring: Ring,
  ledger: RingLedger,
  day: number,
  rng: Rng,
): void {
  const members: Person[] = [
    ...ring.organisers,
    ...ring.callers.map((c) => c.person),
    ...ring.herders,
  ];
  const budget = Math.floor(ledger.balance(ring) * 0.3);
  if (budget < members.length * 100_000) return;
  let time = dayStart(context.period, day) + 19 * HOUR + rng.int(0, 60) * MINUTE;
  let paid = 0;
  for (const member of members) {
    const account = member.accounts[0];
    const amount = Math.floor(budget / members.length / 100) * 100;
    if (!account || amount <= 0) continue;
    time += rng.int(60, 600);
    context.writer.transfer(ring.consolidation, account, amount, time, 'mobile', '工资');
    paid += amount;
  }
  ledger.consolidate(ring, -paid);
}
