import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { BankIssuer, BANKS } from '../../seed/ids/banks';
import { ImeiIssuer } from '../../seed/ids/devices';
import { isLuhnValid, luhnCheckDigit, scrambleDigits } from '../../seed/ids/digits';
import { residentIdCheck, ResidentIdIssuer } from '../../seed/ids/people';
import { e164, formatPhone, PHONE_STYLES, SimIssuer } from '../../seed/ids/phones';
import { HandleIssuer, PLATFORMS } from '../../seed/ids/platforms';
import { Rng } from '../../server/lib/random';

describe('check digits', () => {
  it('computes Luhn check digits of known IMEIs and card numbers', () => {
    expect(luhnCheckDigit('49015420323751')).toBe(8);
    expect(isLuhnValid('490154203237518')).toBe(true);
    expect(isLuhnValid('490154203237519')).toBe(false);
    expect(isLuhnValid('4111111111111111')).toBe(true);
  });

  it('computes the check character of a resident identity number (GB 11643)', () => {
    expect(residentIdCheck('11010519491231002')).toBe('X');
    expect(residentIdCheck('44052418800101001')).toBe('4');
  });
});

describe('scrambleDigits', () => {
  it('gives distinct strings of the asked width for distinct counters, in no visible order', () => {
    for (const width of [6, 7, 8]) {
      const values = Array.from({ length: 20_000 }, (_, i) => scrambleDigits(i, width, 12345));
      expect(new Set(values).size).toBe(values.length);
      expect(values.every((value) => value.length === width && /^\d+$/.test(value))).toBe(true);
      const ascending = values.slice(1).filter((value, i) => value > (values[i] ?? '')).length;
      expect(ascending / values.length).toBeGreaterThan(0.4);
      expect(ascending / values.length).toBeLessThan(0.6);
    }
  });
});

describe('SimIssuer', () => {
  const rng = new Rng(8);
  const issuer = new SimIssuer(rng);
  const sims = Array.from({ length: 3_000 }, () => issuer.issue(rng));

  it('issues valid Chinese mobile numbers that every written style normalises back to', () => {
    for (const sim of sims.slice(0, 500)) {
      expect(sim.msisdn).toMatch(/^1[3-9]\d{9}$/);
      for (const style of PHONE_STYLES) {
        const parsed = parsePhoneNumberFromString(formatPhone(sim.msisdn, style), 'CN');
        expect(parsed?.isValid()).toBe(true);
        expect(parsed?.number).toBe(e164(sim.msisdn));
      }
    }
  });

  it('issues IMSIs of the three operators and Luhn-checked 8986 ICCIDs, all unique', () => {
    for (const sim of sims) {
      expect(sim.imsi).toMatch(/^460(00|01|11)\d{10}$/);
      expect(sim.iccid).toMatch(/^8986\d{15,16}$/);
      expect(isLuhnValid(sim.iccid)).toBe(true);
    }
    for (const field of ['msisdn', 'imsi', 'iccid'] as const) {
      expect(new Set(sims.map((sim) => sim[field])).size).toBe(sims.length);
    }
  });
});

describe('ImeiIssuer', () => {
  it('issues unique 15-digit IMEIs with valid check digits, reusing a few dozen TACs', () => {
    const rng = new Rng(4);
    const issuer = new ImeiIssuer(rng);
    const classes = ['smartphone', 'burner', 'gateway'] as const;
    const imeis = Array.from({ length: 6_000 }, (_, i) =>
      issuer.issue(rng, classes[i % 3] ?? 'smartphone'),
    );
    expect(imeis.every((imei) => /^\d{15}$/.test(imei) && isLuhnValid(imei))).toBe(true);
    expect(new Set(imeis).size).toBe(imeis.length);
    const tacs = new Set(imeis.map((imei) => imei.slice(0, 8)));
    expect(tacs.size).toBeGreaterThan(20);
    expect(tacs.size).toBeLessThan(40);
  });
});

describe('BankIssuer', () => {
  it('issues unique 16-19 digit accounts at every bank (cards pass Luhn) and ids unique per bank', () => {
    const rng = new Rng(6);
    const issuer = new BankIssuer(rng);
    for (const bank of BANKS) {
      const cards = Array.from({ length: 2_000 }, () => issuer.personalAccount(rng, bank));
      const corporate = Array.from({ length: 200 }, () => issuer.corporateAccount(bank));
      for (const number of [...cards, ...corporate]) expect(number).toMatch(/^\d{16,19}$/);
      expect(cards.every(isLuhnValid)).toBe(true);
      expect(new Set([...cards, ...corporate]).size).toBe(2_200);
      const ids = Array.from({ length: 100 }, () => issuer.transferId(bank, 1_790_000_000));
      expect(new Set(ids).size).toBe(100);
    }
  });
});

describe('ResidentIdIssuer and HandleIssuer', () => {
  it('never issues the same resident identity number twice, and encodes sex in its parity', () => {
    const rng = new Rng(1);
    const issuer = new ResidentIdIssuer();
    const ids = Array.from({ length: 3_000 }, (_, i) => issuer.issue(rng, '19900101', i % 2 === 0));
    expect(new Set(ids).size).toBe(ids.length);
    ids.forEach((id, i) => {
      expect(id).toMatch(/^\d{17}[\dX]$/);
      expect(id.slice(-1)).toBe(residentIdCheck(id.slice(0, 17)));
      expect(Number(id[16]) % 2).toBe(i % 2 === 0 ? 0 : 1);
    });
  });

  it('issues handles of [a-z0-9_], unique per platform', () => {
    const rng = new Rng(2);
    const issuer = new HandleIssuer(rng);
    for (const platform of PLATFORMS) {
      const handles = Array.from({ length: 3_000 }, () => issuer.issue(rng, platform, 'li_wei'));
      expect(handles.every((handle) => /^[a-z0-9_]+$/.test(handle))).toBe(true);
      expect(new Set(handles).size).toBe(handles.length);
    }
  });
});
