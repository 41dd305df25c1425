// Disabling a user, or enabling them again, by an administrator. A disabled user cannot sign in, and
// disabling revokes every session they have, so their next request is anonymous on every instance. An
// administrator cannot disable themselves. One transaction; a change writes `user.disabled` or
// `user.enabled` to the audit log. Asking for the state the user is already in changes nothing.
import {
  countLiveSessionsOfUser,
  lockUser,
  revokeSessionsOfUser,
  setUserDisabledAt,
} from '../db/accounts.repository.ts';
import { appendChainedAuditEvents } from '../db/audit.repository.ts';
import type { Db } from '../db/connect.ts';
import { OwnAccountError, UserNotFoundError } from './user-admin.errors.ts';

export interface SetUserDisabledInput {
  userId: number;
  disabled: boolean;
  /** The administrator making the change. */
  actorUserId: number;
}

export interface UserDisabledState {
  id: number;
  email: string;
  disabled: boolean;
  changed: boolean;
  /** Sessions ended by disabling them. */
  sessionsRevoked: number;
}

export async function setUserDisabled(
  deps: { db: Db; now: () => Date },
  input: SetUserDisabledInput,
): Promise<UserDisabledState> {
  const { db } = deps;
  if (input.disabled && input.actorUserId === input.userId)
    throw new OwnAccountError(
      'You cannot disable your own account. Ask another administrator to do it.',
      'disable',
    );
  const now = deps.now();
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, input.userId);
    if (!user) throw new UserNotFoundError(input.userId);
    const unchanged = { id: user.id, email: user.email, disabled: input.disabled, changed: false };
    if ((user.disabledAt !== null) === input.disabled) return { ...unchanged, sessionsRevoked: 0 };

    let sessionsRevoked = 0;
    if (input.disabled) {
      sessionsRevoked = await countLiveSessionsOfUser(tx, user.id, now);
      await revokeSessionsOfUser(tx, user.id, now);
    }
    await setUserDisabledAt(tx, user.id, input.disabled ? now : null);
    await appendChainedAuditEvents(tx, [
      {
        actor: `user:${input.actorUserId}`,
        action: input.disabled ? 'user.disabled' : 'user.enabled',
        subjectType: 'user',
        subjectId: String(user.id),
        before: { email: user.email, disabledAt: user.disabledAt?.toISOString() ?? null },
        after: {
          email: user.email,
          disabledAt: input.disabled ? now.toISOString() : null,
          ...(input.disabled ? { sessionsRevoked } : {}),
        },
      },
    ]);
    return { ...unchanged, changed: true, sessionsRevoked };
  });
}
