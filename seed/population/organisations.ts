/**
 * Organisations around the people: employers (workplace sizes heavy-tailed, a payday each),
 * merchants (Zipf popularity; some collect through a payment processor), payment processors,
 * outbound call centres and courier companies (legitimately busy numbers calling strangers), and
 * the pension fund paying retirees.
 */
import { pickBank } from '../ids/banks';
import type { Issuers } from '../ids/issuers';
import { cellId } from '../ids/places';
import type { ScenarioOptions } from '../options';
import { WeightedTable, zipfWeights, type Rng } from '../../server/lib/random';
import type { Period } from '../time';
import { newCorporateAccount, newLine } from './make';
import type { Employer, Merchant, Organisation, OrganisationKind, Person } from './model';
import { ageOf, daysBefore } from './people';

const COMPANY_WORDS = [
  '华信',
  '博远',
  '恒达',
  '金桥',
  '新纪元',
  '东方',
  '瑞丰',
  '鼎盛',
  '汇通',
  '启明',
];
const INDUSTRIES = ['科技', '贸易', '物流', '建设', '餐饮管理', '医疗器械', '文化传媒', '电子'];
const SHOP_KINDS: readonly (readonly [string, number])[] = [
  ['便利店', 3_500],
  ['餐厅', 9_000],
  ['水果店', 4_500],
  ['药房', 6_000],
  ['超市', 12_000],
  ['理发店', 8_000],
  ['面馆', 3_000],
  ['服装店', 25_000],
];
const STREETS = ['长寿路', '张江', '七宝', '五角场', '陆家嘴', '田林', '莘庄', '大场', '曹家渡'];
const PAYDAYS = [5, 10, 10, 15, 15, 15, 20, 25];

function organisation(
  rng: Rng,
  issuers: Issuers,
  period: Period,
  kind: OrganisationKind,
  name: string,
  cell: string,
): Organisation {
  const id = issuers.creditCode();
  return {
    kind,
    id,
    name,
    account: newCorporateAccount(
      issuers,
      pickBank(rng),
      { id, name },
      daysBefore(rng, period, 200, 5000),
    ),
    lines: [],
    cell,
  };
}

function randomCell(rng: Rng, cellCount: number): string {
  return cellId(rng.int(0, cellCount - 1));
}

/** Employers for working-age people (20-60, most of them employed); sets each `workplace`. */
export function buildEmployers(
  people: Person[],
  rng: Rng,
  issuers: Issuers,
  period: Period,
  cellCount: number,
): Employer[] {
  const workers = rng.shuffle(
    people.filter((person) => {
      const age = ageOf(person, period);
      return age >= 20 && age <= 60 && rng.chance(0.85);
    }),
  );
  const maxSize = Math.max(20, Math.floor(people.length / 10));
  const employers: Employer[] = [];
  for (let next = 0; next < workers.length;) {
    const size = Math.min(Math.floor(rng.pareto(3, 1.1)), maxSize, workers.length - next);
    const name = `上海${rng.pick(COMPANY_WORDS)}${rng.pick(INDUSTRIES)}有限公司`;
    const base = organisation(rng, issuers, period, 'employer', name, randomCell(rng, cellCount));
    const staff = workers.slice(next, next + size);
    for (const person of staff) person.workplace = employers.length;
    employers.push({
      ...base,
      kind: 'employer',
      payday: rng.pick(PAYDAYS),
      employees: Int32Array.from(staff.map((person) => person.index)),
    });
    next += size;
  }
  return employers;
}

/** Payment processors that collect for merchants and settle with them daily. */
export function buildProcessors(rng: Rng, issuers: Issuers, period: Period): Organisation[] {
  return ['汇付通支付有限公司', '银联信付科技有限公司', '易收宝网络支付有限公司'].map((name) =>
    organisation(rng, issuers, period, 'payment_processor', name, cellId(0)),
  );
}

/** Merchants: a Zipf popularity table and each merchant's shop phone. */
export function buildMerchants(
  options: ScenarioOptions,
  rng: Rng,
  issuers: Issuers,
  period: Period,
  cellCount: number,
  processorCount: number,
): { merchants: Merchant[]; popularity: WeightedTable } {
  const count = Math.max(20, Math.round(options.people / options.peoplePerMerchant));
  const merchants: Merchant[] = [];
  for (let i = 0; i < count; i += 1) {
    const [kind, typical] = rng.pick(SHOP_KINDS);
    const cell = randomCell(rng, cellCount);
    const name = `${rng.pick(COMPANY_WORDS)}${kind}(${rng.pick(STREETS)}店)`;
    const base = organisation(rng, issuers, period, 'merchant', name, cell);
    base.lines.push(newLine(rng, issuers, 'smartphone', cell));
    merchants.push({
      ...base,
      kind: 'merchant',
      processor: rng.chance(0.35) ? rng.int(0, processorCount - 1) : -1,
      typicalAmount: Math.round(rng.logNormal(typical, 0.3)),
    });
  }
  return { merchants, popularity: new WeightedTable(zipfWeights(count, 1.05)) };
}

/** Outbound call centres (bank card services, broadband sales), each with its agents' lines. */
export function buildCallCentres(
  options: ScenarioOptions,
  rng: Rng,
  issuers: Issuers,
  period: Period,
  cellCount: number,
): Organisation[] {
  const count = Math.max(1, Math.round(options.people / options.peoplePerCallCentre));
  const services = ['信用卡客户服务中心', '宽带业务营销中心', '保险续保服务中心', '售后回访中心'];
  return Array.from({ length: count }, (_, i) => {
    const cell = randomCell(rng, cellCount);
    const name = `上海${rng.pick(COMPANY_WORDS)}${services[i % services.length] ?? '客服中心'}`;
    const centre = organisation(rng, issuers, period, 'call_centre', name, cell);
    const agents = rng.int(3, 8);
    for (let a = 0; a < agents; a += 1)
      centre.lines.push(newLine(rng, issuers, 'smartphone', cell));
    return centre;
  });
}

/** Courier companies and their couriers' work phones (many short calls to recipients). */
export function buildCourierCompanies(
  options: ScenarioOptions,
  rng: Rng,
  issuers: Issuers,
  period: Period,
  cellCount: number,
): Organisation[] {
  const couriers = Math.max(3, Math.round(options.people / options.peoplePerCourier));
  const companies = ['迅达快递有限公司', '同城闪送物流有限公司', '安捷速运有限公司'].map((name) =>
    organisation(rng, issuers, period, 'courier_company', name, randomCell(rng, cellCount)),
  );
  for (let c = 0; c < couriers; c += 1) {
    const company = companies[c % companies.length] as Organisation;
    company.lines.push(newLine(rng, issuers, 'smartphone', randomCell(rng, cellCount)));
  }
  return companies;
}

/** The pension fund paying everyone over 60 once a month. */
export function buildPensionFund(rng: Rng, issuers: Issuers, period: Period): Organisation {
  return organisation(
    rng,
    issuers,
    period,
    'pension_fund',
    '上海市社会保险事业管理中心',
    cellId(0),
  );
}
