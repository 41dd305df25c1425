// What a committee follows: its decisions on whether it wants to give further input on proposals, as last
// recorded (record-following.ts), for the proposals the viewer may see, grouped by decision, each in number order
// with the day and the meeting it was decided at. Null for a committee the register does not hold.
import type { Tx } from '../db/register.repository.ts';
import { listVisibleFollowing } from '../db/following.repository.ts';
import { findCommitteeByRef } from '../db/papers.repository.ts';
import type { Viewer } from '../domain/access/visibility.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import {
  FOLLOWING_DECISION_LABELS,
  FOLLOWING_DECISIONS,
  isFollowingDecision,
  type FollowingDecision,
} from './record-following.ts';

export interface FollowedProposal {
  reference: string;
  title: string;
  stage: string;
  stageLabel: string;
  decision: FollowingDecision;
  decisionLabel: string;
  /** YYYY-MM-DD */
  decidedOn: string;
  /** The number of the meeting it was decided at, when recorded with one. */
  meeting: number | null;
}

/** By decision: `yes` is what the committee follows. */
export type CommitteeFollowing = Record<FollowingDecision, FollowedProposal[]>;

export async function listFollowedProposals(
  deps: { db: Tx; rules: RulesPack },
  input: { committee: string; viewer: Viewer },
): Promise<CommitteeFollowing | null> {
  const { db, rules } = deps;
  const committee = await findCommitteeByRef(db, rules.id, input.committee.trim());
  if (!committee) return null;
  const rows = await listVisibleFollowing(db, { codeId: rules.id, viewer: input.viewer }, committee.id);
  const stageLabel = (slug: string) => rules.lifecycle.stages.find((s) => s.slug === slug)?.label ?? slug;
  const grouped = Object.fromEntries(
    FOLLOWING_DECISIONS.map((d) => [d, [] as FollowedProposal[]]),
  ) as CommitteeFollowing;
  for (const row of rows) {
    if (!isFollowingDecision(row.decision)) continue; // a value this code does not know is not shown
    grouped[row.decision].push({
      reference: row.reference,
      title: row.title,
      stage: row.stage,
      stageLabel: stageLabel(row.stage),
      decision: row.decision,
      decisionLabel: FOLLOWING_DECISION_LABELS[row.decision],
      decidedOn: row.decidedOn,
      meeting: row.meetingNumber,
    });
  }
  return grouped;
}
