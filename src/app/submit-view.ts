// A committee member sends in their committee's view on a proposal between meetings (the web form for members
// and the API). Who: a chair, member or alternate of that committee, who can see the proposal (a proposal they may
// not see does not exist for them). The author is the user; the view is dated today and recorded as sent in by a
// member. The text, the classification and the problem statement version are checked as for a view the
// secretariat records (view-input.ts); the view and its audit record `view.submitted` are written in one
// transaction, and nothing is stored when anything is refused.
import type { Db } from '../db/connect.ts';
import { findCommitteeByRef } from '../db/papers.repository.ts';
import { appendAuditEvent } from '../db/transitions.repository.ts';
import { insertView } from '../db/views.repository.ts';
import { COMMITTEE_ROLES } from '../domain/access/can.ts';
import { viewerOf } from '../domain/access/visibility.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import type { ActionUser } from './list-recordable-events.ts';
import {
  checkClassification,
  checkText,
  checkVersion,
  getProposalForViewOrThrow,
  ProblemList,
  ViewNotAllowedError,
} from './view-input.ts';

export interface SubmitViewInput {
  /** The signed-in member sending it: its author. */
  user: ActionUser & { name: string };
  /** DP090 or MP090. */
  reference: string;
  /** The committee whose view it is, which the user sits on: OPSG. */
  committee: string;
  /** Markdown. */
  text: string;
  /** A classification slug; the proposal's when left out. */
  classification?: string | undefined;
  /** The problem statement version it answers; the one current today when left out. */
  version?: number | undefined;
  /** member (the default): sent in on the web or the API; email: a reply to a request for views by e-mail. */
  source?: 'member' | 'email' | undefined;
  /** The paper a reply to a request for views answers, with its meeting and agenda item (receive-view-email.ts). */
  answers?: { paperId: number; meetingId: number | null; item: number | null } | undefined;
}

export interface SubmittedView {
  id: number;
  reference: string;
  committee: string;
  givenOn: string;
  classification: string;
  problemStatementVersion: number | null;
}

/** The committees the user holds a seat on (chair, member or alternate), by reference. */
export function committeesOfUser(user: Pick<ActionUser, 'roles'>): string[] {
  const refs = user.roles.flatMap((r) =>
    (COMMITTEE_ROLES as readonly string[]).includes(r.role) && 'committee' in r ? [r.committee] : [],
  );
  return [...new Set(refs)];
}

export async function submitView(
  deps: { db: Db; rules: RulesPack; today: () => string },
  input: SubmitViewInput,
): Promise<SubmittedView> {
  const { db, rules } = deps;
  const today = deps.today();
  return db.transaction(async (tx) => {
    const proposal = await getProposalForViewOrThrow(
      { db: tx, rules },
      { reference: input.reference, viewer: viewerOf(input.user) },
    );
    const problems = new ProblemList();
    const committeeRef = input.committee.trim();
    if (!committeeRef) problems.add('committee', 'Choose the committee whose view it is.');
    else if (!committeesOfUser(input.user).includes(committeeRef))
      throw new ViewNotAllowedError(
        `You do not sit on the ${committeeRef}, so you cannot send in its view. Committee members send in the views of the committees they sit on.`,
      );
    const committee = committeeRef ? await findCommitteeByRef(tx, rules.id, committeeRef) : null;
    if (committeeRef && !committee)
      problems.add('committee', `There is no committee "${committeeRef}" in the ${rules.id} register.`);
    const classification = checkClassification(problems, rules, input.classification, proposal);
    const text = checkText(problems, input.text);
    const version = await checkVersion(tx, problems, proposal, input.version, today);
    problems.throwIfAny();
    if (!committee) throw new Error('internal: a view without its committee passed the checks');

    const source = input.source ?? 'member';
    const id = await insertView(tx, {
      proposalId: proposal.id,
      committeeId: committee.id,
      source,
      authorUserId: input.user.id,
      authorName: null,
      givenOn: today,
      classification,
      text,
      problemStatementVersion: version,
      meetingId: input.answers?.meetingId ?? null,
      paperId: input.answers?.paperId ?? null,
      agendaItem: input.answers?.item ?? null,
    });
    const submitted: SubmittedView = {
      id,
      reference: proposal.reference,
      committee: committee.ref,
      givenOn: today,
      classification,
      problemStatementVersion: version,
    };
    await appendAuditEvent(tx, {
      actor: `user:${input.user.id}`,
      action: 'view.submitted',
      subjectType: 'committee_view',
      subjectId: String(id),
      before: null,
      after: { ...submitted, source, author: input.user.name, text },
    });
    return submitted;
  });
}
