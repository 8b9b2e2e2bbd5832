/**
 * Collects the ground truth while a scenario is generated: ring members when the rings are built,
 * each victim payment's paths as the money moves, and the legitimately busy entities of the
 * background.
 */
import { accountKey } from '../ids/banks';
import type { WrittenTransfer } from '../output/events';
import type { Population } from '../population/model';
import type { Ring } from '../rings/model';
import type { VictimPlan } from '../rings/victims';
import type { VariantName } from '../variants';
import { formatTime, type Period } from '../time';
import { bankAccountEntity, personEntity, phoneEntity } from './entities';
import { ringMembers } from './members';
import type { Truth, TruthBusyEntity, TruthHop } from './model';

function hop(transfer: WrittenTransfer): TruthHop {
  return {
    transferId: transfer.transferId,
    fromAccount: accountKey(transfer.from.bank, transfer.from.number),
    toAccount: accountKey(transfer.to.bank, transfer.to.number),
    amountMinor: transfer.amountMinor,
    time: formatTime(transfer.time),
  };
}

/** Busy numbers and accounts of the background that belong to no ring. */
function busyLegitimate(population: Population): TruthBusyEntity[] {
  const busy: TruthBusyEntity[] = [];
  for (const centre of population.callCentres) {
    for (const line of centre.lines)
      busy.push({ entity: phoneEntity(line.sim.msisdn), kind: 'call_centre' });
  }
  for (const company of population.courierCompanies) {
    for (const line of company.lines)
      busy.push({ entity: phoneEntity(line.sim.msisdn), kind: 'courier' });
  }
  for (const processor of population.processors) {
    busy.push({ entity: bankAccountEntity(processor.account), kind: 'payment_processor' });
  }
  busy.push({ entity: bankAccountEntity(population.pensionFund.account), kind: 'pension_fund' });
  const biggest = [...population.employers].sort((a, b) => b.employees.length - a.employees.length);
  for (const employer of biggest.slice(0, 3)) {
    busy.push({ entity: bankAccountEntity(employer.account), kind: 'employer' });
  }
  for (const merchant of population.merchants.slice(0, 3)) {
    busy.push({ entity: bankAccountEntity(merchant.account), kind: 'merchant' });
  }
  return busy;
}

/** Builds `truth.json`'s content as the scenario unfolds. */
export class TruthRecorder {
  readonly truth: Truth;

  constructor(
    seed: number,
    size: string,
    variant: VariantName,
    period: Period,
    rings: readonly Ring[],
    population: Population,
  ) {
    this.truth = {
      seed,
      size,
      variant,
      period: { start: formatTime(period.start), end: formatTime(period.end) },
      rings: rings.map((ring) => ({
        id: ring.id,
        script: ring.script,
        members: ringMembers(ring),
      })),
      victimPayments: [],
      busyLegitimate: busyLegitimate(population),
    };
  }

  /** Records one victim payment and the chains of transfers it started. */
  payment(plan: VictimPlan, chains: WrittenTransfer[][]): void {
    this.truth.victimPayments.push({
      victim: personEntity(plan.victim),
      case: plan.report?.caseNumber ?? null,
      ring: plan.ring.id,
      paths: chains.map((chain) => chain.map(hop)),
    });
  }
}
