// Queries for accounts: users and their roles, sessions (stored as token hashes), sign-in attempts for
// throttling, and password reset links. Queries only; the rules are in the use cases under src/app/.
import { and, asc, count, eq, gt, isNull, max, sql } from 'drizzle-orm';
import type { Tx } from './register.repository.ts';
import {
  committees,
  loginAttempts,
  organisations,
  passwordResets,
  people,
  sessions,
  userRoles,
  users,
} from './schema.ts';

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  personId: users.personId,
  organisationId: users.organisationId,
  disabledAt: users.disabledAt,
};

export async function findUserByEmail(db: Tx, email: string) {
  const rows = await db
    .select({ ...userColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  return rows[0] ?? null;
}

export async function insertUser(db: Tx, row: typeof users.$inferInsert): Promise<number> {
  const rows = await db.insert(users).values(row).returning({ id: users.id });
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('insert into users returned no id');
  return id;
}

export async function insertUserRoles(db: Tx, rows: (typeof userRoles.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(userRoles).values(rows);
}

export async function setPasswordHash(db: Tx, userId: number, passwordHash: string) {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/** A person by slug, with their organisation (a user linked to a person belongs to that person's organisation). */
export async function findPersonBySlug(db: Tx, slug: string) {
  const rows = await db
    .select({ id: people.id, slug: people.slug, organisationId: people.organisationId })
    .from(people)
    .where(eq(people.slug, slug));
  return rows[0] ?? null;
}

/** Every user with the slug of their person, in e-mail order. */
export async function listUsers(db: Tx) {
  return db
    .select({ ...userColumns, person: people.slug })
    .from(users)
    .leftJoin(people, eq(people.id, users.personId))
    .orderBy(asc(users.email));
}

/** The roles of users, with the reference of the committee a committee role is held on. */
export async function listRolesOfUsers(db: Tx, userId?: number) {
  return db
    .select({ userId: userRoles.userId, role: userRoles.role, committee: committees.ref })
    .from(userRoles)
    .leftJoin(committees, eq(committees.id, userRoles.committeeId))
    .where(userId === undefined ? undefined : eq(userRoles.userId, userId))
    .orderBy(asc(userRoles.userId), asc(userRoles.role), asc(committees.ref));
}

export async function insertSession(db: Tx, row: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(row);
}

/** A live session (not revoked, not expired at `now`) with its user, who must not be disabled. */
export async function findLiveSession(db: Tx, tokenHash: string, now: Date) {
  const rows = await db
    .select({
      tokenHash: sessions.tokenHash,
      csrfSecret: sessions.csrfSecret,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      user: userColumns,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        isNull(users.disabledAt),
      ),
    );
  return rows[0] ?? null;
}

export async function touchSession(db: Tx, tokenHash: string, now: Date) {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
}

export async function revokeSession(db: Tx, tokenHash: string, now: Date) {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}

export async function revokeSessionsOfUser(db: Tx, userId: number, now: Date) {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

export async function insertLoginAttempt(db: Tx, row: typeof loginAttempts.$inferInsert) {
  await db.insert(loginAttempts).values(row);
}

/** Failed sign-in attempts since `since`, for one e-mail and for one address. */
export async function countFailedAttempts(db: Tx, email: string, ip: string, since: Date) {
  const failedSince = and(eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since));
  const [byEmail] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(failedSince, eq(loginAttempts.email, email)));
  const [byIp] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(failedSince, eq(loginAttempts.ip, ip)));
  return { email: byEmail?.n ?? 0, ip: byIp?.n ?? 0 };
}

export async function insertPasswordReset(db: Tx, row: typeof passwordResets.$inferInsert) {
  await db.insert(passwordResets).values(row);
}

/** A reset link that is unused and unexpired at `now`, with its user's e-mail. */
export async function findUsablePasswordReset(db: Tx, tokenHash: string, now: Date) {
  const rows = await db
    .select({ tokenHash: passwordResets.tokenHash, userId: passwordResets.userId, email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
        isNull(users.disabledAt),
      ),
    );
  return rows[0] ?? null;
}

/** Uses a reset link once: true only for the one caller that marked it (two at once: one wins). */
export async function markPasswordResetUsed(db: Tx, tokenHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(passwordResets)
    .set({ usedAt: now })
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    )
    .returning({ tokenHash: passwordResets.tokenHash });
  return rows.length === 1;
}

/** The user linked to a single sign-on subject (`issuer|sub`), or null. */
export async function findUserByOidcSubject(db: Tx, oidcSubject: string) {
  const rows = await db
    .select({ ...userColumns, oidcSubject: users.oidcSubject })
    .from(users)
    .where(eq(users.oidcSubject, oidcSubject));
  return rows[0] ?? null;
}

/**
 * Links a user to a single sign-on subject, only if they are not linked yet: true when this call linked
 * them (two at once: one wins).
 */
export async function setOidcSubjectIfUnlinked(
  db: Tx,
  userId: number,
  oidcSubject: string,
): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ oidcSubject })
    .where(and(eq(users.id, userId), isNull(users.oidcSubject)))
    .returning({ id: users.id });
  return rows.length === 1;
}

// ---- the administrator's user pages (issue 5): finding, listing and changing users ----

/** One user with their person and organisation, for the administrator's page. */
export async function findUserForAdmin(db: Tx, userId: number) {
  const rows = await db
    .select({
      ...userColumns,
      createdAt: users.createdAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`.mapWith(Boolean),
      hasSingleSignOn: sql<boolean>`${users.oidcSubject} is not null`.mapWith(Boolean),
      person: people.slug,
      personName: people.name,
      organisation: organisations.name,
    })
    .from(users)
    .leftJoin(people, eq(people.id, users.personId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId));
  return rows[0] ?? null;
}

/** A user, locked for the rest of the transaction, so two administrators' changes to them take turns. */
export async function lockUser(db: Tx, userId: number) {
  const rows = await db
    .select({ ...userColumns, person: people.slug })
    .from(users)
    .leftJoin(people, eq(people.id, users.personId))
    .where(eq(users.id, userId))
    .for('update', { of: users });
  return rows[0] ?? null;
}

/** Every user with their person, organisation and when they last signed in, in name order. */
export async function listUsersForAdmin(db: Tx) {
  const lastSignIn = db
    .select({ userId: sessions.userId, at: max(sessions.createdAt).as('last_signed_in_at') })
    .from(sessions)
    .groupBy(sessions.userId)
    .as('last_sign_in');
  return db
    .select({
      ...userColumns,
      person: people.slug,
      organisation: organisations.name,
      lastSignedInAt: lastSignIn.at,
    })
    .from(users)
    .leftJoin(people, eq(people.id, users.personId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(lastSignIn, eq(lastSignIn.userId, users.id))
    .orderBy(asc(users.name), asc(users.email));
}

/** The people of the register with their organisation, for choosing whom a user is. */
export async function listPeopleWithOrganisations(db: Tx) {
  return db
    .select({ slug: people.slug, name: people.name, organisation: organisations.name })
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .orderBy(asc(people.name), asc(people.slug));
}

/** A code's committees, for committee roles. */
export async function listCommitteesOfCode(db: Tx, codeId: string) {
  return db
    .select({ id: committees.id, ref: committees.ref, name: committees.name })
    .from(committees)
    .where(eq(committees.codeId, codeId))
    .orderBy(asc(committees.ref));
}

export async function updateUserDetails(
  db: Tx,
  userId: number,
  row: { name: string; personId: number | null; organisationId: number | null },
) {
  await db.update(users).set(row).where(eq(users.id, userId));
}

export async function deleteUserRoles(db: Tx, userId: number) {
  await db.delete(userRoles).where(eq(userRoles.userId, userId));
}

export async function setUserDisabledAt(db: Tx, userId: number, disabledAt: Date | null) {
  await db.update(users).set({ disabledAt }).where(eq(users.id, userId));
}

/** Sessions of a user that are neither revoked nor expired at `now`. */
export async function countLiveSessionsOfUser(db: Tx, userId: number, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  return Number(row?.n ?? 0);
}
