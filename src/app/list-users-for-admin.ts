// The users as the administrator's page lists them: who they are, their organisation, their roles in words,
// whether they are disabled and when they last signed in.
import { listRolesOfUsers, listUsersForAdmin as listUserRows } from '../db/accounts.repository.ts';
import type { Db } from '../db/connect.ts';
import {
  describeRoleGrant,
  formatRoleGrant,
  isCommitteeRole,
  isRole,
  type RoleGrant,
} from '../domain/access/roles.ts';

/** Stored role rows as grants; a committee role without its committee, or a role this version does not know, is skipped. */
export function grantsOf(rows: readonly { role: string; committee: string | null }[]): RoleGrant[] {
  const grants: RoleGrant[] = [];
  for (const r of rows) {
    if (!isRole(r.role)) continue;
    if (!isCommitteeRole(r.role)) grants.push({ role: r.role });
    else if (r.committee) grants.push({ role: r.role, committee: r.committee });
  }
  return grants;
}

/** Grants as written on the command line and in audit records, sorted and without repeats. */
export const formatGrants = (grants: readonly RoleGrant[]): string[] =>
  [...new Set(grants.map(formatRoleGrant))].sort();

export interface UserForAdminList {
  id: number;
  email: string;
  name: string;
  person: string | null;
  organisation: string | null;
  roles: string[];
  disabled: boolean;
  lastSignedInAt: Date | null;
}

export async function listUsersForAdmin(deps: { db: Db }): Promise<UserForAdminList[]> {
  const [users, roles] = await Promise.all([listUserRows(deps.db), listRolesOfUsers(deps.db)]);
  const rolesOf = new Map<number, typeof roles>();
  for (const r of roles) rolesOf.set(r.userId, [...(rolesOf.get(r.userId) ?? []), r]);
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    person: u.person,
    organisation: u.organisation,
    roles: grantsOf(rolesOf.get(u.id) ?? []).map(describeRoleGrant),
    disabled: u.disabledAt !== null,
    lastSignedInAt: u.lastSignedInAt,
  }));
}
