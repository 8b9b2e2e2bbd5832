/**
 * The victims' money on the centre's dashboard (`GET /api/money?days=7`): what was lost, what
 * confirmed holds secured and what is still moving (traced, sitting in accounts not held: it can
 * still be stopped), by currency, with the holds and the cases that lost the most.
 */
import type { MoneySummary } from '../../../server/contract/freeze';
import { formatMinor } from '../alerts/model';
import { make } from './dom';
import { STOP_STATUS_LABEL } from './model';

function figure(value: string, caption: string, className: string): HTMLElement {
  const box = make('div', undefined, `db-figure ${className}`);
  box.append(make('strong', value), make('span', caption));
  return box;
}

/** The money card for one reading. */
export function moneyCard(summary: MoneySummary): HTMLElement {
  const card = make('div', undefined, 'db-card fz-money');
  card.id = 'db-money';
  const days = summary.scope.days ?? 7;
  card.append(make('h3', `Victims’ money, cases reported in the last ${days} days`));
  const figures = make('div', undefined, 'db-figures');
  if (summary.totals.length === 0) {
    figures.append(figure('0', 'paid by victims', 'money'));
  }
  for (const total of summary.totals) {
    figures.append(
      figure(formatMinor(total.lostMinor, total.currency), 'lost', 'fz-lost'),
      figure(
        formatMinor(total.securedMinor, total.currency),
        'secured by holds',
        'fz-secured-figure',
      ),
      figure(
        formatMinor(total.movingMinor, total.currency),
        'still moving: can be stopped',
        'fz-moving',
      ),
      figure(formatMinor(total.paidMinor, total.currency), 'paid by victims', 'fz-paid'),
    );
  }
  card.append(figures);
  const holding = summary.holds.filter((hold) => hold.securedMinor > 0);
  if (holding.length) {
    card.append(
      make(
        'p',
        `${holding.length} account${holding.length === 1 ? '' : 's'} held or frozen: ` +
          holding
            .slice(0, 5)
            .map(
              (hold) =>
                `${hold.account} (${STOP_STATUS_LABEL[hold.status].toLowerCase()}, ${formatMinor(hold.securedMinor, hold.currency)})`,
            )
            .join(', ') +
          (holding.length > 5 ? ', …' : ''),
        'hint',
      ),
    );
  }
  if (summary.partial) {
    card.append(
      make(
        'p',
        'Partial: more payments than one answer traces; the figures cover the first.',
        'hint',
      ),
    );
  }
  return card;
}
