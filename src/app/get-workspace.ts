// An analyst's queue: the open proposals they lead, the milestones due this week and those overdue, across the
// open proposals they may see. The milestones are each proposal's own timetable (getProposalTimetables, as
// the proposal page shows), so the queue and the page never disagree.
//
// Cost: the timetables are computed in bulk (one read of the open proposals' histories, the meetings ahead and the
// closures); past WORKSPACE_PROPOSAL_LIMIT the queue looks at the oldest that many and says it stopped there.
import type { Db } from '../db/connect.ts';
import { listOpenVisibleProposals } from '../db/workspace.repository.ts';
import { viewerOf, type ViewerSource } from '../domain/access/visibility.ts';
import { formatIsoDate, parseIsoDate } from '../domain/calendar/iso-date.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import type { MilestoneKind } from '../domain/timetable/timetable.models.ts';
import { getProposalTimetables } from './get-proposal-timetable.ts';
import { listOpenActions, type OpenAction } from './list-open-actions.ts';

/** The most open proposals the queue looks at in one go. */
export const WORKSPACE_PROPOSAL_LIMIT = 2_000;

/** "This week": today and the next seven calendar days. */
export const WORKSPACE_WEEK_DAYS = 7;

export interface QueueProposal {
  reference: string;
  title: string;
  stage: string;
  stageLabel: string;
}

export interface QueueMilestone extends QueueProposal {
  kind: MilestoneKind;
  milestone: string;
  due: string;
  basis: string;
  overdue: boolean;
}

export interface MyProposal extends QueueProposal {
  /** Its next milestone: overdue, or due today or later (one already met is past); null when there is none. */
  next: { milestone: string; due: string; overdue: boolean } | null;
}

export interface Workspace {
  /** Today, as the timetables were computed. */
  asOf: string;
  /** The last day of "this week". */
  weekEnds: string;
  /** Whether the user's account stands for a person of the register (a Lead Analyst is a person). */
  linkedToPerson: boolean;
  mine: MyProposal[];
  dueThisWeek: QueueMilestone[];
  overdue: QueueMilestone[];
  /** How many open proposals the queue looked at. */
  openProposals: number;
  /** There were more open proposals than WORKSPACE_PROPOSAL_LIMIT: the lists may be incomplete. */
  limited: boolean;
  /** The meetings' open actions: the user's own first, then everyone's (their own included). */
  openActions: { mine: OpenAction[]; all: OpenAction[] };
}

export interface GetWorkspaceInput {
  /** The signed-in member of staff (the route checks they are). */
  user: ViewerSource & { personId: number | null };
}

export async function getWorkspace(
  deps: { db: Db; rules: RulesPack; today: () => string },
  input: GetWorkspaceInput,
): Promise<Workspace> {
  const { db, rules } = deps;
  const asOf = deps.today();
  const weekEnds = formatIsoDate(parseIsoDate(asOf) + WORKSPACE_WEEK_DAYS);
  const viewer = viewerOf(input.user);
  const finalStages = rules.lifecycle.stages.filter((s) => s.final).map((s) => s.slug);
  const stageLabel = (slug: string) => rules.lifecycle.stages.find((s) => s.slug === slug)?.label ?? slug;

  const open = await listOpenVisibleProposals(
    db,
    { codeId: rules.id, viewer },
    finalStages,
    WORKSPACE_PROPOSAL_LIMIT + 1,
  );
  const limited = open.length > WORKSPACE_PROPOSAL_LIMIT;
  const looked = open.slice(0, WORKSPACE_PROPOSAL_LIMIT);

  const mine: MyProposal[] = [];
  const dueThisWeek: QueueMilestone[] = [];
  const overdue: QueueMilestone[] = [];
  const timetables = await getProposalTimetables({ db, rules, today: () => asOf }, looked);
  for (const [index, row] of looked.entries()) {
    const timetable = timetables[index];
    if (!timetable) continue;
    const proposal: QueueProposal = {
      reference: timetable.reference,
      title: row.title,
      stage: timetable.stage,
      stageLabel: stageLabel(timetable.stage),
    };
    for (const m of timetable.milestones) {
      const item: QueueMilestone = {
        ...proposal,
        kind: m.kind,
        milestone: m.label,
        due: m.due,
        basis: m.basis,
        overdue: m.overdue,
      };
      if (m.overdue) overdue.push(item);
      else if (m.due >= asOf && m.due <= weekEnds) dueThisWeek.push(item);
    }
    if (input.user.personId !== null && row.leadAnalystId === input.user.personId) {
      // its next: overdue, or due today or later (a milestone already met, such as papers out, is past)
      const first = timetable.milestones.find((m) => m.overdue || m.due >= asOf);
      mine.push({
        ...proposal,
        next: first ? { milestone: first.label, due: first.due, overdue: first.overdue } : null,
      });
    }
  }

  const byDue = (a: QueueMilestone, b: QueueMilestone) =>
    a.due.localeCompare(b.due) ||
    a.reference.localeCompare(b.reference) ||
    a.milestone.localeCompare(b.milestone);
  return {
    asOf,
    weekEnds,
    linkedToPerson: input.user.personId !== null,
    mine,
    dueThisWeek: dueThisWeek.sort(byDue),
    overdue: overdue.sort(byDue),
    openProposals: looked.length,
    limited,
    openActions: await (async () => {
      const all = await listOpenActions({ db, rules });
      return { mine: all.filter((a) => a.owner.userId === input.user.id), all };
    })(),
  };
}
