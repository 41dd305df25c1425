// Queries for accounts: users and their roles, sessions (stored as token hashes), sign-in attempts for
// throttling, and password reset links. Queries only; the rules are in the use cases under src/app/.
import { and, asc, count, eq, gt, isNull } from 'drizzle-orm';
import type { Tx } from './register.repository.ts';
import { committees, loginAttempts, passwordResets, people, sessions, userRoles, users } from './schema.ts';

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
