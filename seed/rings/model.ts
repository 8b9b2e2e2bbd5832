/**
 * Scam rings as the generator plans them: the people in each role, the callers' SIM boxes and
 * burner phones, the mule layers and cash-out accounts, and the accounts that contact victims.
 */
import type { BankAccount, Line, Person, PlatformAccount } from '../population/model';

export const SCRIPTS = [
  'fake_police',
  'safety_deposit',
  'shopping_refund',
  'investment',
  'game_coupon',
] as const;
export type ScamScript = (typeof SCRIPTS)[number];

export const ROLES = [
  'ringleader',
  'organiser',
  'caller',
  'mule_herder',
  'mule',
  'cash_out',
] as const;
export type Role = (typeof ROLES)[number];

/** A SIM a caller uses on days fromDay..toDay-1 of the period. */
export interface CallerSim {
  line: Line;
  fromDay: number;
  toDay: number;
}

/** A caller and the kit they call victims with. */
export interface Caller {
  person: Person;
  /** A SIM box: one gateway cycling many SIMs; or burner phones, each with a few SIMs in turn. */
  kind: 'sim_box' | 'burner';
  /** IMEIs of the gateway or burner handsets. */
  devices: string[];
  sims: CallerSim[];
  /** Outgoing calls per day. */
  callsPerDay: number;
}

/** A bank account used to receive and pass on victims' money, and who runs it. */
export interface MuleAccount {
  account: BankAccount;
  holder: Person;
  /** The herder (or, for cash-out accounts, the organiser) who controls it. */
  controller: Person;
  /** Platform account opened for it from the controller's handset, if any. */
  platformAccount: PlatformAccount | null;
  /** Handset and address its platform account was opened and is used from. */
  controllerImei: string;
  controllerIp: string;
}

export interface Ring {
  id: string;
  script: ScamScript;
  leader: Person;
  organisers: Person[];
  callers: Caller[];
  herders: Person[];
  /** Mule layers, first (paid by victims) to last; 2 to 5 of them. */
  layers: MuleAccount[][];
  /** Accounts at the end of the layers; swept to the ringleader's consolidation account. */
  cashOut: MuleAccount[];
  /** The ringleader's account receiving consolidated money. */
  consolidation: BankAccount;
  /** Platform accounts the callers contact victims with. */
  scamHandles: { account: PlatformAccount; operator: Person }[];
  /** The address the ring's herders and callers work from. */
  baseIp: string;
}
