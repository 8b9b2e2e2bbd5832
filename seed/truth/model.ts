/**
 * The ground truth of a scenario (`truth.json`): which entities form which ring in which role, and
 * where every victim payment went. It is written beside the partner files and never loaded into
 * the graph; it exists to check what Ringtrace finds.
 */
import type { Role, ScamScript } from '../rings/model';
import type { VariantName } from '../variants';

/** One entity of a ring, listed with the role of the ring member who controls it. */
export interface TruthMember {
  entity: string;
  role: Role;
  /** Mule bank accounts only: 1 for accounts victims pay, up to 5. */
  layer?: number;
  /** For entities that are not people: the `Person:` entity of the member controlling it. */
  controller?: string;
}

export interface TruthRing {
  id: string;
  script: ScamScript;
  members: TruthMember[];
}

/** One transfer of a victim payment's path. */
export interface TruthHop {
  transferId: string;
  /** `BANK:NUMBER` */
  fromAccount: string;
  toAccount: string;
  amountMinor: number;
  /** As written in bank-transfers.csv. */
  time: string;
}

export interface TruthVictimPayment {
  victim: string;
  /** Case number of the victim's police report, or null when the victim did not report. */
  case: string | null;
  ring: string;
  /** Root-to-leaf chains of the payment's tree: each starts with the victim's own transfer. */
  paths: TruthHop[][];
}

/** A legitimately busy entity that a naive rule might flag. */
export interface TruthBusyEntity {
  entity: string;
  kind: 'call_centre' | 'courier' | 'payment_processor' | 'pension_fund' | 'employer' | 'merchant';
}

export interface Truth {
  seed: number;
  size: string;
  /** Which files were written (`seed/variants.ts`); members are restricted to what they name. */
  variant: VariantName;
  period: { start: string; end: string };
  rings: TruthRing[];
  victimPayments: TruthVictimPayment[];
  busyLegitimate: TruthBusyEntity[];
}
