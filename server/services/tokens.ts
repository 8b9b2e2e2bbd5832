/**
 * API tokens for partner systems and scripts: scoped to some of the owner's permissions,
 * optionally expiring, revocable by their owner or an administrator. The token is shown once.
 */
import type { Executor } from '../db/executor';
import { queries, type TokenRow } from '../db/queries';
import { badRequest, notFound } from '../errors';
import { can, type Principal } from '../auth/principal';
import type { Permission } from '../auth/roles';
import { newApiToken, sha256 } from '../auth/secrets';

export interface NewToken {
  readonly name: string;
  readonly scopes: readonly Permission[];
  readonly expiresInDays?: number | undefined;
}

export class TokenService {
  readonly #executor: Executor;
  readonly #now: () => Date;
  readonly #accessChanged: () => void;

  /** `accessChanged` is told when a token is revoked. */
  constructor(
    executor: Executor,
    now: () => Date = () => new Date(),
    accessChanged: () => void = () => undefined,
  ) {
    this.#executor = executor;
    this.#now = now;
    this.#accessChanged = accessChanged;
  }

  async create(
    owner: Principal,
    request: NewToken,
  ): Promise<{ token: string } & Pick<TokenRow, 'id' | 'name' | 'scopes' | 'expiresAt'>> {
    const beyond = request.scopes.filter((scope) => !can(owner, scope));
    if (beyond.length > 0) {
      throw badRequest(`A token cannot carry permissions you do not hold: ${beyond.join(', ')}.`);
    }
    const { id, secret, token } = newApiToken();
    const expiresAt =
      request.expiresInDays === undefined
        ? null
        : new Date(this.#now().getTime() + request.expiresInDays * 86_400_000).toISOString();
    const created = await this.#executor.first(queries.createToken, {
      id,
      secretHash: sha256(secret),
      name: request.name,
      scopes: [...new Set(request.scopes)],
      expiresAt,
      username: owner.username,
    });
    if (!created) throw notFound(`There is no user ${owner.username}.`);
    return { token, id, name: created.name, scopes: created.scopes, expiresAt: created.expiresAt };
  }

  /** Tokens of `owner`, or of everyone when `owner` is null. */
  list(owner: string | null, skip: number, limit: number): Promise<TokenRow[]> {
    return this.#executor.run(queries.listTokens, { username: owner, skip, limit });
  }

  /** Revokes a token; `owner` restricts it to that user's tokens (null: any token). */
  async revoke(id: string, owner: string | null, revokedBy: string): Promise<{ owner: string }> {
    const revoked = await this.#executor.first(queries.revokeToken, { id, owner, revokedBy });
    if (!revoked) throw notFound(`There is no token ${id} that you may revoke.`);
    this.#accessChanged();
    return { owner: revoked.owner };
  }
}
