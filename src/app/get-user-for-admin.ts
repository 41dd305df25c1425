// One user as the administrator's page shows them: their details, roles, whether they are disabled and how
// many sessions they have open now. Null when there is no such user.
import { countLiveSessionsOfUser, findUserForAdmin, listRolesOfUsers } from '../db/accounts.repository.ts';
import type { Db } from '../db/connect.ts';
import type { RoleGrant } from '../domain/access/roles.ts';
import { grantsOf } from './list-users-for-admin.ts';

export interface UserForAdmin {
  id: number;
  email: string;
  name: string;
  /** The slug and name of the person in the register they are. */
  person: string | null;
  personName: string | null;
  organisation: string | null;
  roles: RoleGrant[];
  disabledAt: Date | null;
  createdAt: Date;
  /** False until they set one through a link (or if they sign in only through single sign-on). */
  hasPassword: boolean;
  /** Linked to a single sign-on identity. */
  hasSingleSignOn: boolean;
  liveSessions: number;
}

export async function getUserForAdmin(
  deps: { db: Db; now: () => Date },
  userId: number,
): Promise<UserForAdmin | null> {
  const { db } = deps;
  const user = await findUserForAdmin(db, userId);
  if (!user) return null;
  const roles = grantsOf(await listRolesOfUsers(db, userId));
  const liveSessions = await countLiveSessionsOfUser(db, userId, deps.now());
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    person: user.person,
    personName: user.personName,
    organisation: user.organisation,
    roles,
    disabledAt: user.disabledAt,
    createdAt: user.createdAt,
    hasPassword: user.hasPassword,
    hasSingleSignOn: user.hasSingleSignOn,
    liveSessions,
  };
}
