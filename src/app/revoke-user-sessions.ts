// Signing a user out everywhere, by an administrator: every session they have is revoked, so their next
// request on any instance is anonymous (they may sign in again). One transaction; the audit record
// `user.sessions_revoked` says how many sessions were open.
import { countLiveSessionsOfUser, lockUser, revokeSessionsOfUser } from '../db/accounts.repository.ts';
import { appendChainedAuditEvents } from '../db/audit.repository.ts';
import type { Db } from '../db/connect.ts';
import { UserNotFoundError } from './user-admin.errors.ts';

export interface RevokeUserSessionsInput {
  userId: number;
  /** The administrator doing it (who may be signing themselves out everywhere). */
  actorUserId: number;
}

export async function revokeUserSessions(
  deps: { db: Db; now: () => Date },
  input: RevokeUserSessionsInput,
): Promise<{ id: number; email: string; sessionsRevoked: number }> {
  const { db } = deps;
  const now = deps.now();
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, input.userId);
    if (!user) throw new UserNotFoundError(input.userId);
    const live = await countLiveSessionsOfUser(tx, user.id, now);
    await revokeSessionsOfUser(tx, user.id, now);
    await appendChainedAuditEvents(tx, [
      {
        actor: `user:${input.actorUserId}`,
        action: 'user.sessions_revoked',
        subjectType: 'user',
        subjectId: String(user.id),
        before: { email: user.email, liveSessions: live },
        after: { email: user.email, liveSessions: 0 },
      },
    ]);
    return { id: user.id, email: user.email, sessionsRevoked: live };
  });
}
