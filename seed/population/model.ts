/**
 * The entities of a scenario's world: people with their phone lines, bank accounts and platform
 * accounts, and the organisations around them (employers, merchants, payment processors, call
 * centres, courier companies, the pension fund). Events are never stored here; they are written as
 * they are generated.
 */
import type { BankCode } from '../ids/banks';
import type { Sim } from '../ids/phones';
import type { Platform } from '../ids/platforms';
import type { WeightedTable } from '../../server/lib/random';

/** A SIM in a handset: a phone line as the operator sees it. */
export interface Line {
  sim: Sim;
  /** The handset the SIM sits in from the start of the period. */
  imei: string;
  /** The cell the line is usually served by. */
  cell: string;
  /** A later handset, from period day `day` on. */
  newHandset: { day: number; imei: string } | null;
}

/** The handset a line uses on period day `day`. */
export function imeiOn(line: Line, day: number): string {
  return line.newHandset && day >= line.newHandset.day ? line.newHandset.imei : line.imei;
}

export interface BankAccount {
  bank: BankCode;
  number: string;
  holderId: string;
  holderName: string;
  /** National digits of the mobile number the bank registered for the holder; '' for a company. */
  holderPhone: string;
  openedAt: number;
}

export interface PlatformAccount {
  platform: Platform;
  handle: string;
  displayName: string;
  /** National digits of the registered phone number, or '' when none was given. */
  phone: string;
  registeredAt: number;
  registrationIp: string;
  registrationImei: string;
}

export interface Person {
  index: number;
  /** Resident identity number: the holder id banks report, and the ground-truth person id. */
  id: string;
  name: string;
  pinyin: string;
  birthYear: number;
  line: Line;
  /** A second SIM in the same handset (dual-SIM phones), or null. */
  secondLine: Line | null;
  /** Bank accounts, the one salaries arrive on first. */
  accounts: BankAccount[];
  handles: Partial<Record<Platform, PlatformAccount>>;
  household: number;
  neighbourhood: number;
  /** Employer index, or -1. */
  workplace: number;
  /** How much this person calls and pays relative to others (heavy-tailed, median 1). */
  activity: number;
  /** Monthly pay or pension, minor units. */
  income: number;
  homeIp: string;
}

export type OrganisationKind =
  | 'employer'
  | 'merchant'
  | 'payment_processor'
  | 'call_centre'
  | 'courier_company'
  | 'pension_fund';

export interface Organisation {
  kind: OrganisationKind;
  /** Unified social credit code: the holder id of its accounts. */
  id: string;
  name: string;
  account: BankAccount;
  /** Its phone lines: a shop phone, call-centre agents, couriers' work phones. */
  lines: Line[];
  cell: string;
}

export interface Employer extends Organisation {
  kind: 'employer';
  /** Day of the month salaries are paid. */
  payday: number;
  employees: Int32Array;
}

export interface Merchant extends Organisation {
  kind: 'merchant';
  /** Index of the payment processor that collects for it, or -1 when paid directly. */
  processor: number;
  /** Median purchase, minor units. */
  typicalAmount: number;
}

/** Friend lists in compressed form: friends of person p are targets[offsets[p]..offsets[p+1]). */
export interface Adjacency {
  offsets: Int32Array;
  targets: Int32Array;
}

export interface Population {
  people: Person[];
  /** Picks people in proportion to their activity: who makes the next call or payment. */
  activity: WeightedTable;
  /** Sum of everyone's activity: the expected events of a day are rate × totalActivity. */
  totalActivity: number;
  /** People who change handsets during the period. */
  handsetChangers: Person[];
  /** People of household h are indices householdStart[h]..householdStart[h+1]-1. */
  householdStart: Int32Array;
  /** People of neighbourhood n are indices neighbourhoodStart[n]..neighbourhoodStart[n+1]-1. */
  neighbourhoodStart: Int32Array;
  friends: Adjacency;
  employers: Employer[];
  merchants: Merchant[];
  /** Picks merchants by popularity (Zipf). */
  merchantPopularity: WeightedTable;
  processors: Organisation[];
  callCentres: Organisation[];
  courierCompanies: Organisation[];
  pensionFund: Organisation;
  cellCount: number;
}
