/**
 * The watch state: which identities early warning watches and why, kept in memory so that every
 * arriving event is scored without a query, and rebuilt from the graph (`build.ts`) at start and
 * whenever what it is made of changes (a finished analysis run, a new report). Pure: no I/O.
 *
 * What is watched:
 * - members of the rings of the latest analysis run, with their roles;
 * - numbers, accounts and platform accounts named in victims' reports;
 * - accounts still holding money traced from a report (`traced_money`);
 * - accounts under a stop or freeze (`under_stop`);
 * - identities tied to ring members through a handset, a SIM or a shared registration.
 *
 * Two questions the rules ask are answered from it: does paying into this account warn
 * (`paysIntoWatched`), and does a call from this number warn (`callsWarn`). Paying into a ring
 * member's own account (a ringleader's salary account) does not; paying into its mule and cash-out
 * accounts, an account a report names, or one under a stop does. Calls from a ring's callers, from the SIMs in their handsets and from reported
 * numbers warn; the other numbers of ring members (their family lines) do not.
 * It also remembers whom watched numbers worked on recently (`workedOn`), for the urgent rule.
 */
import type { WatchReason } from '../contract/warning';

/** Ring roles whose accounts take victims' money. */
const MONEY_ROLES: ReadonlySet<string> = new Set(['mule', 'cash_out']);
/** Ring roles whose numbers, SIMs and handsets call victims. */
const CALLER_ROLES: ReadonlySet<string> = new Set(['caller']);

export interface WatchEntry {
  readonly type: string;
  readonly id: string;
  /** Why it is watched, each with a detail in plain words (which ring, which case). */
  readonly reasons: Map<WatchReason, string>;
}

/** A ring member as the latest analysis run names it. */
export interface RingMemberRow {
  readonly ring: string;
  readonly type: string;
  readonly id: string;
  readonly role: string;
}

/** A contact by a watched number: who called whom, when, in which call. */
export interface WatchedCall {
  readonly caller: string;
  readonly at: number;
  readonly callId: string;
}

/** A person a watched number talked to recently. */
export interface WorkedOn {
  readonly number: string;
  readonly personId: string | null;
  readonly calls: WatchedCall[];
}

const key = (type: string, id: string) => `${type}:${id}`;

/** Why a number's calls or payments into an account warn: the watch reason and its detail. */
interface Why {
  readonly reason: WatchReason;
  readonly detail: string;
}

function dropWhere(map: Map<string, Why>, reasons: readonly WatchReason[]): void {
  for (const [id, why] of map) if (reasons.includes(why.reason)) map.delete(id);
}

export class WatchState {
  readonly #entries = new Map<string, WatchEntry>();
  /** Ring member handsets and SIMs by id, with ring and role: ties are found through them. */
  readonly #ringDevices = new Map<string, { ring: string; caller: boolean }>();
  readonly #ringSims = new Map<string, { ring: string; caller: boolean }>();
  /** Numbers whose calls warn, with why. */
  readonly #callers = new Map<string, Why>();
  /** Accounts paying into which warns, with why. */
  readonly #moneyAccounts = new Map<string, Why>();
  /** Ring members' own people and accounts: their payments are not victims'. */
  readonly #ringOwn = new Set<string>();
  /** People a watched number talked to, by their accounts and by their number. */
  readonly #workedByAccount = new Map<string, WorkedOn>();
  readonly #workedByNumber = new Map<string, WorkedOn>();
  #runId: string | null = null;
  #builtAt = new Date(0);

  get runId(): string | null {
    return this.#runId;
  }

  get builtAt(): Date {
    return this.#builtAt;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Every entry (for the watch list). */
  entries(): WatchEntry[] {
    return [...this.#entries.values()];
  }

  reasonsOf(type: string, id: string): ReadonlyMap<WatchReason, string> | undefined {
    return this.#entries.get(key(type, id))?.reasons;
  }

  /** Adds a reason to watch an identity; true when the identity is new to the watch list. */
  add(type: string, id: string, reason: WatchReason, detail: string): boolean {
    const k = key(type, id);
    const entry = this.#entries.get(k);
    if (entry) {
      if (!entry.reasons.has(reason)) entry.reasons.set(reason, detail);
      return false;
    }
    this.#entries.set(k, { type, id, reasons: new Map([[reason, detail]]) });
    return true;
  }

  #dropReason(reasons: readonly WatchReason[]): void {
    for (const [k, entry] of this.#entries) {
      for (const reason of reasons) entry.reasons.delete(reason);
      if (entry.reasons.size === 0) this.#entries.delete(k);
    }
  }

  /**
   * Replaces the ring members (and the ties found through them) with those of analysis run
   * `runId`; the other reasons stay.
   */
  setRings(runId: string | null, members: readonly RingMemberRow[]): void {
    this.#dropReason(['ring_member', 'tied_to_ring']);
    this.#runId = runId;
    this.#ringDevices.clear();
    this.#ringSims.clear();
    this.#ringOwn.clear();
    dropWhere(this.#callers, ['ring_member', 'tied_to_ring']);
    dropWhere(this.#moneyAccounts, ['ring_member', 'tied_to_ring']);
    for (const member of members) {
      const detail = `ring ${member.ring}, ${member.role.replace('_', ' ')}`;
      this.add(member.type, member.id, 'ring_member', detail);
      const caller = CALLER_ROLES.has(member.role);
      if (member.type === 'Device') this.#ringDevices.set(member.id, { ring: member.ring, caller });
      if (member.type === 'SIM') this.#ringSims.set(member.id, { ring: member.ring, caller });
      if (member.type === 'PhoneNumber' && caller) {
        this.#callers.set(member.id, { reason: 'ring_member', detail: `ring caller (${detail})` });
      }
      if (member.type === 'BankAccount') {
        if (MONEY_ROLES.has(member.role)) {
          this.#moneyAccounts.set(member.id, {
            reason: 'ring_member',
            detail: `ring ${member.role.replace('_', '-')} account (${detail})`,
          });
        } else this.#ringOwn.add(key(member.type, member.id));
      }
      if (member.type === 'Person') this.#ringOwn.add(key(member.type, member.id));
    }
  }

  /** The ring handsets and SIMs (for finding what is tied to them). */
  ringHandsets(): { devices: string[]; sims: string[] } {
    return { devices: [...this.#ringDevices.keys()], sims: [...this.#ringSims.keys()] };
  }

  /**
   * An identity tied to a ring member (`via`, of `viaType`); a SIM or number tied to a caller's
   * handset calls as the ring's caller would. True when it is new to the watch list.
   */
  tie(type: string, id: string, viaType: string, via: string): boolean {
    const ring =
      viaType === 'Device'
        ? this.#ringDevices.get(via)
        : viaType === 'SIM'
          ? this.#ringSims.get(via)
          : undefined;
    const detail = `shares ${viaType === 'Device' ? 'handset' : viaType === 'SIM' ? 'SIM' : viaType === 'IPAddress' ? 'registration address' : 'registration number'} ${via} with ring ${ring?.ring ?? 'members'}`;
    const added = this.add(type, id, 'tied_to_ring', detail);
    if (ring?.caller && viaType === 'Device') {
      if (type === 'PhoneNumber' && !this.#callers.has(id)) {
        this.#callers.set(id, { reason: 'tied_to_ring', detail: `in ring caller handset ${via}` });
      }
      if (type === 'SIM' && !this.#ringSims.has(id)) {
        this.#ringSims.set(id, { ring: ring.ring, caller: true });
      }
    }
    if (ring && viaType === 'SIM' && type === 'Device' && !this.#ringDevices.has(id)) {
      this.#ringDevices.set(id, ring);
    }
    return added;
  }

  /** Replaces the identities named in reports. */
  setReported(rows: readonly { type: string; id: string; cases: readonly string[] }[]): void {
    this.#dropReason(['named_in_report']);
    dropWhere(this.#callers, ['named_in_report']);
    dropWhere(this.#moneyAccounts, ['named_in_report']);
    for (const row of rows) this.addReported(row.type, row.id, row.cases);
  }

  /** An identity named in the reports `cases`. */
  addReported(type: string, id: string, cases: readonly string[]): void {
    const detail = `named in report${cases.length > 1 ? 's' : ''} ${cases.slice(0, 3).join(', ')}${cases.length > 3 ? ` and ${cases.length - 3} more` : ''}`;
    this.add(type, id, 'named_in_report', detail);
    if (type === 'PhoneNumber' && !this.#callers.has(id)) {
      this.#callers.set(id, { reason: 'named_in_report', detail: `number ${detail}` });
    }
    if (type === 'BankAccount' && !this.#moneyAccounts.has(id)) {
      this.#moneyAccounts.set(id, { reason: 'named_in_report', detail: `account ${detail}` });
    }
  }

  /**
   * An account still holding money traced from a report, or under a stop. Paying into an account
   * under a stop warns; paying into one that merely holds traced money does not: the money reached
   * it hops after the victim paid, and the people who pay such an account directly (a mule's family,
   * a shop) are not victims. It is watched, and its own alert proposes the stop.
   */
  addMoneyAccount(id: string, reason: 'traced_money' | 'under_stop', detail: string): void {
    this.add('BankAccount', id, reason, detail);
    if (reason === 'under_stop' && !this.#moneyAccounts.has(id)) {
      this.#moneyAccounts.set(id, { reason, detail });
    }
    this.#ringOwn.add(key('BankAccount', id));
  }

  /** Why a call from this number warns, or undefined when it does not. */
  callsWarn(number: string): string | undefined {
    return this.#callers.get(number)?.detail;
  }

  /** Why a call made through this SIM or handset warns (a ring caller's), or undefined. */
  callerHandset(sim: string | null, device: string | null): string | undefined {
    if (device && this.#ringDevices.get(device)?.caller)
      return `made from ring caller handset ${device}`;
    if (sim && this.#ringSims.get(sim)?.caller) return `made with ring caller SIM ${sim}`;
    return undefined;
  }

  /** Why paying into this account warns, or undefined when it does not. */
  paysIntoWatched(account: string): string | undefined {
    return this.#moneyAccounts.get(account)?.detail;
  }

  /** Whether the account is itself a watched money account or a ring member's own. */
  isRingSide(type: string, id: string): boolean {
    if (type === 'BankAccount' && this.#moneyAccounts.has(id)) return true;
    return this.#ringOwn.has(key(type, id));
  }

  /** Whether a handset is a ring member's (or tied to one through a SIM). */
  ringHandset(device: string): { ring: string; caller: boolean } | undefined {
    return this.#ringDevices.get(device);
  }

  ringSim(sim: string): { ring: string; caller: boolean } | undefined {
    return this.#ringSims.get(sim);
  }

  /** Remembers that a watched number talked to `number` (a person with `accounts`). */
  workedOn(
    number: string,
    personId: string | null,
    accounts: readonly string[],
    call: WatchedCall,
  ): void {
    const existing = this.#workedByNumber.get(number);
    const worked = existing ?? { number, personId, calls: [] };
    if (!worked.calls.some((c) => c.callId === call.callId)) worked.calls.push(call);
    this.#workedByNumber.set(number, worked);
    for (const account of accounts) this.#workedByAccount.set(account, worked);
  }

  /** Calls by watched numbers to `number` within `windowMs` before `at`. */
  recentCallsTo(number: string, at: number, windowMs: number): WatchedCall[] {
    return (this.#workedByNumber.get(number)?.calls ?? []).filter(
      (call) => call.at <= at && at - call.at <= windowMs,
    );
  }

  /** Calls by watched numbers to the holder of `account` within `windowMs` before `at`. */
  recentCallsToHolderOf(account: string, at: number, windowMs: number): WorkedOn | undefined {
    const worked = this.#workedByAccount.get(account);
    if (!worked) return undefined;
    const calls = worked.calls.filter((call) => call.at <= at && at - call.at <= windowMs);
    return calls.length > 0 ? { ...worked, calls } : undefined;
  }

  /** Forgets contacts older than `windowMs` before `now` (record time). */
  forgetBefore(now: number, windowMs: number): void {
    for (const [number, worked] of this.#workedByNumber) {
      const kept = worked.calls.filter((call) => now - call.at <= windowMs);
      if (kept.length > 0) {
        worked.calls.splice(0, worked.calls.length, ...kept);
        continue;
      }
      this.#workedByNumber.delete(number);
      for (const [account, w] of this.#workedByAccount) {
        if (w === worked) this.#workedByAccount.delete(account);
      }
    }
  }

  markBuilt(at: Date): void {
    this.#builtAt = at;
  }
}
