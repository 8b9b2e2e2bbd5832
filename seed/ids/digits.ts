/**
 * Digit helpers behind every generated identifier: the Luhn check digit (IMEI, bank cards, ICCID)
 * and a keyed permutation (a small decimal Feistel network with cycle walking) that turns a running
 * counter into distinct, random-looking digit strings, so identifiers are unique by construction
 * rather than by remembering and retrying.
 */

/** The Luhn check digit for a string of digits (the digit to append). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `number` is its Luhn check digit. */
export function isLuhnValid(number: string): boolean {
  if (!/^\d{2,}$/.test(number)) return false;
  return luhnCheckDigit(number.slice(0, -1)) === Number(number.slice(-1));
}

/** FNV-1a hash of a text, to derive one permutation key per identifier series. */
export function seriesKey(key: number, series: string): number {
  let hash = (0x811c9dc5 ^ key) >>> 0;
  for (let i = 0; i < series.length; i += 1) {
    hash = Math.imul(hash ^ series.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

function roundFunction(value: number, key: number, round: number): number {
  let h = Math.imul(value ^ key, 0x9e3779b1) ^ Math.imul(round + 1, 0x632be5ab);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca77);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae3d);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A keyed permutation of [0, 10^(2·half)): four Feistel rounds over two halves of `half` digits. */
function feistel(value: number, half: number, key: number): number {
  const modulus = 10 ** half;
  let left = Math.floor(value / modulus);
  let right = value % modulus;
  for (let round = 0; round < 4; round += 1) {
    const next = (left + (roundFunction(right, key, round) % modulus)) % modulus;
    left = right;
    right = next;
  }
  return left * modulus + right;
}

/**
 * The `counter`-th value of a keyed permutation of [0, limit): distinct counters give distinct
 * values, scattered without visible order. `limit` at most 10^14.
 */
export function permuteBelow(counter: number, limit: number, key: number): number {
  if (!Number.isSafeInteger(counter) || counter < 0 || counter >= limit) {
    throw new Error(`seed/ids: counter ${counter} out of range 0..${limit - 1}`);
  }
  const half = Math.max(1, Math.ceil(String(limit - 1).length / 2));
  let value = counter;
  do value = feistel(value, half, key);
  while (value >= limit);
  return value;
}

/**
 * A distinct, random-looking `width`-digit string for each `counter`. Even widths are a keyed
 * permutation of all `width`-digit strings; odd widths put a keyed digit before an even-width
 * permutation (no cycle walking), so they hold 10^(width-1) distinct values.
 */
export function scrambleDigits(counter: number, width: number, key: number): string {
  if (width < 2) throw new Error('seed/ids: identifiers need at least two scrambled digits');
  const even = width - (width % 2);
  if (!Number.isSafeInteger(counter) || counter < 0 || counter >= 10 ** even) {
    throw new Error(`seed/ids: counter ${counter} out of range for ${width} digits`);
  }
  const value = feistel(counter, even / 2, key);
  if (even === width) return String(value).padStart(width, '0');
  return `${roundFunction(value, key, 7) % 10}${String(value).padStart(width - 1, '0')}`;
}
