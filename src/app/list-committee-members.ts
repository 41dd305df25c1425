// Who sits on a committee: the users holding its chair, member or alternate seats, chair first, with the
// organisation each stands for. Names and organisations only: the page is public, so no e-mail addresses.
// Disabled accounts are left out; a user holding two seats is listed once, at the higher. Empty for a committee the register does not hold.
import { listCommitteeSeats } from '../db/committees.repository.ts';
import type { Tx } from '../db/register.repository.ts';
import { COMMITTEE_ROLES, type CommitteeRole } from '../domain/access/roles.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

export interface CommitteeMember {
  name: string;
  role: CommitteeRole;
  /** Chair, Member, Alternate. */
  roleLabel: string;
  organisation: string | null;
}

const ROLE_LABELS: Record<CommitteeRole, string> = {
  committee_chair: 'Chair',
  committee_member: 'Member',
  committee_alternate: 'Alternate',
};

export async function listCommitteeMembers(
  deps: { db: Tx; rules: RulesPack },
  input: { committee: string },
): Promise<CommitteeMember[]> {
  const rows = await listCommitteeSeats(deps.db, deps.rules.id, input.committee, COMMITTEE_ROLES);
  const rank = (role: string) => COMMITTEE_ROLES.indexOf(role as CommitteeRole);
  return rows
    .filter((row) => rank(row.role) >= 0)
    .sort((a, b) => rank(a.role) - rank(b.role)) // stable: by name within a role
    .filter((row, i, all) => all.findIndex((r) => r.userId === row.userId) === i) // a user's highest seat
    .map((row) => ({
      name: row.name,
      role: row.role as CommitteeRole,
      roleLabel: ROLE_LABELS[row.role as CommitteeRole],
      organisation: row.organisation,
    }));
}
