// The analyst's collation of committees' views: for one proposal, its views grouped by committee with how many
// each gave and when the latest was given; and for one meeting, the views given at it (optionally only those
// answering one of its papers, such as OPSG_26_0511_16), grouped by proposal. For the administrator's staff, who
// run the proposals (canEditProposals); the views are read through the same policy as everywhere (list-views.ts),
// so a view or a proposal the member of staff may not see is not in the collation, nor in its counts.
import type { Db } from '../db/connect.ts';
import { findMeeting } from '../db/papers.repository.ts';
import { listViewsOfMeeting } from '../db/views.repository.ts';
import { canEditProposals } from '../domain/access/can.ts';
import { viewerOf, type ViewerSource } from '../domain/access/visibility.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { listViews, presentViews, type ViewItem } from './list-views.ts';
import { ViewNotAllowedError } from './view-input.ts';

export interface CommitteeViews {
  committee: { ref: string; name: string };
  count: number;
  latestOn: string;
  views: ViewItem[];
}

export interface CollatedProposalViews {
  reference: string;
  title: string;
  total: number;
  latestOn: string | null;
  committees: CommitteeViews[];
}

export interface CollatedMeetingViews {
  meeting: { committee: { ref: string; name: string }; number: number; date: string };
  /** The paper the collation keeps to, when asked for one. */
  paper: string | null;
  /** The papers the views answer, with how many each: the ways to narrow the collation. */
  papers: { reference: string; count: number }[];
  total: number;
  proposals: {
    reference: string;
    title: string;
    count: number;
    latestOn: string;
    committees: { ref: string; count: number }[];
    views: ViewItem[];
  }[];
}

const latest = (views: readonly ViewItem[]) =>
  views.reduce<string | null>((max, v) => (max === null || v.givenOn > max ? v.givenOn : max), null);

function refuseUnlessStaff(user: ViewerSource): void {
  if (!canEditProposals(user))
    throw new ViewNotAllowedError(
      'Only the code administrator’s staff (administrators and analysts) see the collated views.',
    );
}

/** Groups views by committee, in the order each committee first gave one. */
function byCommittee(views: readonly ViewItem[]): CommitteeViews[] {
  const groups = new Map<string, ViewItem[]>();
  for (const view of views) groups.set(view.committee.ref, [...(groups.get(view.committee.ref) ?? []), view]);
  return [...groups.values()].map((group) => ({
    committee: group[0]?.committee ?? { ref: '', name: '' },
    count: group.length,
    latestOn: latest(group) ?? '',
    views: group,
  }));
}

/** null when the proposal is not one the member of staff may see. */
export async function collateProposalViews(
  deps: { db: Db; rules: RulesPack },
  input: { user: ViewerSource; reference: string },
): Promise<CollatedProposalViews | null> {
  refuseUnlessStaff(input.user);
  const found = await listViews(deps, { viewer: viewerOf(input.user), reference: input.reference });
  if (!found) return null;
  return {
    reference: found.reference,
    title: found.title,
    total: found.views.length,
    latestOn: latest(found.views),
    committees: byCommittee(found.views),
  };
}

/** null when the register holds no such meeting. */
export async function collateMeetingViews(
  deps: { db: Db; rules: RulesPack },
  input: { user: ViewerSource; committee: string; number: number; paper?: string | undefined },
): Promise<CollatedMeetingViews | null> {
  refuseUnlessStaff(input.user);
  const { db, rules } = deps;
  const meeting = await findMeeting(db, rules.id, input.committee, input.number);
  if (!meeting) return null;
  const viewer = viewerOf(input.user);
  const rows = await listViewsOfMeeting(db, meeting.id, { codeId: rules.id, viewer });
  const views = await presentViews(
    deps,
    viewer,
    rows.map((row) => ({ ...row, proposerOrganisationId: row.proposal.proposerOrganisationId })),
  );
  const proposalOf = new Map(rows.map((row) => [row.id, row.proposal]));

  const paperCounts = new Map<string, number>();
  for (const view of views)
    if (view.paper) paperCounts.set(view.paper.reference, (paperCounts.get(view.paper.reference) ?? 0) + 1);
  const paper = input.paper?.trim() || null;
  const kept = paper === null ? views : views.filter((v) => v.paper?.reference === paper);

  const groups = new Map<string, { reference: string; title: string; views: ViewItem[] }>();
  for (const view of kept) {
    const proposal = proposalOf.get(view.id);
    if (!proposal) continue;
    const group = groups.get(proposal.reference) ?? {
      reference: proposal.reference,
      title: proposal.title,
      views: [],
    };
    group.views.push(view);
    groups.set(proposal.reference, group);
  }
  return {
    meeting: {
      committee: { ref: meeting.committee.ref, name: meeting.committee.name },
      number: meeting.number,
      date: meeting.date,
    },
    paper,
    papers: [...paperCounts]
      .map(([reference, count]) => ({ reference, count }))
      .sort((a, b) => a.reference.localeCompare(b.reference)),
    total: kept.length,
    proposals: [...groups.values()].map((group) => ({
      reference: group.reference,
      title: group.title,
      count: group.views.length,
      latestOn: latest(group.views) ?? '',
      committees: byCommittee(group.views).map((c) => ({ ref: c.committee.ref, count: c.count })),
      views: group.views,
    })),
  };
}
