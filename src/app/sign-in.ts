// Signing in with an e-mail and a password. Throttled before the password is looked at: more than
// MAX_FAILURES_PER_EMAIL failed attempts for an e-mail, or MAX_FAILURES_PER_IP from an address, in the last
// 15 minutes refuse the attempt. The counts are rows in login_attempts, so they hold across instances.
// An unknown e-mail is verified against a dummy hash, so it takes about as long as a wrong password.
// Every success makes a NEW session (no session fixation): a random token for the cookie, its SHA-256 in
// the database, with a fresh CSRF secret.
import { createHash, randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import {
  countFailedAttempts,
  findUserByEmail,
  insertLoginAttempt,
  insertSession,
} from '../db/accounts.repository.ts';
import type { Db } from '../db/connect.ts';
import type { Tx } from '../db/register.repository.ts';
import { hashPassword } from './add-user.ts';

export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

/** 32 random bytes, base64url: a session or reset token (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of a token: its SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class SignInInputError extends Error {
  readonly code = 'sign_in.invalid';
  readonly status = 400;
  override name = 'SignInInputError';
  constructor(
    message: string,
    readonly field: 'email' | 'password',
  ) {
    super(message);
  }
}

export class WrongCredentialsError extends Error {
  readonly code = 'sign_in.wrong_credentials';
  readonly status = 401;
  override name = 'WrongCredentialsError';
  readonly field = 'email';
  constructor() {
    super('The e-mail address or the password is not right.');
  }
}

export class SignInThrottledError extends Error {
  readonly code = 'sign_in.throttled';
  readonly status = 429;
  override name = 'SignInThrottledError';
  readonly field = 'email';
  constructor() {
    super(
      'There have been too many failed attempts to sign in. Wait 15 minutes and try again, or reset your password.',
    );
  }
}

export interface SignInInput {
  email: string;
  password: string;
  /** The address the attempt came from. */
  ip: string;
}

export interface SignedIn {
  /** The session token: it goes in the cookie and nowhere else. */
  token: string;
  userId: number;
  expiresAt: Date;
}

let dummyHash: Promise<string> | undefined;
/** A hash to verify against when there is no user, so an unknown e-mail is not told apart by timing. */
const dummy = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

async function passwordMatches(phc: string | null | undefined, password: string): Promise<boolean> {
  const target = phc ?? (await dummy());
  try {
    const ok = await verify(target, password);
    return ok && Boolean(phc);
  } catch {
    return false;
  }
}

export async function signIn(deps: { db: Db; now: () => Date }, input: SignInInput): Promise<SignedIn> {
  const { db } = deps;
  const email = input.email.trim().toLowerCase();
  if (!email) throw new SignInInputError('Enter your e-mail address.', 'email');
  if (!input.password) throw new SignInInputError('Enter your password.', 'password');

  const now = deps.now();
  const failures = await countFailedAttempts(
    db,
    email,
    input.ip,
    new Date(now.getTime() - THROTTLE_WINDOW_MS),
  );
  if (failures.email >= MAX_FAILURES_PER_EMAIL || failures.ip >= MAX_FAILURES_PER_IP)
    throw new SignInThrottledError();

  const user = await findUserByEmail(db, email);
  const ok = (await passwordMatches(user?.passwordHash, input.password)) && !user?.disabledAt;
  await insertLoginAttempt(db, { email, ip: input.ip, at: now, succeeded: ok && Boolean(user) });
  if (!ok || !user) throw new WrongCredentialsError();

  return startSession(db, user.id, now);
}

/**
 * A NEW session for a user who has proved who they are (by password or single sign-on): a random token for
 * the cookie, its SHA-256 in the database, a fresh CSRF secret. Runs in the caller's transaction if given one.
 */
export async function startSession(db: Tx, userId: number, now: Date): Promise<SignedIn> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await insertSession(db, {
    tokenHash: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    csrfSecret: newToken(),
  });
  return { token, userId, expiresAt };
}
