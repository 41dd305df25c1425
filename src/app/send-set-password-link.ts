// Sending a user a link to set their password, by an administrator: to a new user (who has none yet) or to
// one who cannot sign in. It is a password reset link (the same /password-reset/TOKEN page sets the
// password) that lasts SET_PASSWORD_LINK_LIFETIME_MS, since a new user may not read their mail within the
// hour a self-service reset allows. Only the token's SHA-256 is stored. The link and its audit record
// (`user.password_link_sent`, never the token) are written in one transaction; the mail goes after it commits.
import { insertPasswordReset, lockUser } from '../db/accounts.repository.ts';
import { appendChainedAuditEvents } from '../db/audit.repository.ts';
import type { Db } from '../db/connect.ts';
import type { Mailer } from '../mail/mailer.ts';
import { hashToken, newToken } from './sign-in.ts';
import { UserDisabledError, UserNotFoundError } from './user-admin.errors.ts';

export const SET_PASSWORD_LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface SendSetPasswordLinkInput {
  userId: number;
  /** The site's address, to which the link's path is added: https://modgov.example */
  baseUrl: string;
  /** The administrator sending it. */
  actorUserId: number;
  /** A new user's mail says their account has been made for them. */
  welcome?: boolean | undefined;
}

export async function sendSetPasswordLink(
  deps: { db: Db; now: () => Date; mailer: Mailer; serviceName: string },
  input: SendSetPasswordLinkInput,
): Promise<{ email: string; expiresAt: Date }> {
  const { db, mailer, serviceName } = deps;
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + SET_PASSWORD_LINK_LIFETIME_MS);
  const token = newToken();
  const user = await db.transaction(async (tx) => {
    const found = await lockUser(tx, input.userId);
    if (!found) throw new UserNotFoundError(input.userId);
    if (found.disabledAt) throw new UserDisabledError(found.email);
    await insertPasswordReset(tx, {
      tokenHash: hashToken(token),
      userId: found.id,
      createdAt: now,
      expiresAt,
    });
    await appendChainedAuditEvents(tx, [
      {
        actor: `user:${input.actorUserId}`,
        action: 'user.password_link_sent',
        subjectType: 'user',
        subjectId: String(found.id),
        before: null,
        after: { email: found.email, expiresAt: expiresAt.toISOString() },
      },
    ]);
    return found;
  });

  const link = `${input.baseUrl.replace(/\/+$/, '')}/password-reset/${token}`;
  const opening = input.welcome
    ? `An account on ${serviceName} has been made for you, with the e-mail address ${user.email}.`
    : `An administrator of ${serviceName} has sent you a link to set the password of your account (${user.email}).`;
  await mailer.send({
    to: user.email,
    subject: input.welcome
      ? `Your ${serviceName} account: set your password`
      : `Set your ${serviceName} password`,
    text: [
      `Hello ${user.name},`,
      '',
      opening,
      'To choose your password, open this link within the next 7 days:',
      '',
      link,
      '',
      'The link works once. If you were not expecting this e-mail, you can ignore it.',
    ].join('\n'),
  });
  return { email: user.email, expiresAt };
}
