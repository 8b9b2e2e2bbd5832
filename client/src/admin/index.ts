/**
 * The administration page, for those who manage accounts (`users:manage`): users and API tokens,
 * reached from the top bar. Messages say what was done, or the server's reason for refusing.
 */
import type { SessionUser } from '../session';
import { make } from './dom';
import { TokensSection } from './tokens';
import { UsersSection } from './users';

function el(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`Missing #${id}`);
  return found;
}

let wired = false;

/** Whether this user manages accounts. */
export function managesUsers(user: SessionUser): boolean {
  return user.permissions.includes('users:manage');
}

/** Shows or hides the page, and marks the top bar's button. */
function showAdmin(shown: boolean): void {
  el('admin-panel').hidden = !shown;
  el('nav-admin').setAttribute('aria-pressed', String(shown));
}

/** Signed in: builds the page for an administrator and opens it. */
export function mountAdmin(user: SessionUser): void {
  unmountAdmin();
  if (!managesUsers(user)) return;
  const panel = el('admin-panel');
  const title = make('h2', 'Users and API tokens');
  title.id = 'admin-title';
  const message = make('p', '', 'ad-message');
  message.id = 'admin-message';
  message.setAttribute('role', 'status');
  const say = (text: string, tone: 'info' | 'error' = 'info') => {
    message.textContent = text;
    message.className = `ad-message ${tone === 'error' ? 'error-text' : 'ok-text'}`;
  };
  const tokens = new TokensSection(say);
  const users = new UsersSection(say, () => void tokens.load());
  panel.replaceChildren(title, message, users.element, tokens.element);
  const nav = el('nav-admin');
  nav.hidden = false;
  if (!wired) {
    wired = true;
    nav.addEventListener('click', () => {
      const shown = el('admin-panel').hidden;
      showAdmin(shown);
      if (shown) el('admin-panel').scrollIntoView({ block: 'start' });
    });
  }
  showAdmin(true);
  void users.load();
  void tokens.load();
}

/** Signed out: the page emptied and hidden. */
export function unmountAdmin(): void {
  el('admin-panel').replaceChildren();
  el('admin-panel').hidden = true;
  el('nav-admin').hidden = true;
}
