/**
 * Ordinary ("normal") payments of the laundering world. Several share their shape with laundering
 * typologies on purpose: merchants are fan-in hubs with many counterparties, payroll is a fan-out
 * burst on payday, merchants that pay suppliers are gather-scatter hubs, friends pay each other
 * back, rent and allowances recur, savings clubs pay a rotating collector, and family remittances
 * are forwarded along chains within a step or two.
 */
import type { Rng } from '../../server/lib/random';
import { personalAmount, purchaseAmount } from './amounts';
import type { Ledger } from './ledger';
import type { Population } from './population';

/** Expected payments per unit of activity over 150 steps. */
const PERSONAL_RATE = 2.0;
const PURCHASE_RATE = 2.6;
/** Share of personal payments that the friend pays back (a shared bill, a loan returned). */
const PAY_BACK = 0.25;

/** Writes every background payment of the population into `ledger`. */
export function backgroundPayments(rng: Rng, population: Population, ledger: Ledger): void {
  personalPayments(rng, population, ledger);
  purchases(rng, population, ledger);
  payroll(rng, population, ledger);
  suppliers(rng, population, ledger);
  recurring(rng, population, ledger);
  savingsClubs(rng, population, ledger);
  remittanceChains(rng, population, ledger);
}

function randomPerson(rng: Rng, population: Population): number {
  return population.persons[population.personTable.pick(rng)] as number;
}

function randomMerchant(rng: Rng, population: Population): number {
  return population.merchants[population.merchantTable.pick(rng)] as number;
}

function friendOf(rng: Rng, population: Population, id: number): number {
  const friends = population.friends[id] ?? [];
  return friends.length > 0 ? rng.pick(friends) : randomPerson(rng, population);
}

function personalPayments(rng: Rng, population: Population, ledger: Ledger): void {
  const scale = ledger.steps / 150;
  for (const id of population.persons) {
    const count = rng.poisson((population.activity[id] ?? 0) * PERSONAL_RATE * scale);
    for (let i = 0; i < count; i += 1) {
      const friend = friendOf(rng, population, id);
      const time = ledger.anyTime(() => rng.next());
      const amount = personalAmount(rng);
      ledger.add(id, friend, amount, time);
      if (rng.chance(PAY_BACK)) {
        const share = rng.chance(0.5) ? 1 : rng.uniform(0.3, 0.7);
        ledger.add(friend, id, amount * share, time + rng.uniform(0.01, 4));
      }
    }
  }
}

/** Most purchases go to a person's few favourite merchants; the rest anywhere, by popularity. */
function purchases(rng: Rng, population: Population, ledger: Ledger): void {
  const scale = ledger.steps / 150;
  for (const id of population.persons) {
    const count = rng.poisson((population.activity[id] ?? 0) * PURCHASE_RATE * scale);
    if (count === 0) continue;
    const favourites = Array.from({ length: rng.int(1, 5) }, () => randomMerchant(rng, population));
    for (let i = 0; i < count; i += 1) {
      const merchant = rng.chance(0.75) ? rng.pick(favourites) : randomMerchant(rng, population);
      ledger.add(
        id,
        merchant,
        purchaseAmount(rng),
        ledger.anyTime(() => rng.next()),
      );
    }
  }
}

/** Each employer pays every employee on its payday (monthly or twice a month), within hours. */
function payroll(rng: Rng, population: Population, ledger: Ledger): void {
  const staff = new Map<number, number[]>();
  for (const id of population.persons) {
    const employer = population.employerOf[id] ?? -1;
    if (employer < 0) continue;
    const list = staff.get(employer) ?? [];
    list.push(id);
    staff.set(employer, list);
  }
  for (const employer of population.employers) {
    const employees = staff.get(employer) ?? [];
    if (employees.length === 0) continue;
    const period = rng.chance(0.7) ? 30 : 15;
    const salaries = employees.map(() => (rng.logNormal(3500, 0.45) * period) / 30);
    for (let payday = rng.int(1, period); payday <= ledger.steps; payday += period) {
      employees.forEach((employee, i) => {
        const salary = (salaries[i] ?? 0) * rng.uniform(0.97, 1.03);
        ledger.add(employer, employee, salary, payday + rng.uniform(0, 0.4));
      });
    }
    // Revenue: clients (merchants and other employers) pay invoices covering the payroll.
    const clients = Array.from({ length: rng.int(2, 10) }, () =>
      rng.chance(0.6) ? randomMerchant(rng, population) : rng.pick(population.employers),
    );
    const monthly = salaries.reduce((sum, salary) => sum + salary, 0) * (30 / period);
    for (let month = rng.int(1, 30); month <= ledger.steps; month += 30) {
      for (const client of clients) {
        const amount = (monthly / clients.length) * rng.uniform(0.8, 1.3);
        ledger.add(client, employer, amount, month + rng.uniform(0, 5));
      }
    }
  }
}

/** Merchants pay their suppliers (businesses or self-employed people) regularly. */
function suppliers(rng: Rng, population: Population, ledger: Ledger): void {
  for (const merchant of population.merchants) {
    const popularity = Math.sqrt((population.activity[merchant] ?? 0) * population.persons.length);
    const count = rng.int(2, 8);
    for (let s = 0; s < count; s += 1) {
      const supplier = rng.chance(0.5)
        ? randomPerson(rng, population)
        : randomMerchant(rng, population);
      const period = rng.pick([7, 14, 30]);
      const base = rng.logNormal(30, 0.7) * popularity * (period / 30);
      for (let day = rng.int(1, period); day <= ledger.steps; day += period) {
        ledger.add(merchant, supplier, base * rng.uniform(0.7, 1.3), day + rng.uniform(0, 1));
      }
    }
  }
}

/** Rent to a landlord (landlords drawn by activity, so some have many tenants) or an allowance. */
function recurring(rng: Rng, population: Population, ledger: Ledger): void {
  for (const id of population.persons) {
    if (!rng.chance(0.12)) continue;
    const rent = rng.chance(0.6);
    const payee = rent ? randomPerson(rng, population) : friendOf(rng, population, id);
    const period = rent ? 30 : rng.pick([7, 14]);
    const amount = rent ? rng.logNormal(1400, 0.4) : rng.logNormal(150, 0.6);
    for (let day = rng.int(1, period); day <= ledger.steps; day += period) {
      ledger.add(id, payee, amount, day + rng.uniform(0, 1.5));
    }
  }
}

/** Rotating savings clubs: each round every member pays the round's collector the same sum. */
function savingsClubs(rng: Rng, population: Population, ledger: Ledger): void {
  const clubs = Math.round(population.persons.length / 250);
  for (let c = 0; c < clubs; c += 1) {
    const founder = randomPerson(rng, population);
    const size = rng.int(4, 10);
    const members = new Set<number>([founder]);
    for (const friend of rng.sample(population.friends[founder] ?? [], size - 1))
      members.add(friend);
    while (members.size < size) members.add(randomPerson(rng, population));
    const list = [...members];
    const contribution = rng.pick([200, 300, 500, 1000, 2000]);
    const period = rng.int(10, 30);
    let round = 0;
    for (let day = rng.int(1, period); day <= ledger.steps; day += period) {
      const collector = list[round % list.length] as number;
      for (const member of list)
        ledger.add(member, collector, contribution, day + rng.uniform(0, 2));
      round += 1;
    }
  }
}

/** Money sent to a relative who passes most of it on to another, within a step or two. */
function remittanceChains(rng: Rng, population: Population, ledger: Ledger): void {
  const chains = Math.round(population.persons.length * 0.02);
  for (let c = 0; c < chains; c += 1) {
    const chain = [rng.pick(population.persons)];
    const length = rng.int(3, 5);
    for (let attempt = 0; chain.length < length && attempt < 20; attempt += 1) {
      const last = chain[chain.length - 1] as number;
      const next = attempt < 10 ? friendOf(rng, population, last) : randomPerson(rng, population);
      if (!chain.includes(next)) chain.push(next);
    }
    const repeats = rng.int(1, 3);
    for (let r = 0; r < repeats; r += 1) {
      let amount = rng.logNormal(800, 1.0);
      let time = ledger.anyTime(() => rng.next());
      for (let hop = 0; hop + 1 < chain.length; hop += 1) {
        ledger.add(chain[hop] as number, chain[hop + 1] as number, amount, time);
        amount *= rng.uniform(0.85, 1);
        time += rng.uniform(0.05, 2);
      }
    }
  }
}
