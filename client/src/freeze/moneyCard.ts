/**
 * The victims' money on the centre's dashboard (`GET /api/money?days=7`): what was lost, what
 * confirmed holds secured and what is still moving (traced, sitting in accounts not held: it can
 * still be stopped), by currency, the cases with money still moving first, and the holds.
 */
import type { MoneySummary } from '../../../server/contract/freeze';
import { formatMinor } from '../alerts/model';
import { make } from './dom';
import { STOP_STATUS_LABEL } from './model';

/** How many cases the card lists. */
const CASES_SHOWN = 8;

function figure(value: string, caption: string, className: string): HTMLElement {
  const box = make('div', undefined, `db-figure ${className}`);
  box.append(make('strong', value), make('span', caption));
  return box;
}

/** What the card counts: the centre's recent cases, one ring's victims, or one case. */
export function moneyTitle(scope: MoneySummary['scope']): string {
  if (scope.kind === 'ring') return `Victims’ money paid into ring ${scope.id ?? ''}`;
  if (scope.kind === 'case') return `Victims’ money of case ${scope.id ?? ''}`;
  return `Victims’ money, cases reported in the last ${scope.days ?? 7} days`;
}

/** The money card for one reading. */
export function moneyCard(summary: MoneySummary): HTMLElement {
  const card = make('div', undefined, 'db-card fz-money');
  if (summary.scope.kind === 'centre') card.id = 'db-money';
  card.append(make('h3', moneyTitle(summary.scope)));
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
  const cases = [...summary.cases]
    .filter((one) => one.paidMinor > 0)
    .sort((a, b) => b.movingMinor - a.movingMinor || b.lostMinor - a.lostMinor)
    .slice(0, CASES_SHOWN);
  if (cases.length) {
    const table = make('table', undefined, 'grid fz-cases');
    const head = make('tr');
    head.append(
      make('th', 'Case'),
      make('th', 'Victim'),
      ...['Paid', 'Secured', 'Still moving', 'Lost'].map((text) => make('th', text, 'fz-num')),
    );
    table.append(head);
    for (const one of cases) {
      const row = make('tr');
      const money = (minor: number, className: string) =>
        make('td', formatMinor(minor, one.currency), className);
      row.append(
        make('td', one.caseId ?? 'not reported'),
        make('td', one.victimName ?? one.victimId ?? ''),
        money(one.paidMinor, 'fz-num'),
        money(one.securedMinor, 'fz-num fz-secured-cell'),
        money(one.movingMinor, 'fz-num fz-moving-cell'),
        money(one.lostMinor, 'fz-num fz-lost-cell'),
      );
      table.append(row);
    }
    card.append(make('h4', 'Cases with money still moving first: it can still be stopped'), table);
  }
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
