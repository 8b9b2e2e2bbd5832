/** A small split-and-merge mule network, shared by the forward and backward money-flow tests. */
import type { FlowTransfer } from '../../server/analysis/moneyFlow';

function transfer(
  id: string,
  from: string,
  to: string,
  amountMinor: number,
  minute: number,
): FlowTransfer {
  return {
    id,
    from,
    to,
    amountMinor,
    time: `2026-10-01T10:${String(minute).padStart(2, '0')}:00Z`,
  };
}

// The victim V pays mule M1 1,000 ('root'); X paid M1 1,000 just before ('other'); M1 splits to
// M2 and M3; M2 and M3 merge into cash-out C. M1 paid Y 50 before any of it ('before').
export const splitMergeNetwork: readonly FlowTransfer[] = [
  transfer('other', 'X', 'M1', 1000, 0),
  transfer('root', 'V', 'M1', 1000, 1),
  transfer('a', 'M1', 'M2', 1200, 3),
  transfer('b', 'M1', 'M3', 800, 4),
  transfer('c', 'M2', 'C', 1200, 6),
  transfer('d', 'M3', 'C', 500, 7),
  transfer('before', 'M1', 'Y', 50, 0),
];
