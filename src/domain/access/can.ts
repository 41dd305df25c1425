// Who may act: one pure policy for the pages (which offer only allowed actions) and the endpoints (which enforce
// them). A user's roles map onto the lifecycle table's actors; the table says which actors may record an event.
import { allowedEvents, findEvent } from '../lifecycle/lifecycle-engine.ts';
import type {
  Actor,
  LifecycleRules,
  LifecycleState,
  ProposalContext,
} from '../lifecycle/lifecycle.models.ts';

/** A role a user holds: administrator, analyst, party_user, regulator; or a committee role with its committee. */
export interface HeldRole {
  role: string;
  /** The committee's reference (CB, PANEL...) for committee roles. */
  committee: string | null;
}

/** The facts about a signed-in user that decide what they may do. */
export interface ActingUser {
  personId: number | null;
  organisationId: number | null;
  roles: readonly HeldRole[];
}

/** The facts about a proposal that decide who may act on it. */
export interface ProposalForAccess {
  proposerPersonId: number;
  proposerOrganisationId: number;
}

export const STAFF_ROLES = ['administrator', 'analyst'] as const;
export const COMMITTEE_ROLES = ['committee_chair', 'committee_member', 'committee_alternate'] as const;

const holds = (user: ActingUser, role: string, committee?: string) =>
  user.roles.some((r) => r.role === role && (committee === undefined || r.committee === committee));
const sitsOn = (user: ActingUser, committee: string) =>
  COMMITTEE_ROLES.some((role) => holds(user, role, committee));

/**
 * The lifecycle actors a user may act as on a proposal. An analyst records on a committee's behalf; the proposer
 * (the person, or any user of the proposing organisation who is a party user) acts as proposer; Change Board
 * members vote; the regulator records the Authority's decision; Panel members act as the Panel. No one acts as
 * `import`: only the import does.
 */
export function actorsFor(user: ActingUser, proposal: ProposalForAccess): Actor[] {
  const actors = new Set<Actor>();
  if (STAFF_ROLES.some((role) => holds(user, role))) actors.add('analyst');
  if (
    user.personId === proposal.proposerPersonId ||
    (holds(user, 'party_user') && user.organisationId === proposal.proposerOrganisationId)
  )
    actors.add('proposer');
  if (sitsOn(user, 'CB')) actors.add('change_board_member');
  if (sitsOn(user, 'PANEL')) actors.add('panel');
  if (holds(user, 'regulator')) actors.add('authority');
  return [...actors];
}

/** May this user record this event on this proposal now? */
export function canRecordEvent<S extends string>(
  rules: LifecycleRules<S>,
  user: ActingUser,
  proposal: ProposalForAccess & { context: ProposalContext; state: LifecycleState<S> },
  event: string,
): { allowed: true; as: Actor } | { allowed: false; reason: string } {
  const def = findEvent(rules, event);
  if (!def) return { allowed: false, reason: `"${event}" is not an event of this code` };
  const mine = actorsFor(user, proposal);
  const as = def.recordedBy.find((actor) => mine.includes(actor));
  if (!as) {
    const others = def.recordedBy.filter((a) => a !== 'import');
    return {
      allowed: false,
      reason: others.length
        ? `"${event}" is recorded by ${others.join(' or ')}`
        : `"${event}" is recorded only by an import`,
    };
  }
  const now = allowedEvents(rules, proposal.context, proposal.state, as);
  if (!now.some((e) => e.slug === event)) return { allowed: false, reason: `"${event}" cannot happen now` };
  return { allowed: true, as };
}

/** The events this user may record on this proposal now: what a page offers them. */
export function eventsUserMayRecord<S extends string>(
  rules: LifecycleRules<S>,
  user: ActingUser,
  proposal: ProposalForAccess & { context: ProposalContext; state: LifecycleState<S> },
): { event: string; label: string; as: Actor }[] {
  const mine = actorsFor(user, proposal);
  const out: { event: string; label: string; as: Actor }[] = [];
  for (const def of rules.events) {
    const as = def.recordedBy.find((actor) => mine.includes(actor));
    if (as && allowedEvents(rules, proposal.context, proposal.state, as).some((e) => e.slug === def.slug))
      out.push({ event: def.slug, label: def.label, as });
  }
  return out;
}

/** May this user create and issue committee papers? The administrator's staff write the papers. */
export function canCreatePapers(user: { roles: readonly { role: string }[] } | null): boolean {
  return user !== null && STAFF_ROLES.some((role) => user.roles.some((r) => r.role === role));
}

/** May this user manage users (add them, change their roles, disable them)? Administrators only. */
export function canManageUsers(user: { roles: readonly { role: string }[] } | null): boolean {
  return user !== null && user.roles.some((r) => r.role === 'administrator');
}

/**
 * May this user raise a Draft Proposal on the web, and as which person? A party user whose account stands for a
 * person of the register raises as that person; whether their organisation may raise is the code's rule, checked
 * after this (src/domain/eligibility). Anyone else is told why not.
 */
export function canRaise(
  user: { personId: number | null; roles: readonly { role: string }[] } | null,
): { allowed: true; personId: number } | { allowed: false; reason: string } {
  if (user === null) return { allowed: false, reason: 'Sign in to raise a Draft Proposal.' };
  if (!user.roles.some((r) => r.role === 'party_user'))
    return {
      allowed: false,
      reason:
        'Only party users raise a Draft Proposal here, for the organisation they work for. The code administrator’s staff record one raised by someone else with `modgov raise`.',
    };
  if (user.personId === null)
    return {
      allowed: false,
      reason:
        'Your account is not linked to a person in the register, so it is not known which organisation you would raise it for. Ask an administrator to link your account to your person in the register.',
    };
  return { allowed: true, personId: user.personId };
}

/**
 * May this user edit a proposal's text (title, summary, problem statement, impacts) and use the analysts'
 * workspace? The administrator's staff, who run the proposals.
 */
export function canEditProposals(user: { roles: readonly { role: string }[] } | null): boolean {
  return user !== null && STAFF_ROLES.some((role) => user.roles.some((r) => r.role === role));
}
