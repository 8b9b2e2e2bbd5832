/**
 * What a confirmed hold secured, pure: the amount the bank holds shared among the victims' payments
 * whose money was traced into the account, each getting at most what was traced from it, in
 * proportion to it (whole minor units; the remainder goes to the largest shares first).
 */

export interface TracedInto {
  /** The victim's payment. */
  readonly transferId: string;
  /** Its money traced into the held account (minor units). */
  readonly tracedMinor: number;
}

export function shareHeld(
  heldMinor: number,
  traced: readonly TracedInto[],
): { transferId: string; amountMinor: number }[] {
  const lines = traced.filter((line) => line.tracedMinor > 0);
  const total = lines.reduce((sum, line) => sum + line.tracedMinor, 0);
  if (total <= 0 || heldMinor <= 0) return [];
  const held = Math.min(Math.round(heldMinor), Math.floor(total));
  const shares = lines.map((line) => {
    const exact = (held * line.tracedMinor) / total;
    return { transferId: line.transferId, amountMinor: Math.floor(exact), rest: exact % 1 };
  });
  let left = held - shares.reduce((sum, share) => sum + share.amountMinor, 0);
  for (const share of [...shares].sort(
    (a, b) => b.rest - a.rest || (a.transferId < b.transferId ? -1 : 1),
  )) {
    if (left <= 0) break;
    share.amountMinor += 1;
    left -= 1;
  }
  return shares
    .filter((share) => share.amountMinor > 0)
    .map(({ transferId, amountMinor }) => ({ transferId, amountMinor }));
}
