// Asking for a password reset link. The answer is the same whether or not the e-mail belongs to a user (so
// the form tells no one who has an account); a known, enabled user gets an e-mail with a link holding a
// random token. Only the token's SHA-256 is stored; the link works once, within RESET_LIFETIME_MS.
import { findUserByEmail, insertPasswordReset } from '../db/accounts.repository.ts';
import type { Db } from '../db/connect.ts';
import type { Mailer } from '../mail/mailer.ts';
import { hashToken, newToken } from './sign-in.ts';

export const RESET_LIFETIME_MS = 60 * 60 * 1000;

export interface RequestPasswordResetInput {
  email: string;
  /** The site's address, to which the link's path is added: https://modgov.example */
  baseUrl: string;
}

export async function requestPasswordReset(
  deps: { db: Db; now: () => Date; mailer: Mailer; serviceName: string },
  input: RequestPasswordResetInput,
): Promise<void> {
  const { db, mailer } = deps;
  const email = input.email.trim().toLowerCase();
  const user = email ? await findUserByEmail(db, email) : null;
  if (!user || user.disabledAt) return;
  const now = deps.now();
  const token = newToken();
  await insertPasswordReset(db, {
    tokenHash: hashToken(token),
    userId: user.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + RESET_LIFETIME_MS),
  });
  const link = `${input.baseUrl.replace(/\/+$/, '')}/password-reset/${token}`;
  await mailer.send({
    to: user.email,
    subject: `Reset your ${deps.serviceName} password`,
    text: [
      `Hello ${user.name},`,
      '',
      `Someone (we hope you) asked to reset the password of your ${deps.serviceName} account.`,
      'To choose a new password, open this link within the next hour:',
      '',
      link,
      '',
      'The link works once. If you did not ask for it, ignore this e-mail: your password stays as it is.',
    ].join('\n'),
  });
}
