/**
 * Identities named by a record other than their own, as the bulk load writes them: created with
 * their ids' parts only, the rest left to the record that describes them (as the online `MERGE`
 * does with `ON CREATE SET`).
 */
import type { IdentityValues } from '../bulk/bulkGraph';

export function bankAccountMention(bank: string, number: string): IdentityValues<'BankAccount'> {
  return {
    bank,
    number,
    recordSourceId: null,
    recordLine: null,
    openedAt: null,
    openedOffset: null,
  };
}

export function platformAccountMention(
  platform: string,
  handle: string,
): IdentityValues<'PlatformAccount'> {
  return {
    platform,
    handle,
    recordSourceId: null,
    recordLine: null,
    displayName: null,
    registeredAt: null,
    registeredOffset: null,
  };
}
