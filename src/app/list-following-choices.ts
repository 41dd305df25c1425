// What the staff form for a meeting's following decisions offers: the proposals of that meeting's monthly papers
// (raised or converted in a paper's period) and those the committee has already decided on, each with the
// decision held now, for the proposals the viewer may see, in number order. Null for a meeting the register
// does not hold. Any other proposal can still be named on the form by its reference.
import type { Tx } from '../db/register.repository.ts';
import { listVisibleFollowing, listVisibleProposalsById } from '../db/following.repository.ts';
import {
  findMeeting,
  findPaperByReference,
  listMeetingPapers,
  listProposalsForPaper,
} from '../db/papers.repository.ts';
import type { Viewer } from '../domain/access/visibility.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { COMPOSABLE_PAPER_TYPES } from './create-paper.ts';
import { isFollowingDecision, type FollowingDecision } from './record-following.ts';

export interface FollowingChoice {
  reference: string;
  title: string;
  /** Whether one of the meeting's papers covers it. */
  onPaper: boolean;
  /** The decision held now, if any. */
  decision: FollowingDecision | null;
  decidedOn: string | null;
  meeting: number | null;
}

export interface FollowingChoices {
  meeting: { committee: { ref: string; name: string }; number: number; date: string };
  choices: FollowingChoice[];
}

export async function listFollowingChoices(
  deps: { db: Tx; rules: RulesPack },
  input: { committee: string; meeting: number; viewer: Viewer },
): Promise<FollowingChoices | null> {
  const { db, rules } = deps;
  const meeting = await findMeeting(db, rules.id, input.committee.trim(), input.meeting);
  if (!meeting) return null;
  const composable: readonly string[] = COMPOSABLE_PAPER_TYPES;
  const onPaper = new Set<number>();
  for (const paper of await listMeetingPapers(db, meeting.id)) {
    if (!composable.includes(paper.type)) continue;
    const stored = await findPaperByReference(db, rules.id, paper.reference);
    if (!stored?.coversFrom || !stored.coversTo) continue;
    const period = { from: stored.coversFrom, to: stored.coversTo };
    for (const row of await listProposalsForPaper(db, {
      codeId: rules.id,
      committeeId: meeting.committee.id,
      period,
    }))
      onPaper.add(row.id);
  }
  const scope = { codeId: rules.id, viewer: input.viewer };
  const decided = await listVisibleFollowing(db, scope, meeting.committee.id);
  const decisionOf = new Map(decided.map((d) => [d.proposalId, d]));
  const visible = await listVisibleProposalsById(db, scope, [...onPaper, ...decisionOf.keys()]);
  return {
    meeting: {
      committee: { ref: meeting.committee.ref, name: meeting.committee.name },
      number: meeting.number,
      date: meeting.date,
    },
    choices: visible.map((p) => {
      const d = decisionOf.get(p.id);
      return {
        reference: p.reference,
        title: p.title,
        onPaper: onPaper.has(p.id),
        decision: d && isFollowingDecision(d.decision) ? d.decision : null,
        decidedOn: d?.decidedOn ?? null,
        meeting: d?.meetingNumber ?? null,
      };
    }),
  };
}
