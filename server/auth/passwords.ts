/**
 * Password hashing with argon2id (memory-hard) and the password policy.
 */
import argon2 from 'argon2';

export const PASSWORD_POLICY = { minLength: 12, maxLength: 256 } as const;

/** Returns a reason the password is not acceptable, or undefined when it is. */
export function passwordProblem(password: string, username: string): string | undefined {
  if (password.length < PASSWORD_POLICY.minLength) {
    return `must be at least ${PASSWORD_POLICY.minLength} characters long`;
  }
  if (password.length > PASSWORD_POLICY.maxLength) {
    return `must be at most ${PASSWORD_POLICY.maxLength} characters long`;
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    return 'must not contain the username';
  }
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2 });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, used to spend the same time when the username is unknown. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}`);
  return decoyHash;
}
