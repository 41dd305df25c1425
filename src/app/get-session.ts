// Resolving a session token (the `modgov_session` cookie) to the signed-in user with their roles, or null
// for a token that is unknown, revoked or expired, or whose user is disabled. Only the token's SHA-256 is
// stored. lastSeenAt is touched at most once a minute, so browsing is not a write per request.
import { listRolesOfUsers, findLiveSession, touchSession } from '../db/accounts.repository.ts';
import type { Db } from '../db/connect.ts';
import { isCommitteeRole, isRole, type RoleGrant } from '../domain/access/roles.ts';
import { hashToken } from './sign-in.ts';

/** Who is signed in: what the pages and the visibility policy need to know. */
export interface SignedInUser {
  id: number;
  email: string;
  name: string;
  personId: number | null;
  organisationId: number | null;
  roles: RoleGrant[];
}

export interface Session {
  user: SignedInUser;
  /** The secret this session's CSRF tokens are derived from. */
  csrfSecret: string;
  expiresAt: Date;
}

const TOUCH_EVERY_MS = 60_000;

export async function getSession(deps: { db: Db; now: () => Date }, token: string): Promise<Session | null> {
  const { db } = deps;
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const now = deps.now();
  const tokenHash = hashToken(token);
  const found = await findLiveSession(db, tokenHash, now);
  if (!found) return null;
  if (now.getTime() - found.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await touchSession(db, tokenHash, now);
  const roles = await loadRoleGrants(db, found.user.id);
  const { disabledAt: _disabled, ...user } = found.user;
  return { user: { ...user, roles }, csrfSecret: found.csrfSecret, expiresAt: found.expiresAt };
}

/** A user's roles as grants (a committee role with its committee); stored rows this version does not know are skipped. */
export async function loadRoleGrants(db: Db, userId: number): Promise<RoleGrant[]> {
  const roles: RoleGrant[] = [];
  for (const r of await listRolesOfUsers(db, userId)) {
    if (!isRole(r.role)) continue;
    if (isCommitteeRole(r.role)) {
      if (r.committee) roles.push({ role: r.role, committee: r.committee });
    } else roles.push({ role: r.role });
  }
  return roles;
}
