/**
 * All identifier issuers of one scenario, created together from one random stream so that every
 * number, IMEI, account and handle is unique within the scenario.
 */
import type { Rng } from '../../server/lib/random';
import { BankIssuer } from './banks';
import { ImeiIssuer } from './devices';
import { creditCode, ResidentIdIssuer } from './people';
import { SimIssuer } from './phones';
import { HandleIssuer } from './platforms';
import { AddressIssuer } from './places';

export interface Issuers {
  sims: SimIssuer;
  imeis: ImeiIssuer;
  banks: BankIssuer;
  handles: HandleIssuer;
  addresses: AddressIssuer;
  residentIds: ResidentIdIssuer;
  /** A new company credit code. */
  creditCode(): string;
}

/** Issuers for a scenario of `people` people. */
export function createIssuers(rng: Rng, people: number): Issuers {
  const creditKey = rng.nextUint32();
  let companies = 0;
  return {
    sims: new SimIssuer(rng),
    imeis: new ImeiIssuer(rng),
    banks: new BankIssuer(rng),
    handles: new HandleIssuer(rng),
    addresses: new AddressIssuer(rng, Math.ceil(people / 150)),
    residentIds: new ResidentIdIssuer(),
    creditCode: () => creditCode(companies++, creditKey),
  };
}
