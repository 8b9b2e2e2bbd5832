/**
 * Identifier-first search: the search text is read as every kind of identifier it could be (a
 * phone number in any common format, an IMEI, an IMSI, a bank account with or without its bank,
 * a platform handle, a case number) and as part of a person's name; all readings run in one
 * query and exact matches rank first.
 */
import type { CountryCode } from 'libphonenumber-js';
import { can, type Principal } from '../auth/principal';
import type { SearchHit } from '../contract/explore';
import type { Executor } from '../db/executor';
import { queries } from '../db/queries';
import { badRequest } from '../errors';
import { luhnValid, normalisePhone } from '../ingest/normalize';

export interface SearchReadings {
  readonly ids: string[];
  readonly accountNumber: string | null;
  readonly handle: string | null;
  readonly name: string | null;
}

export type { SearchHit };

function phoneReading(text: string, country: CountryCode): string | undefined {
  try {
    return normalisePhone(text, country);
  } catch {
    return undefined;
  }
}

/**
 * An account written as Ringtrace labels it, bank code then number (`BOC 6216 6137 2581 8139`),
 * or run together (`BOC6216613725818139401`), in any case. The number is digits (spaces and dashes
 * between them allowed); a bank code with digits in it needs a space before the number.
 */
function bankAndNumber(text: string): { bank: string; number: string } | null {
  const found =
    /^([A-Za-z][A-Za-z0-9_]{1,19})\s+(\d[\d\s-]{5,45})$/.exec(text) ??
    /^([A-Za-z_]{2,20})(\d[\d\s-]{5,45})$/.exec(text);
  if (!found?.[1] || !found[2]) return null;
  const number = found[2].replace(/[\s-]/g, '');
  return number.length <= 34 ? { bank: found[1].toUpperCase(), number } : null;
}

/** Every identifier the text could be. Pure; exported for tests. */
export function readSearchText(raw: string, country: CountryCode): SearchReadings {
  const text = raw.trim();
  if (text.length < 2) throw badRequest('Search for at least 2 characters.');
  if (text.length > 100) throw badRequest('Search text is limited to 100 characters.');
  const ids = new Set<string>([text, text.toUpperCase()]);
  const phone = phoneReading(text, country);
  if (phone) ids.add(phone);
  const digits = text.replace(/[\s/-]/g, '');
  if (/^\d{15}$/.test(digits) && luhnValid(digits)) ids.add(digits);
  if (/^\d{14,15}$/.test(digits)) ids.add(digits);
  const pair = /^([A-Za-z0-9_.-]{2,30}):(.+)$/.exec(text);
  if (pair?.[1] && pair[2]) {
    ids.add(`${pair[1].toUpperCase()}:${pair[2].replace(/[\s-]/g, '')}`);
    ids.add(`${pair[1].toLowerCase()}:${pair[2].replace(/^@/, '')}`);
  }
  const account = bankAndNumber(text);
  if (account) ids.add(`${account.bank}:${account.number}`);
  const accountNumber = account?.number ?? (/^[A-Za-z0-9]{6,34}$/.test(digits) ? digits : null);
  const handle = /^@?[\p{L}\p{N}_.-]{2,64}$/u.test(text) ? text.replace(/^@/, '') : null;
  const name = /\p{L}/u.test(text) && !pair ? text : null;
  return { ids: [...ids], accountNumber, handle, name };
}

export async function search(
  executor: Executor,
  principal: Principal,
  text: string,
  options: { country: CountryCode; limit: number },
): Promise<SearchHit[]> {
  const readings = readSearchText(text, options.country);
  const organisation = can(principal, 'graph:read') ? null : (principal.organisation ?? '');
  return executor.run(queries.searchEntities, { ...readings, organisation, limit: options.limit });
}
