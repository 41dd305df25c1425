// Recording a committee's decision on whether it wants to give further input on a proposal (yes, no or
// undecided), as taken at one of its meetings: the committee, the meeting's number, the proposal (by either of
// its references: DP090 finds MP090), the decision and the day (the meeting's, unless given). The decision
// replaces the one before; the audit record (`following.recorded`, on the proposal) keeps both. Recording the
// decision already held, on the same day at the same meeting, changes nothing and writes nothing.
// The staff form, the CLI (`modgov follow`) and any later caller come through here.
import type { Db } from '../db/connect.ts';
import {
  findFollowing,
  findProposalForFollowing,
  isProposalVisible,
  upsertFollowing,
} from '../db/following.repository.ts';
import { findCommitteeByRef, findMeeting } from '../db/papers.repository.ts';
import { appendAuditEvent } from '../db/transitions.repository.ts';
import type { Viewer } from '../domain/access/visibility.ts';
import { parseIsoDate } from '../domain/calendar/iso-date.ts';
import { candidateReferences } from '../domain/proposals/proposal-reference.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

export const FOLLOWING_DECISIONS = ['yes', 'no', 'undecided'] as const;
export type FollowingDecision = (typeof FOLLOWING_DECISIONS)[number];

/** How each decision reads on a page. */
export const FOLLOWING_DECISION_LABELS: Readonly<Record<FollowingDecision, string>> = {
  yes: 'Yes: wants to give further input',
  no: 'No further input',
  undecided: 'Undecided',
};

export const isFollowingDecision = (value: string): value is FollowingDecision =>
  (FOLLOWING_DECISIONS as readonly string[]).includes(value);

/** Input the caller can correct, naming the field. */
export class FollowingInputError extends Error {
  readonly code = 'following.invalid';
  readonly status = 400;
  override name = 'FollowingInputError';
  constructor(
    message: string,
    readonly field: 'committee' | 'meeting' | 'proposal' | 'decision' | 'on',
  ) {
    super(message);
  }
}

/** The committee, its meeting or the proposal is not in the register (the proposal: or not for this viewer). */
export class FollowingNotFoundError extends Error {
  readonly code = 'following.not_found';
  readonly status = 404;
  override name = 'FollowingNotFoundError';
  constructor(
    message: string,
    readonly field: 'committee' | 'meeting' | 'proposal',
  ) {
    super(message);
  }
}

export interface RecordFollowingInput {
  /** The committee's reference: OPSG. */
  committee: string;
  /** The number of the meeting that decided: 26. */
  meeting: number;
  /** DP090 or MP090. */
  proposal: string;
  /** yes | no | undecided */
  decision: string;
  /** The day it was decided, YYYY-MM-DD; the meeting's date unless given. */
  on?: string | undefined;
  /** Who, as the audit log names actors: `user:7` from the web, `analyst` from the CLI. */
  actor: string;
  /** When given, a proposal this viewer may not see is not found (the web); the CLI sees the whole register. */
  viewer?: Viewer | undefined;
}

export interface RecordedFollowing {
  committee: { ref: string; name: string };
  meeting: { number: number; date: string };
  proposal: { reference: string; title: string };
  decision: FollowingDecision;
  decidedOn: string;
  /** The decision held before, if any. */
  previous: { decision: string; decidedOn: string; meeting: number | null } | null;
  /** False when the same decision was already recorded (nothing was written). */
  changed: boolean;
}

export async function recordFollowing(
  deps: { db: Db; rules: RulesPack },
  input: RecordFollowingInput,
): Promise<RecordedFollowing> {
  const { db, rules } = deps;
  const decision = input.decision.trim().toLowerCase();
  if (!isFollowingDecision(decision))
    throw new FollowingInputError(
      `The decision must be one of ${FOLLOWING_DECISIONS.join(', ')}, not "${input.decision}".`,
      'decision',
    );
  if (!Number.isInteger(input.meeting) || input.meeting < 1 || input.meeting > 999_999_999)
    throw new FollowingInputError(
      `A meeting number is a whole number from 1 to 999,999,999, not ${String(input.meeting)}.`,
      'meeting',
    );
  if (input.on !== undefined)
    try {
      parseIsoDate(input.on);
    } catch {
      throw new FollowingInputError(
        `The day it was decided must be a real date as YYYY-MM-DD, not "${input.on}".`,
        'on',
      );
    }
  const references = candidateReferences(rules.register, input.proposal);
  if (references.length === 0)
    throw new FollowingInputError(
      `"${input.proposal}" is not a proposal reference of the ${rules.id}, such as DP090 or MP090.`,
      'proposal',
    );

  return db.transaction(async (tx) => {
    const meeting = await findMeeting(tx, rules.id, input.committee.trim(), input.meeting);
    if (!meeting && !(await findCommitteeByRef(tx, rules.id, input.committee.trim())))
      throw new FollowingNotFoundError(
        `There is no committee "${input.committee}" in the ${rules.id} register.`,
        'committee',
      );
    if (!meeting)
      throw new FollowingNotFoundError(
        `There is no meeting ${input.meeting} of the committee "${input.committee}" in the ${rules.id} register.`,
        'meeting',
      );
    const proposal = await findProposalForFollowing(tx, rules.id, references);
    const visible =
      proposal !== null &&
      (input.viewer === undefined ||
        (await isProposalVisible(tx, { codeId: rules.id, viewer: input.viewer }, proposal.id)));
    if (!proposal || !visible)
      throw new FollowingNotFoundError(
        `There is no proposal ${input.proposal} in the ${rules.id} register.`,
        'proposal',
      );
    const decidedOn = input.on ?? meeting.date;
    if (decidedOn < meeting.date)
      throw new FollowingInputError(
        `The day it was decided must be on or after meeting ${meeting.number}, ${meeting.date}, which decided it; not ${decidedOn}.`,
        'on',
      );
    const before = await findFollowing(tx, meeting.committee.id, proposal.id);
    const previous = before
      ? { decision: before.decision, decidedOn: before.decidedOn, meeting: before.meetingNumber }
      : null;
    const changed =
      !before ||
      before.decision !== decision ||
      before.decidedOn !== decidedOn ||
      before.meetingId !== meeting.id;
    if (changed) {
      await upsertFollowing(tx, {
        committeeId: meeting.committee.id,
        proposalId: proposal.id,
        decision,
        decidedOn,
        meetingId: meeting.id,
      });
      await appendAuditEvent(tx, {
        actor: input.actor,
        action: 'following.recorded',
        subjectType: 'proposal',
        subjectId: String(proposal.id),
        before: previous && {
          reference: proposal.reference,
          committee: meeting.committee.ref,
          decision: previous.decision,
          on: previous.decidedOn,
          meeting: previous.meeting,
        },
        after: {
          reference: proposal.reference,
          committee: meeting.committee.ref,
          decision,
          on: decidedOn,
          meeting: meeting.number,
        },
      });
    }
    return {
      committee: { ref: meeting.committee.ref, name: meeting.committee.name },
      meeting: { number: meeting.number, date: meeting.date },
      proposal: { reference: proposal.reference, title: proposal.title },
      decision,
      decidedOn,
      previous,
      changed,
    };
  });
}
