// Queries about a committee's membership: the users holding a seat on it (chair, member, alternate), with the
// organisation their account stands for and their e-mail address (for sending only: the public members list,
// list-committee-members.ts, leaves it out). Queries only.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from './register.repository.ts';
import { committees, organisations, userRoles, users } from './schema.ts';

/** The enabled users holding any of `roles` on the committee, with their organisation and e-mail; by name. */
export async function listCommitteeSeats(
  db: Tx,
  codeId: string,
  committeeRef: string,
  roles: readonly string[],
) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      organisationId: users.organisationId,
      role: userRoles.role,
      organisation: organisations.name,
    })
    .from(userRoles)
    .innerJoin(committees, eq(committees.id, userRoles.committeeId))
    .innerJoin(users, eq(users.id, userRoles.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        eq(committees.codeId, codeId),
        eq(committees.ref, committeeRef),
        inArray(userRoles.role, [...roles]),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(users.name), asc(users.id));
}
