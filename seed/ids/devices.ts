/**
 * Handsets and gateways: IMEIs of 15 digits, an 8-digit type allocation code (TAC) of a common
 * model, a 6-digit serial and a Luhn check digit. Ordinary phones, cheap burner phones and GSM
 * gateway modules (the hardware inside SIM boxes) draw from different TACs.
 */
import type { Rng } from '../../server/lib/random';
import { luhnCheckDigit, scrambleDigits, seriesKey } from './digits';

export type DeviceClass = 'smartphone' | 'burner' | 'gateway';

/**
 * TACs with a relative popularity: 35... codes are issued through the GSMA's reporting bodies
 * (international brands), 86... through China's TAF (domestic brands and modules).
 */
const TACS: Record<DeviceClass, readonly (readonly [string, number])[]> = {
  smartphone: [
    ['35391110', 9],
    ['35328311', 8],
    ['35699911', 7],
    ['35407115', 6],
    ['35287711', 4],
    ['35332011', 3],
    ['35445311', 3],
    ['35674108', 2],
    ['86891503', 8],
    ['86769104', 7],
    ['86215404', 7],
    ['86681603', 6],
    ['86446205', 6],
    ['86753305', 5],
    ['86012305', 5],
    ['86869004', 4],
    ['86497804', 4],
    ['86398905', 4],
    ['86756106', 3],
    ['86145806', 3],
    ['86291905', 3],
    ['86983104', 2],
    ['86524006', 2],
    ['86072905', 2],
  ],
  burner: [
    ['86735003', 3],
    ['86512702', 2],
    ['86036703', 2],
    ['35489002', 1],
  ],
  gateway: [
    ['86278103', 3],
    ['86694103', 2],
    ['86425802', 1],
  ],
};

/** Issues IMEIs that are unique by construction (a running serial per TAC). */
export class ImeiIssuer {
  private readonly issuedPerTac = new Map<string, number>();
  private readonly key: number;

  constructor(rng: Rng) {
    this.key = rng.nextUint32();
  }

  /** A new IMEI of a device of the given class. */
  issue(rng: Rng, deviceClass: DeviceClass): string {
    const tac = rng.weighted(TACS[deviceClass]);
    const serialCounter = this.issuedPerTac.get(tac) ?? 0;
    if (serialCounter >= 1_000_000) throw new Error(`seed/ids: TAC ${tac} has no serials left`);
    this.issuedPerTac.set(tac, serialCounter + 1);
    const body = `${tac}${scrambleDigits(serialCounter, 6, seriesKey(this.key, tac))}`;
    return `${body}${luhnCheckDigit(body)}`;
  }
}
