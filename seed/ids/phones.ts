/**
 * Chinese mobile SIMs: 11-digit numbers on real operator prefixes, IMSIs (460 + MNC + 10 digits)
 * and ICCIDs (8986..., 19 or 20 digits, Luhn-checked), and the ways a number is written in
 * partner files. Every number's E.164 form is `+86` and its 11 digits.
 */
import type { Rng } from '../../server/lib/random';
import { luhnCheckDigit, scrambleDigits, seriesKey } from './digits';

export type Operator = 'china_mobile' | 'china_unicom' | 'china_telecom';

interface OperatorPlan {
  /** Mobile network code in the IMSI (MCC 460). */
  mnc: string;
  /** Issuer digits after 8986 in the ICCID. */
  iccidIssuer: string;
  /** Number prefixes with relative weights. */
  prefixes: readonly (readonly [string, number])[];
  /** Market share. */
  share: number;
}

const OPERATORS: Record<Operator, OperatorPlan> = {
  china_mobile: {
    mnc: '00',
    iccidIssuer: '00',
    prefixes: [
      ['135', 3],
      ['136', 3],
      ['137', 2],
      ['138', 4],
      ['139', 4],
      ['150', 2],
      ['151', 2],
      ['152', 1],
      ['157', 1],
      ['158', 2],
      ['159', 2],
      ['182', 1],
      ['183', 1],
      ['187', 2],
      ['188', 1],
    ],
    share: 0.55,
  },
  china_unicom: {
    mnc: '01',
    iccidIssuer: '01',
    prefixes: [
      ['130', 2],
      ['131', 2],
      ['132', 1],
      ['155', 1],
      ['156', 1],
      ['176', 2],
      ['185', 1],
      ['186', 3],
    ],
    share: 0.25,
  },
  china_telecom: {
    mnc: '11',
    iccidIssuer: '03',
    prefixes: [
      ['133', 3],
      ['153', 2],
      ['177', 2],
      ['180', 2],
      ['181', 1],
      ['189', 3],
      ['199', 1],
    ],
    share: 0.2,
  },
};

const OPERATOR_SHARES = (Object.keys(OPERATORS) as Operator[]).map(
  (operator) => [operator, OPERATORS[operator].share] as const,
);

/** A SIM card and the number it carries. */
export interface Sim {
  /** The 11 national digits, e.g. `13800138000`. */
  msisdn: string;
  imsi: string;
  iccid: string;
  operator: Operator;
}

/** Issues SIMs with numbers, IMSIs and ICCIDs that are unique by construction. */
export class SimIssuer {
  private issued = 0;
  private readonly keys: { msisdn: number; imsi: number; iccid: number };

  constructor(rng: Rng) {
    const key = rng.nextUint32();
    this.keys = {
      msisdn: seriesKey(key, 'msisdn'),
      imsi: seriesKey(key, 'imsi'),
      iccid: seriesKey(key, 'iccid'),
    };
  }

  /** A new SIM on a market-share-weighted operator (or the one given). */
  issue(rng: Rng, operator: Operator = rng.weighted(OPERATOR_SHARES)): Sim {
    const counter = this.issued;
    this.issued += 1;
    const plan = OPERATORS[operator];
    const msisdn = rng.weighted(plan.prefixes) + scrambleDigits(counter, 8, this.keys.msisdn);
    const imsi = `460${plan.mnc}${scrambleDigits(counter, 10, this.keys.imsi)}`;
    const serialWidth = rng.chance(0.7) ? 13 : 12;
    const iccidBody = `8986${plan.iccidIssuer}${scrambleDigits(counter, serialWidth, this.keys.iccid)}`;
    return { msisdn, imsi, iccid: `${iccidBody}${luhnCheckDigit(iccidBody)}`, operator };
  }
}

/** The E.164 form of a national mobile number. */
export function e164(msisdn: string): string {
  return `+86${msisdn}`;
}

/** Ways partners write a number: all normalise to the same E.164 number. */
export const PHONE_STYLES = [
  'national',
  'international_spaced',
  'international_compact',
  'dialled_00_dashed',
  'dialled_00_compact',
  'national_spaced',
] as const;

export type PhoneStyle = (typeof PHONE_STYLES)[number];

/** A number written in one style, e.g. `+86 138 0013 8000` or `0086-138-0013-8000`. */
export function formatPhone(msisdn: string, style: PhoneStyle): string {
  const [head, middle, tail] = [msisdn.slice(0, 3), msisdn.slice(3, 7), msisdn.slice(7)];
  switch (style) {
    case 'national':
      return msisdn;
    case 'international_spaced':
      return `+86 ${head} ${middle} ${tail}`;
    case 'international_compact':
      return `+86${msisdn}`;
    case 'dialled_00_dashed':
      return `0086-${head}-${middle}-${tail}`;
    case 'dialled_00_compact':
      return `0086${msisdn}`;
    case 'national_spaced':
      return `${head} ${middle} ${tail}`;
  }
}

/** How often each style appears in a kind of file. */
export type StyleMix = readonly (readonly [PhoneStyle, number])[];

/** Operators' switches write numbers plainly, with a few international forms. */
export const CDR_STYLES: StyleMix = [
  ['national', 8],
  ['international_compact', 1],
  ['dialled_00_compact', 1],
];

/** People and web forms write numbers every which way. */
export const FORM_STYLES: StyleMix = [
  ['national', 4],
  ['international_spaced', 2],
  ['international_compact', 1],
  ['dialled_00_dashed', 1],
  ['national_spaced', 2],
];

/** A number written in a style drawn from `mix`. */
export function writePhone(rng: Rng, msisdn: string, mix: StyleMix): string {
  return formatPhone(msisdn, rng.weighted(mix));
}
