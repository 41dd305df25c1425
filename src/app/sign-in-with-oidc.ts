// Signing in through single sign-on (OpenID Connect), once the web layer has verified the provider's ID token.
// The user is found by their subject (`issuer|sub`). The first time, a user whose e-mail equals the claimed
// e-mail is linked to the subject, but only when the provider says it has verified that e-mail and the user
// is not linked to another subject yet; the link is audited (`user.sso_linked`). Nobody is created here:
// the administrator adds users. A disabled user is refused. Success makes a NEW session, as signing in with
// a password does, and is recorded in login_attempts.
import {
  findUserByEmail,
  findUserByOidcSubject,
  insertLoginAttempt,
  setOidcSubjectIfUnlinked,
} from '../db/accounts.repository.ts';
import type { Db } from '../db/connect.ts';
import { appendAuditEvent } from '../db/transitions.repository.ts';
import { normaliseEmail } from './add-user.ts';
import { startSession, type SignedIn } from './sign-in.ts';

/** Why a single sign-on was refused: a stable code and an HTTP status. */
export abstract class SsoSignInError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
}

export class SsoClaimsError extends SsoSignInError {
  readonly code = 'sign_in.sso_invalid_claims';
  readonly status = 400;
  override name = 'SsoClaimsError';
  constructor() {
    super('The single sign-on provider did not say who you are. Try again, or ask the administrator.');
  }
}

export class SsoUnknownUserError extends SsoSignInError {
  readonly code = 'sign_in.sso_unknown_user';
  readonly status = 403;
  override name = 'SsoUnknownUserError';
  constructor(email: string | null) {
    super(
      email
        ? `There is no modgov account for this e-mail address (${email}). Ask the administrator to add you.`
        : 'The single sign-on provider did not give your e-mail address, so there is no modgov account to match. Ask the administrator.',
    );
  }
}

export class SsoEmailNotVerifiedError extends SsoSignInError {
  readonly code = 'sign_in.sso_email_unverified';
  readonly status = 403;
  override name = 'SsoEmailNotVerifiedError';
  constructor() {
    super(
      'The single sign-on provider has not verified your e-mail address, so it cannot be matched to a modgov account. Verify it with the provider and try again, or ask the administrator.',
    );
  }
}

export class SsoLinkedElsewhereError extends SsoSignInError {
  readonly code = 'sign_in.sso_linked_elsewhere';
  readonly status = 403;
  override name = 'SsoLinkedElsewhereError';
  constructor() {
    super(
      'The modgov account for this e-mail address is linked to another single sign-on identity. Ask the administrator.',
    );
  }
}

export class SsoUserDisabledError extends SsoSignInError {
  readonly code = 'sign_in.user_disabled';
  readonly status = 403;
  override name = 'SsoUserDisabledError';
  constructor() {
    super('Your modgov account has been disabled. Ask the administrator if you need it again.');
  }
}

/** What the provider vouched for, from a verified ID token (and its userinfo). */
export interface SignInWithOidcInput {
  /** The provider's issuer identifier, as discovery gave it. */
  issuer: string;
  /** The `sub` claim: stable for this person at this provider. */
  subject: string;
  email?: string | null | undefined;
  /** The `email_verified` claim: only a verified e-mail links an account. */
  emailVerified: boolean;
  /** The `name` claim; not stored (the administrator names users). */
  name?: string | null | undefined;
  /** The address the browser came from, for login_attempts. */
  ip: string;
}

/** The value stored in users.oidc_subject. */
export const oidcSubjectOf = (issuer: string, subject: string): string => `${issuer}|${subject}`;

export async function signInWithOidc(
  deps: { db: Db; now: () => Date },
  input: SignInWithOidcInput,
): Promise<SignedIn> {
  const { db } = deps;
  if (!input.issuer || !input.subject) throw new SsoClaimsError();
  const oidcSubject = oidcSubjectOf(input.issuer, input.subject);
  const now = deps.now();

  return db.transaction(async (tx) => {
    let user = await findUserByOidcSubject(tx, oidcSubject);
    if (!user) {
      const email = input.email ? normaliseEmail(input.email) : null;
      if (!email) throw new SsoUnknownUserError(null);
      if (!input.emailVerified) throw new SsoEmailNotVerifiedError();
      const byEmail = await findUserByEmail(tx, email);
      if (!byEmail) throw new SsoUnknownUserError(email);
      if (byEmail.disabledAt) throw new SsoUserDisabledError();
      if (await setOidcSubjectIfUnlinked(tx, byEmail.id, oidcSubject)) {
        await appendAuditEvent(tx, {
          actor: `user:${byEmail.id}`,
          action: 'user.sso_linked',
          subjectType: 'user',
          subjectId: String(byEmail.id),
          before: { oidcSubject: null },
          after: { oidcSubject },
        });
        user = { ...byEmail, oidcSubject };
      } else {
        // linked meanwhile: by this very subject (a second tab), or by another one
        user = await findUserByOidcSubject(tx, oidcSubject);
        if (user?.id !== byEmail.id) throw new SsoLinkedElsewhereError();
      }
    }
    if (user.disabledAt) throw new SsoUserDisabledError();
    await insertLoginAttempt(tx, { email: user.email, ip: input.ip, at: now, succeeded: true });
    return startSession(tx, user.id, now);
  });
}
