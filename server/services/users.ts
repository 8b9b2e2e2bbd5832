/**
 * User accounts: created by administrators (the first one by `npm run admin:create`), each with one
 * role; partners belong to an organisation. Changing a role, locking an account or resetting a
 * password ends the user's open sessions. The last active administrator cannot be removed.
 */
import type { Executor } from '../db/executor';
import { queries, type UserRow } from '../db/queries';
import { RingtraceError, badRequest, notFound } from '../errors';
import { hashPassword, passwordProblem } from '../auth/passwords';
import type { Role } from '../auth/roles';
import { organisationProblem, type Sector } from '../auth/sectors';

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly organisation?: string | null | undefined;
  /** A partner's sector; required for partners, null for everyone else. */
  readonly sector?: Sector | null | undefined;
  readonly password: string;
}

export interface UserChanges {
  readonly displayName?: string | undefined;
  readonly role?: Role | undefined;
  readonly organisation?: string | null | undefined;
  readonly sector?: Sector | null | undefined;
  readonly disabled?: boolean | undefined;
}

export type User = UserRow;

function checkOrganisation(role: Role, organisation: string | null, sector: Sector | null): void {
  if (role === 'partner' && !organisation) {
    throw badRequest('A partner account needs its organisation (the bank, operator or platform).');
  }
  if (role === 'partner' && !sector) {
    throw badRequest(
      'A partner account needs its sector: bank, telecom or platform (what it may upload).',
    );
  }
  if (role === 'station_officer') {
    if (!organisation || !/^[A-Z0-9_-]{2,32}$/.test(organisation) || sector) {
      throw badRequest(
        "A station officer's organisation is the id of their police station (as reports name it, e.g. 310104000003), and they have no sector.",
      );
    }
    return;
  }
  if (role !== 'partner' && (organisation || sector)) {
    throw badRequest('Only partner accounts belong to an organisation and a sector.');
  }
  const problem = sector && organisation ? organisationProblem(sector, organisation) : null;
  if (problem) throw badRequest(problem);
}

function checkPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw badRequest(`The password ${problem}.`);
}

export class UserService {
  readonly #executor: Executor;
  readonly #accessChanged: () => void;

  /** `accessChanged` is told when a user's access changes (role, lock, password). */
  constructor(executor: Executor, accessChanged: () => void = () => undefined) {
    this.#executor = executor;
    this.#accessChanged = accessChanged;
  }

  async create(user: NewUser, createdBy: string): Promise<User> {
    const organisation = user.organisation ?? null;
    const sector = user.sector ?? null;
    checkOrganisation(user.role, organisation, sector);
    checkPassword(user.password, user.username);
    try {
      await this.#executor.run(queries.createUser, {
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        organisation,
        sector,
        passwordHash: await hashPassword(user.password),
        createdBy,
      });
    } catch (error) {
      if (error instanceof RingtraceError && error.kind === 'conflict') {
        throw new RingtraceError('conflict', `The username ${user.username} is taken.`);
      }
      throw error;
    }
    return this.get(user.username);
  }

  async get(username: string): Promise<User> {
    const row = await this.#executor.first(queries.userByUsername, { username });
    if (!row) throw notFound(`There is no user ${username}.`);
    const { passwordHash: _hidden, ...user } = row;
    return user;
  }

  async list(skip: number, limit: number): Promise<{ users: User[]; total: number }> {
    const [users, counts] = await Promise.all([
      this.#executor.run(queries.listUsers, { skip, limit }),
      this.#executor.first(queries.countUsers, {}),
    ]);
    return { users, total: counts?.total ?? 0 };
  }

  async countActiveAdministrators(): Promise<number> {
    return (await this.#executor.first(queries.countUsers, {}))?.activeAdministrators ?? 0;
  }

  async update(username: string, changes: UserChanges, updatedBy: string): Promise<User> {
    const current = await this.get(username);
    const role = changes.role ?? (current.role as Role);
    // A partner's organisation and a station officer's station stay unless changed; other roles
    // have none.
    const keepsOrganisation = role === 'partner' || role === 'station_officer';
    const organisation =
      changes.organisation !== undefined
        ? changes.organisation
        : keepsOrganisation && role === current.role
          ? current.organisation
          : null;
    const sector =
      changes.sector !== undefined
        ? changes.sector
        : role === 'partner'
          ? (current.sector as Sector | null)
          : null;
    checkOrganisation(role, organisation, sector);
    const disabled = changes.disabled ?? current.disabled;
    const losesAdmin = current.role === 'administrator' && !current.disabled;
    if (losesAdmin && (role !== 'administrator' || disabled)) {
      if ((await this.countActiveAdministrators()) <= 1) {
        throw new RingtraceError('conflict', 'This is the last active administrator; keep it.');
      }
    }
    await this.#executor.run(queries.updateUser, {
      username,
      displayName: changes.displayName ?? current.displayName,
      role,
      organisation,
      sector,
      disabled,
      updatedBy,
    });
    if (role !== current.role || disabled !== current.disabled) {
      await this.#executor.run(queries.deleteSessionsOfUser, { username });
    }
    this.#accessChanged();
    return this.get(username);
  }

  /** Sets a new password and ends the user's sessions. */
  /**
   * Sets a new password (changed by its user or reset by `changedBy`, an administrator): every
   * session of the user ends and every API token of theirs is revoked.
   */
  async setPassword(username: string, password: string, changedBy: string): Promise<void> {
    checkPassword(password, username);
    const updated = await this.#executor.first(queries.setPasswordHash, {
      username,
      passwordHash: await hashPassword(password),
    });
    if (!updated) throw notFound(`There is no user ${username}.`);
    await this.#executor.run(queries.deleteSessionsOfUser, { username });
    await this.#executor.run(queries.revokeTokensOfUser, { username, revokedBy: changedBy });
    this.#accessChanged();
  }
}
