/**
 * User accounts on the administration page: the list, a form to create one, and for each user a
 * form to change name, role, organisation and sector, lock or unlock, and reset the password.
 * What the server refuses is shown in its own words (the problem's `detail`).
 */
import { api, errorMessage } from '../api';
import type { User, UserPage } from '../../../server/contract';
import { button, input, make, select, table } from './dom';
import {
  ROLES,
  ROLE_DESCRIPTIONS,
  SECTORS,
  lockBody,
  newUserBody,
  passwordProblem,
  roleName,
  userCells,
  userChanges,
  type Role,
  type UserForm,
} from './model';

/** Shows a message on the page: what happened, or what went wrong. */
export type Say = (text: string, tone?: 'info' | 'error') => void;

const ROLE_CHOICES = ROLES.map((role) => [role, roleName(role)] as const);
const SECTOR_CHOICES = [['', '—'] as const, ...SECTORS.map((sector) => [sector, sector] as const)];

/** The fields shared by the new-user and edit forms. */
function membershipFields(user?: User) {
  const role = select('Role', 'role', ROLE_CHOICES, user?.role ?? 'investigator');
  const organisation = input('Organisation', 'organisation', {
    value: user?.organisation ?? '',
    placeholder: 'partners, station officers',
  });
  const sector = select('Sector', 'sector', SECTOR_CHOICES, user?.sector ?? '');
  const hint = make('p', ROLE_DESCRIPTIONS[role.select.value as Role]);
  hint.className = 'hint';
  const sync = () => {
    const value = role.select.value;
    hint.textContent = ROLE_DESCRIPTIONS[value as Role] ?? '';
    organisation.input.disabled = value !== 'partner' && value !== 'station_officer';
    sector.select.disabled = value !== 'partner';
  };
  role.select.addEventListener('change', sync);
  sync();
  return { role, organisation, sector, hint };
}

export class UsersSection {
  readonly element = make('section');
  private readonly list = make('div');
  private readonly editor = make('div');
  private users: User[] = [];

  /** `changed`: after a reset or a lock, which end the user's tokens too. */
  constructor(
    private readonly say: Say,
    private readonly changed: () => void = () => {},
  ) {
    const title = make('h3', 'Users');
    title.id = 'admin-users-title';
    this.element.setAttribute('aria-labelledby', title.id);
    this.element.append(title, this.newUserForm(), this.editor, this.list);
  }

  async load(): Promise<void> {
    try {
      const page = await api<UserPage>('GET', '/users?limit=200');
      this.users = page.users;
      this.render();
    } catch (error) {
      this.say(errorMessage(error), 'error');
    }
  }

  private render(): void {
    const rows = this.users.map(userCells);
    const grid = table(
      ['Username', 'Name', 'Role', 'Organisation', 'Sector', 'State', 'Created'],
      rows,
      (index) => {
        const user = this.users[index];
        if (!user) return [];
        const edit = button('Change…', `Change ${user.username}: name, role, password`);
        edit.addEventListener('click', () => this.openEditor(user));
        const lock = button(user.disabled ? 'Unlock' : 'Lock');
        lock.addEventListener('click', () => void this.setLocked(user, !user.disabled));
        return [edit, lock];
      },
    );
    grid.querySelectorAll('tbody tr').forEach((row, index) => {
      if (this.users[index]?.disabled) row.classList.add('ad-locked');
    });
    this.list.replaceChildren(grid);
  }

  private newUserForm(): HTMLFormElement {
    const form = make('form', undefined, 'ad-form');
    form.setAttribute('aria-label', 'New user');
    const username = input('Username', 'username', { placeholder: 'e.g. li.wei', required: true });
    const displayName = input('Name', 'displayName', { required: true });
    const fields = membershipFields();
    const password = input('Password', 'password', { type: 'password', required: true });
    password.input.autocomplete = 'new-password';
    password.input.minLength = 12;
    const create = make('button', 'Create user');
    create.type = 'submit';
    form.append(
      username.label,
      displayName.label,
      fields.role.label,
      fields.organisation.label,
      fields.sector.label,
      password.label,
      create,
      fields.hint,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const checked = newUserBody(
        {
          username: username.input.value,
          displayName: displayName.input.value,
          role: fields.role.select.value,
          organisation: fields.organisation.input.value,
          sector: fields.sector.select.value,
        },
        password.input.value,
      );
      if (!checked.ok) {
        this.say(checked.problem, 'error');
        return;
      }
      void api<User>('POST', '/users', checked.body).then(
        (user) => {
          form.reset();
          fields.role.select.dispatchEvent(new Event('change'));
          this.say(`Created ${user.username} (${roleName(user.role)}).`);
          void this.load();
        },
        (error: unknown) => this.say(errorMessage(error), 'error'),
      );
    });
    return form;
  }

  private openEditor(user: User): void {
    const form = make('form', undefined, 'ad-form');
    form.setAttribute('aria-label', `Change ${user.username}`);
    const displayName = input('Name', 'displayName', { value: user.displayName, required: true });
    const fields = membershipFields(user);
    const save = make('button', 'Save changes');
    save.type = 'submit';
    const cancel = button('Close');
    cancel.addEventListener('click', () => this.editor.replaceChildren());
    form.append(
      make('strong', user.username),
      displayName.label,
      fields.role.label,
      fields.organisation.label,
      fields.sector.label,
      save,
      cancel,
      fields.hint,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const form: UserForm = {
        username: user.username,
        displayName: displayName.input.value,
        role: fields.role.select.value,
        organisation: fields.organisation.input.value,
        sector: fields.sector.select.value,
      };
      const checked = userChanges(user, form);
      if (!checked.ok) {
        this.say(checked.problem, 'error');
        return;
      }
      void this.patch(user, checked.body, `Changed ${user.username}.`);
    });
    this.editor.replaceChildren(form, this.passwordForm(user));
    displayName.input.focus();
  }

  private passwordForm(user: User): HTMLFormElement {
    const form = make('form', undefined, 'ad-form');
    form.setAttribute('aria-label', `Reset the password of ${user.username}`);
    const password = input('New password', 'password', { type: 'password', required: true });
    password.input.autocomplete = 'new-password';
    const reset = make('button', 'Reset password');
    reset.type = 'submit';
    const hint = make(
      'p',
      'Resetting ends the user’s sessions and revokes all their API tokens. Give them the new password in person.',
      'hint',
    );
    form.append(password.label, reset, hint);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const weak = passwordProblem(password.input.value);
      if (weak) {
        this.say(weak, 'error');
        return;
      }
      void api('POST', `/users/${encodeURIComponent(user.username)}/password`, {
        password: password.input.value,
      }).then(
        () => {
          form.reset();
          this.say(`The password of ${user.username} was reset; their sessions and tokens ended.`);
          this.changed();
        },
        (error: unknown) => this.say(errorMessage(error), 'error'),
      );
    });
    return form;
  }

  private setLocked(user: User, disabled: boolean): Promise<void> {
    return this.patch(
      user,
      lockBody(user, disabled),
      disabled ? `Locked ${user.username}: their sessions ended.` : `Unlocked ${user.username}.`,
    );
  }

  private async patch(user: User, body: object, done: string): Promise<void> {
    try {
      await api<User>('PATCH', `/users/${encodeURIComponent(user.username)}`, body);
      this.say(done);
      this.editor.replaceChildren();
      this.changed();
      await this.load();
    } catch (error) {
      this.say(errorMessage(error), 'error');
    }
  }
}
