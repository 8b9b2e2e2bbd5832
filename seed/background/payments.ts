/**
 * One day of the background's money: payroll from employers on their payday, pensions on the
 * 15th, moves between a person's own two banks, purchases (directly to a shop, or through a
 * payment processor that settles with the shop early next morning, less a fee) and transfers
 * between relatives and friends.
 */
import type { ScenarioContext } from '../context';
import type { BankAccount, Person } from '../population/model';
import { ageOf } from '../population/people';
import { friendCount, randomFriend } from '../population/social';
import type { Rng } from '../../server/lib/random';
import { dayOfMonth, dayStart, HOUR, MINUTE, timeOfDay } from '../time';

/** Processor fee on settlements, per ten thousand. */
const PROCESSOR_FEE_BP = 60;
const PEER_REFERENCES = ['红包', '还款', '饭钱', '房租', '生活费', '', '', ''];

/** What each payment processor owes each merchant (by merchant index), carried to the next day. */
export type Settlements = Map<number, number>[];

/** An empty settlement book for `processors` processors. */
export function newSettlements(processors: number): Settlements {
  return Array.from({ length: processors }, () => new Map<number, number>());
}

function spendingAccount(person: Person, rng: Rng): BankAccount {
  const second = person.accounts[1];
  return second && rng.chance(0.4) ? second : (person.accounts[0] as BankAccount);
}

function payroll(context: ScenarioContext, day: number, rng: Rng): void {
  const { population, writer, period } = context;
  const date = dayOfMonth(period, day);
  for (const employer of population.employers) {
    if (employer.payday !== date) continue;
    const batchStart = dayStart(period, day) + 9 * HOUR + rng.int(0, 90) * MINUTE;
    const spread = Math.min(HOUR, 2 * employer.employees.length);
    employer.employees.forEach((index, i) => {
      const person = population.people[index];
      if (!person?.accounts[0]) return;
      const at = batchStart + Math.floor((i * spread) / employer.employees.length);
      writer.transfer(
        employer.account,
        person.accounts[0],
        person.income,
        at,
        'online',
        '代发工资',
      );
    });
  }
}

function pensions(context: ScenarioContext, day: number, rng: Rng): void {
  const { population, writer, period } = context;
  if (dayOfMonth(period, day) !== 15) return;
  const retirees = population.people.filter(
    (person) => person.workplace < 0 && ageOf(person, period) >= 60 && person.accounts[0],
  );
  const batchStart = dayStart(period, day) + 8 * HOUR + rng.int(0, 59) * MINUTE;
  const spread = Math.min(3 * HOUR, 2 * retirees.length);
  retirees.forEach((person, i) => {
    const at = batchStart + Math.floor((i * spread) / retirees.length);
    writer.transfer(
      population.pensionFund.account,
      person.accounts[0] as BankAccount,
      person.income,
      at,
      'online',
      '养老金',
    );
  });
}

function ownAccountMoves(context: ScenarioContext, day: number, rng: Rng): void {
  const { population, writer, period } = context;
  if (dayOfMonth(period, day) !== 20) return;
  for (const person of population.people) {
    const [main, second] = person.accounts;
    if (!main || !second || !rng.chance(0.5)) continue;
    const amount = Math.round((person.income * rng.uniform(0.1, 0.4)) / 100) * 100;
    if (amount <= 0) continue;
    const at = dayStart(period, day) + timeOfDay(rng, 'social');
    writer.transfer(main, second, amount, at, 'mobile', '转账');
  }
}

function settle(context: ScenarioContext, day: number, settlements: Settlements, rng: Rng): void {
  const { population, writer, period } = context;
  let at = dayStart(period, day) + 2 * HOUR + rng.int(0, 30) * MINUTE;
  settlements.forEach((owed, p) => {
    const processor = population.processors[p];
    if (!processor) return;
    for (const [merchantIndex, amount] of owed) {
      const merchant = population.merchants[merchantIndex];
      const net = amount - Math.ceil((amount * PROCESSOR_FEE_BP) / 10_000);
      at += rng.int(1, 3);
      if (merchant && net > 0)
        writer.transfer(processor.account, merchant.account, net, at, 'online', '结算');
    }
    owed.clear();
  });
}

function purchase(
  context: ScenarioContext,
  person: Person,
  at: number,
  settlements: Settlements,
  rng: Rng,
): void {
  const { population, writer } = context;
  const merchantIndex = population.merchantPopularity.pick(rng);
  const merchant = population.merchants[merchantIndex];
  if (!merchant) return;
  const amount = Math.max(100, Math.round(rng.logNormal(merchant.typicalAmount, 0.6)));
  const from = spendingAccount(person, rng);
  const processor = population.processors[merchant.processor];
  const owed = settlements[merchant.processor];
  if (processor && owed) {
    writer.transfer(from, processor.account, amount, at, 'third_party', '消费');
    owed.set(merchantIndex, (owed.get(merchantIndex) ?? 0) + amount);
  } else {
    writer.transfer(from, merchant.account, amount, at, rng.chance(0.6) ? 'pos' : 'mobile');
  }
}

function peerTransfer(context: ScenarioContext, person: Person, at: number, rng: Rng): void {
  const { population, writer } = context;
  const homeStart = population.householdStart[person.household] ?? 0;
  const homeEnd = population.householdStart[person.household + 1] ?? homeStart;
  let other: Person | undefined;
  if (homeEnd - homeStart > 1 && rng.chance(0.4))
    other = population.people[rng.int(homeStart, homeEnd - 1)];
  else if (friendCount(population.friends, person.index) > 0) {
    other = population.people[randomFriend(population.friends, person.index, rng)];
  }
  const to = other?.accounts[0];
  if (!other || other === person || !to) return;
  const round = rng.pick([8_800, 10_000, 20_000, 52_000, 50_000, 100_000]);
  const amount = rng.chance(0.4) ? round : Math.max(100, Math.round(rng.logNormal(25_000, 1)));
  writer.transfer(
    spendingAccount(person, rng),
    to,
    amount,
    at,
    'mobile',
    rng.pick(PEER_REFERENCES),
  );
}

/** Writes the background's transfers of period day `day`. */
export function writeBackgroundPayments(
  context: ScenarioContext,
  day: number,
  settlements: Settlements,
  rng: Rng,
): void {
  const { population, period, options } = context;
  settle(context, day, settlements, rng);
  payroll(context, day, rng);
  pensions(context, day, rng);
  ownAccountMoves(context, day, rng);
  const start = dayStart(period, day);
  const payments = rng.poisson(options.paymentsPerPersonDay * population.totalActivity);
  for (let i = 0; i < payments; i += 1) {
    const person = population.people[population.activity.pick(rng)] as Person;
    const at = start + timeOfDay(rng, 'social');
    if (rng.chance(0.7)) purchase(context, person, at, settlements, rng);
    else peerTransfer(context, person, at, rng);
  }
}
