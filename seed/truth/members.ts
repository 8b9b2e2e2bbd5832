/**
 * Lists a ring's members for the ground truth. Convention: each person in the ring is listed as a
 * `Person` with their role, and so is every identifier they control in the ring's work, with the
 * same role and a `controller`: their own phone number, SIM and handset, their bank and platform
 * accounts, a caller's SIM box or burner phones with all their SIMs and numbers, the scam accounts
 * a caller operates, the ringleader's consolidation account. Mule and cash-out accounts are listed
 * with role `mule` (with their layer) or `cash_out`, controlled by the herder or organiser who runs
 * them; their holders (recruits who sold their names) are listed as `Person`s in the same role.
 * An entity is listed once per ring, with the first role that claims it.
 */
import type { BankAccount, Line, Person, PlatformAccount } from '../population/model';
import type { Ring, Role } from '../rings/model';
import {
  bankAccountEntity,
  deviceEntity,
  personEntity,
  phoneEntity,
  platformAccountEntity,
  simEntity,
} from './entities';
import type { TruthMember } from './model';

class MemberList {
  readonly members: TruthMember[] = [];
  private readonly seen = new Set<string>();

  add(entity: string, role: Role, controller?: Person, layer?: number): void {
    if (this.seen.has(entity)) return;
    this.seen.add(entity);
    const member: TruthMember = { entity, role };
    if (layer !== undefined) member.layer = layer;
    if (controller) member.controller = personEntity(controller);
    this.members.push(member);
  }

  line(line: Line, role: Role, controller: Person): void {
    this.add(phoneEntity(line.sim.msisdn), role, controller);
    this.add(simEntity(line.sim.imsi), role, controller);
    this.add(deviceEntity(line.imei), role, controller);
    if (line.newHandset) this.add(deviceEntity(line.newHandset.imei), role, controller);
  }

  person(person: Person, role: Role): void {
    this.add(personEntity(person), role);
    this.line(person.line, role, person);
    if (person.secondLine) this.line(person.secondLine, role, person);
    for (const account of person.accounts) this.add(bankAccountEntity(account), role, person);
    for (const account of Object.values(person.handles)) {
      this.add(platformAccountEntity(account), role, person);
    }
  }

  account(account: BankAccount, role: Role, controller: Person, layer?: number): void {
    this.add(bankAccountEntity(account), role, controller, layer);
  }

  platform(account: PlatformAccount, role: Role, controller: Person): void {
    this.add(platformAccountEntity(account), role, controller);
  }
}

/** Every entity of `ring`, with its role. */
export function ringMembers(ring: Ring): TruthMember[] {
  const list = new MemberList();
  list.person(ring.leader, 'ringleader');
  list.account(ring.consolidation, 'ringleader', ring.leader);
  for (const organiser of ring.organisers) list.person(organiser, 'organiser');
  for (const caller of ring.callers) {
    list.person(caller.person, 'caller');
    for (const imei of caller.devices) list.add(deviceEntity(imei), 'caller', caller.person);
    for (const { line } of caller.sims) list.line(line, 'caller', caller.person);
  }
  for (const { account, operator } of ring.scamHandles) list.platform(account, 'caller', operator);
  for (const herder of ring.herders) list.person(herder, 'mule_herder');
  ring.layers.forEach((layer, index) => {
    for (const mule of layer) {
      list.account(mule.account, 'mule', mule.controller, index + 1);
      if (mule.platformAccount) list.platform(mule.platformAccount, 'mule', mule.controller);
      list.add(personEntity(mule.holder), 'mule');
    }
  });
  for (const cashOut of ring.cashOut) {
    list.account(cashOut.account, 'cash_out', cashOut.controller);
    list.add(personEntity(cashOut.holder), 'cash_out');
  }
  return list.members;
}
