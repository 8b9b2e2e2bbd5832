/**
 * "Request stop" on an alert that proposes one: the proposed account and amount, the alert's
 * transfers as the victims' payments, its case (when the evidence names one) as the legal basis.
 */
import type { Alert } from '../../../server/contract/warning';
import { defaultLegalBasis } from './model';
import { openStopDialog } from './requestDialog';
import { stopsChanged } from './session';

/** Opens the request dialog for an alert's proposed stop; false when it proposes none. */
export function requestAlertStop(
  alert: Pick<Alert, 'id' | 'proposedStop' | 'evidence'>,
  onSent?: (message: string) => void,
): boolean {
  const proposed = alert.proposedStop;
  if (!proposed) return false;
  const caseId = alert.evidence.find((ref) => ref.type === 'Case')?.id ?? null;
  const transfers = alert.evidence
    .filter((ref) => ref.type === 'Transfer')
    .slice(0, 50)
    .map((ref) => ({ id: ref.id, label: ref.id }));
  openStopDialog({
    title: `Request a stop on ${proposed.account}`,
    lines: [
      {
        account: proposed.account,
        currency: proposed.currency,
        amountMinor: proposed.amountMinor,
        maxMinor: proposed.amountMinor,
      },
    ],
    transfers,
    legalBasis: defaultLegalBasis(caseId, alert.id),
    caseId,
    origin: 'alert',
    alertId: alert.id,
    onDone: (receipts) => {
      stopsChanged();
      const receipt = receipts[0];
      if (receipt) {
        onSent?.(
          receipt.created
            ? `Stop requested on ${proposed.account}: ${receipt.stop.account.bank} is asked to hold the money.`
            : `A stop on ${proposed.account} was already open (${receipt.stop.status}).`,
        );
      }
    },
  });
  return true;
}
