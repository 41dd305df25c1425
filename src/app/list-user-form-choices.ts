// What the administrator's user forms offer: the people of the register (with their organisation) a user may
// be, the code's committees for committee roles, and the roles themselves.
import { listCommitteesOfCode, listPeopleWithOrganisations } from '../db/accounts.repository.ts';
import type { Db } from '../db/connect.ts';
import {
  COMMITTEE_ROLES,
  GLOBAL_ROLES,
  type CommitteeRole,
  type GlobalRole,
} from '../domain/access/roles.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

export interface UserFormChoices {
  people: { slug: string; name: string; organisation: string }[];
  committees: { ref: string; name: string }[];
  globalRoles: readonly GlobalRole[];
  committeeRoles: readonly CommitteeRole[];
}

export async function listUserFormChoices(deps: { db: Db; rules: RulesPack }): Promise<UserFormChoices> {
  const people = await listPeopleWithOrganisations(deps.db);
  const committees = await listCommitteesOfCode(deps.db, deps.rules.id);
  return {
    people,
    committees: committees.map((c) => ({ ref: c.ref, name: c.name })),
    globalRoles: GLOBAL_ROLES,
    committeeRoles: COMMITTEE_ROLES,
  };
}
