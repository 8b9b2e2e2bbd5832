/**
 * API tokens on the administration page: everyone's tokens (`GET /api/tokens?all=true`), working
 * ones first, and a way to revoke any of them (`DELETE /api/tokens/:id`). Tokens are created by
 * their holders from their own session, never here.
 */
import { api, errorMessage } from '../api';
import type { TokenPage } from '../../../server/contract';
import { button, make, table } from './dom';
import { tokenCells, tokenOrder, tokenState } from './model';
import type { Say } from './users';

export class TokensSection {
  readonly element = make('section');
  private readonly list = make('div');

  constructor(private readonly say: Say) {
    const title = make('h3', 'API tokens');
    title.id = 'admin-tokens-title';
    this.element.setAttribute('aria-labelledby', title.id);
    const hint = make(
      'p',
      'Tokens let scripts and partner systems call the API. Revoke one that is lost, unused or no longer needed: it stops working at once.',
      'hint',
    );
    this.element.append(title, hint, this.list);
  }

  async load(): Promise<void> {
    try {
      const page = await api<TokenPage>('GET', '/tokens?all=true&limit=200');
      this.render(page);
    } catch (error) {
      this.say(errorMessage(error), 'error');
    }
  }

  private render(page: TokenPage): void {
    const now = Date.now();
    const tokens = tokenOrder(page.tokens, now);
    if (tokens.length === 0) {
      this.list.replaceChildren(make('p', 'No API tokens.', 'hint'));
      return;
    }
    const grid = table(
      ['Name', 'Holder', 'Scopes', 'Created', 'Expires', 'Last used', 'State'],
      tokens.map((token) => tokenCells(token, now)),
      (index) => {
        const token = tokens[index];
        if (!token || tokenState(token, now) !== 'active') return [];
        const revoke = button('Revoke', `Revoke “${token.name}” of ${token.owner}`);
        revoke.addEventListener('click', () => {
          if (!window.confirm(`Revoke the token “${token.name}” of ${token.owner}?`)) return;
          void api('DELETE', `/tokens/${encodeURIComponent(token.id)}`).then(
            () => {
              this.say(`Revoked “${token.name}” of ${token.owner}.`);
              void this.load();
            },
            (error: unknown) => this.say(errorMessage(error), 'error'),
          );
        });
        return [revoke];
      },
    );
    grid.querySelectorAll('tbody tr').forEach((row, index) => {
      const token = tokens[index];
      if (token && tokenState(token, now) !== 'active') row.classList.add('ad-inactive');
    });
    this.list.replaceChildren(grid);
  }
}
