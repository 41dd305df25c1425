// What the form for adding a view offers a signed-in user on a proposal: the administrator's staff record a view
// from a meeting or an e-mail (record-view.ts), for any committee; a committee member sends in one for a committee
// they sit on (submit-view.ts), and only those. Anyone else may add no view (ViewNotAllowedError). null when the
// proposal is not one the user may see. The use cases check all of it again on the way in.
import type { Db } from '../db/connect.ts';
import { listCommittees, listProblemStatementVersions } from '../db/views.repository.ts';
import { canEditProposals } from '../domain/access/can.ts';
import { viewerOf } from '../domain/access/visibility.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import type { ActionUser } from './list-recordable-events.ts';
import { committeesOfUser } from './submit-view.ts';
import { ProposalNotFoundError } from './transition-proposal.ts';
import { getProposalForViewOrThrow, ViewNotAllowedError } from './view-input.ts';

export interface ViewForm {
  /** staff: recorded from a meeting or an e-mail; member: sent in by the user. */
  mode: 'staff' | 'member';
  reference: string;
  title: string;
  /** The proposal's classification: a view's, unless another is chosen. */
  classification: string;
  committees: { ref: string; name: string }[];
  /** The proposal's problem statement versions, newest first. */
  versions: number[];
}

/** The form's mode for this user, or null when they may add no view. Needs no proposal: the pages ask it first. */
export function viewFormMode(user: ActionUser): 'staff' | 'member' | null {
  if (canEditProposals(user)) return 'staff';
  return committeesOfUser(user).length > 0 ? 'member' : null;
}

export async function getViewForm(
  deps: { db: Db; rules: RulesPack },
  input: { user: ActionUser; reference: string },
): Promise<ViewForm | null> {
  const { db, rules } = deps;
  const mode = viewFormMode(input.user);
  if (mode === null)
    throw new ViewNotAllowedError(
      'Only committee members (for the committees they sit on) and the code administrator’s staff add views.',
    );
  let proposal;
  try {
    proposal = await getProposalForViewOrThrow(deps, {
      reference: input.reference,
      viewer: viewerOf(input.user),
    });
  } catch (error) {
    if (error instanceof ProposalNotFoundError) return null;
    throw error;
  }
  const seats = committeesOfUser(input.user);
  const committees = (await listCommittees(db, rules.id))
    .filter((c) => mode === 'staff' || seats.includes(c.ref))
    .map((c) => ({ ref: c.ref, name: c.name }));
  const versions = (await listProblemStatementVersions(db, proposal.id)).map((v) => v.version);
  return {
    mode,
    reference: proposal.reference,
    title: proposal.title,
    classification: proposal.classification,
    committees,
    versions,
  };
}
