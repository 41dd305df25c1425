// The role vocabulary: what a signed-in user may be. Pure: parsing and labels, no database.
// A committee role (chair, member, alternate) is held on one committee; the others stand alone.

export const GLOBAL_ROLES = ['administrator', 'analyst', 'party_user', 'regulator'] as const;
export const COMMITTEE_ROLES = ['committee_chair', 'committee_member', 'committee_alternate'] as const;
export const ROLES = [...GLOBAL_ROLES, ...COMMITTEE_ROLES] as const;

export type GlobalRole = (typeof GLOBAL_ROLES)[number];
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];
export type Role = GlobalRole | CommitteeRole;

/** One role a user holds: a committee role names its committee by reference (OPSG). */
export type RoleGrant = { role: GlobalRole } | { role: CommitteeRole; committee: string };

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
export const isCommitteeRole = (role: Role): role is CommitteeRole =>
  (COMMITTEE_ROLES as readonly string[]).includes(role);

export class RoleInputError extends Error {
  readonly code = 'user.invalid_role';
  readonly status = 400;
  override name = 'RoleInputError';
  readonly field = 'role';
}

/** Parses `analyst` or `committee_member:OPSG`. A committee role needs its committee; no other role takes one. */
export function parseRoleGrant(text: string): RoleGrant {
  const [name = '', committee, ...rest] = text.trim().split(':');
  if (!isRole(name) || rest.length > 0)
    throw new RoleInputError(
      `"${text}" is not a role: use one of ${ROLES.join(', ')} (committee roles as ROLE:COMMITTEE).`,
    );
  if (isCommitteeRole(name)) {
    if (!committee?.trim())
      throw new RoleInputError(
        `The role ${name} is held on a committee: write it as ${name}:COMMITTEE, e.g. ${name}:OPSG.`,
      );
    return { role: name, committee: committee.trim() };
  }
  if (committee !== undefined)
    throw new RoleInputError(
      `The role ${name} is not held on a committee: write it as ${name}, without ":${committee}".`,
    );
  return { role: name };
}

const LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  analyst: 'Analyst',
  party_user: 'Party user',
  regulator: 'Regulator',
  committee_chair: 'Chair',
  committee_member: 'Member',
  committee_alternate: 'Alternate',
};

/** In words: "Analyst", "Member of OPSG". */
export function describeRoleGrant(grant: RoleGrant): string {
  return 'committee' in grant ? `${LABELS[grant.role]} of ${grant.committee}` : LABELS[grant.role];
}

/** As written on the command line: `analyst`, `committee_member:OPSG`. */
export function formatRoleGrant(grant: RoleGrant): string {
  return 'committee' in grant ? `${grant.role}:${grant.committee}` : grant.role;
}
