// Setting a new password through a reset link. The link must be unused and unexpired; using it marks it used
// (once, even with two requests at once), sets the new argon2id hash and revokes every session of the user,
// so whoever knew the old password is signed out everywhere. An audit record says it happened.
import {
  findUsablePasswordReset,
  markPasswordResetUsed,
  revokeSessionsOfUser,
  setPasswordHash,
} from '../db/accounts.repository.ts';
import type { Db } from '../db/connect.ts';
import { appendAuditEvent } from '../db/transitions.repository.ts';
import { hashPassword, passwordProblem } from './add-user.ts';
import { hashToken } from './sign-in.ts';

export class ResetLinkInvalidError extends Error {
  readonly code = 'password_reset.invalid_link';
  readonly status = 410;
  override name = 'ResetLinkInvalidError';
  constructor() {
    super('This password reset link has been used or has expired. Ask for a new one.');
  }
}

export class PasswordInputError extends Error {
  readonly code = 'password_reset.invalid_password';
  readonly status = 400;
  override name = 'PasswordInputError';
  constructor(
    message: string,
    readonly field: 'password' | 'confirm',
  ) {
    super(message);
  }
}

/** Whether a reset link may still be used (for showing its form). */
export async function isPasswordResetUsable(deps: { db: Db; now: () => Date }, token: string) {
  return (await findUsablePasswordReset(deps.db, hashToken(token), deps.now())) !== null;
}

export async function resetPassword(
  deps: { db: Db; now: () => Date },
  input: { token: string; password: string; confirm: string },
): Promise<{ email: string }> {
  const { db } = deps;
  const now = deps.now();
  const tokenHash = hashToken(input.token);
  if (!(await findUsablePasswordReset(db, tokenHash, now))) throw new ResetLinkInvalidError();
  const problem = passwordProblem(input.password);
  if (problem) throw new PasswordInputError(problem, 'password');
  if (input.password !== input.confirm)
    throw new PasswordInputError('The two passwords are not the same.', 'confirm');
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const reset = await findUsablePasswordReset(tx, tokenHash, now);
    if (!reset || !(await markPasswordResetUsed(tx, tokenHash, now))) throw new ResetLinkInvalidError();
    await setPasswordHash(tx, reset.userId, passwordHash);
    await revokeSessionsOfUser(tx, reset.userId, now);
    await appendAuditEvent(tx, {
      actor: `user:${reset.userId}`,
      action: 'user.password_reset',
      subjectType: 'user',
      subjectId: String(reset.userId),
      before: null,
      after: { email: reset.email },
    });
    return { email: reset.email };
  });
}
