// Who may see an item of a given classification (the Panel Information Policy, SEC Section M4.13, which works
// like the Traffic Light Protocol). The one rule every way out applies: pages, search and its snippets, counts,
// the API, exports, feeds and papers. An item a viewer may not see does not exist for them, not even as a count.
import { COMMITTEE_ROLES, STAFF_ROLES, type HeldRole } from './can.ts';

export type AccessViewer =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: number; organisationId: number | null; roles: readonly HeldRole[] };

/** What an item says about who it is for. */
export interface ClassifiedItem {
  classification: string;
  /** The organisations it names (a proposal: its proposer's). */
  organisationIds: readonly number[];
  /** The committees it names (a proposal: those it has impacts for; a paper: its meeting's). */
  committees: readonly string[];
  /** Named recipients: the only readers of a Red item. */
  recipientUserIds: readonly number[];
}

const isStaff = (roles: readonly HeldRole[]) =>
  roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r.role));
const committeesOf = (roles: readonly HeldRole[]) =>
  roles
    .filter((r) => (COMMITTEE_ROLES as readonly string[]).includes(r.role) && r.committee)
    .map((r) => r.committee);

export function canSee(viewer: AccessViewer, item: ClassifiedItem): boolean {
  if (item.classification === 'white') return true;
  if (viewer.kind === 'anonymous') return false;
  const named = item.recipientUserIds.includes(viewer.userId);
  switch (item.classification) {
    case 'green':
      // the community: signed-in users of any Party or committee, and the administrator's staff and the regulator
      return (
        named ||
        viewer.organisationId !== null ||
        committeesOf(viewer.roles).length > 0 ||
        isStaff(viewer.roles) ||
        viewer.roles.some((r) => r.role === 'regulator')
      );
    case 'amber':
      // need to know: the organisations and committees it names, and the administrator's staff
      return (
        named ||
        isStaff(viewer.roles) ||
        (viewer.organisationId !== null && item.organisationIds.includes(viewer.organisationId)) ||
        committeesOf(viewer.roles).some((c) => c !== null && item.committees.includes(c))
      );
    case 'red':
      return named;
    default:
      return false; // a classification this policy does not know is shown to no one
  }
}

/**
 * May an item be shown inside a paper for a committee? Only if everyone the paper goes to may see the item.
 * The paper's own classification already keeps out anything classified above it; beyond that:
 * - an Amber item must name the paper's committee (the paper's other readers, the staff, see every Amber item);
 * - a Red item is never put in a paper (its named recipients are not a committee);
 * - a Red paper goes to its named recipients only, who need not be of the community: it shows White items only.
 */
export function paperAudienceMaySee(
  paper: { committee: string; classification: string },
  item: Pick<ClassifiedItem, 'classification' | 'committees'>,
): boolean {
  if (paper.classification === 'red') return item.classification === 'white';
  switch (item.classification) {
    case 'white':
    case 'green':
      return true;
    case 'amber':
      return item.committees.includes(paper.committee);
    default:
      return false;
  }
}
