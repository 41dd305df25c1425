// Changing a user's name, the person in the register they are (their organisation follows) and their roles,
// by an administrator. Roles are replaced as a whole. An administrator cannot drop their own administrator
// role (another administrator must), so there is always one left. One transaction; when anything changed,
// an audit record `user.updated` holds the before and after.
import {
  deleteUserRoles,
  findPersonBySlug,
  insertUserRoles,
  listRolesOfUsers,
  lockUser,
  updateUserDetails,
} from '../db/accounts.repository.ts';
import { appendChainedAuditEvents } from '../db/audit.repository.ts';
import type { Db } from '../db/connect.ts';
import { findCommitteeByRef } from '../db/papers.repository.ts';
import type { RoleGrant } from '../domain/access/roles.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { UserInputError } from './add-user.ts';
import { formatGrants, grantsOf } from './list-users-for-admin.ts';
import { OwnAccountError, UserNotFoundError } from './user-admin.errors.ts';

export interface UpdateUserInput {
  userId: number;
  name: string;
  /** The person's slug; empty or absent for none. */
  person?: string | undefined;
  roles: readonly RoleGrant[];
  /** The administrator making the change. */
  actorUserId: number;
}

export interface UpdatedUser {
  id: number;
  changed: boolean;
  roles: string[];
}

export async function updateUser(
  deps: { db: Db; rules: RulesPack },
  input: UpdateUserInput,
): Promise<UpdatedUser> {
  const { db, rules } = deps;
  const name = input.name.trim();
  if (!name) throw new UserInputError('Enter the name of the user.', 'name');
  if (name.length > 200) throw new UserInputError('Enter a name of at most 200 characters.', 'name');
  const personSlug = input.person?.trim() || null;
  const roles = formatGrants(input.roles);
  if (input.actorUserId === input.userId && !roles.includes('administrator'))
    throw new OwnAccountError(
      'You cannot remove your own administrator role. Ask another administrator to do it.',
      'role',
    );

  return db.transaction(async (tx) => {
    const user = await lockUser(tx, input.userId);
    if (!user) throw new UserNotFoundError(input.userId);
    const before = {
      name: user.name,
      person: user.person,
      roles: formatGrants(grantsOf(await listRolesOfUsers(tx, user.id))),
    };

    let personId = user.personId;
    let organisationId = user.organisationId;
    if (personSlug !== user.person) {
      const person = personSlug ? await findPersonBySlug(tx, personSlug) : null;
      if (personSlug && !person)
        throw new UserInputError(`There is no person "${personSlug}" in the register.`, 'person');
      personId = person?.id ?? null;
      organisationId = person?.organisationId ?? null;
    }

    const roleRows = new Map<string, { userId: number; role: string; committeeId: number | null }>();
    for (const grant of input.roles) {
      let committeeId: number | null = null;
      if ('committee' in grant) {
        const committee = await findCommitteeByRef(tx, rules.id, grant.committee);
        if (!committee)
          throw new UserInputError(
            `There is no committee "${grant.committee}" in the ${rules.id} register.`,
            'role',
          );
        committeeId = committee.id;
      }
      roleRows.set(`${grant.role}:${committeeId}`, { userId: user.id, role: grant.role, committeeId });
    }

    const after = { name, person: personSlug, roles };
    const changed =
      before.name !== after.name ||
      before.person !== after.person ||
      before.roles.join(',') !== after.roles.join(',');
    if (!changed) return { id: user.id, changed: false, roles };

    await updateUserDetails(tx, user.id, { name, personId, organisationId });
    await deleteUserRoles(tx, user.id);
    await insertUserRoles(tx, [...roleRows.values()]);
    await appendChainedAuditEvents(tx, [
      {
        actor: `user:${input.actorUserId}`,
        action: 'user.updated',
        subjectType: 'user',
        subjectId: String(user.id),
        before,
        after,
      },
    ]);
    return { id: user.id, changed: true, roles };
  });
}
