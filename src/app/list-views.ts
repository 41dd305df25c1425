// The views on a proposal that a viewer may see: the proposal page's "Views" section, the API, `modgov views list`
// and the analysts' collation (collate-views.ts) all read them here.
//
// The rule is the one every way out applies (canSee, src/domain/access/classification-policy.ts), twice:
//   - the proposal must be visible to the viewer (else there are no views to show: it does not exist for them);
//   - each view is a classified item that names its committee and the proposal's proposer organisation, and no
//     recipients. White: everyone; Green: the SEC community; Amber: the administrator's staff, the members of the
//     view's committee and users of the proposer's organisation; Red: no one (a view has no named recipients, so
//     record-view and submit-view refuse Red, and one that got in another way is never shown).
// The paper a view answers is named only to a viewer who may see that paper (canSeePaper). A view hidden from the
// viewer is left out without a trace: no count, no gap.
import type { Db } from '../db/connect.ts';
import { listPaperRecipients } from '../db/papers.repository.ts';
import { listViewsOfProposal, type ViewRow } from '../db/views.repository.ts';
import { canSee } from '../domain/access/classification-policy.ts';
import { canSeePaper, type Viewer } from '../domain/access/visibility.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { getProposalForViewOrThrow, VIEW_SOURCE_LABELS, type ViewSource } from './view-input.ts';
import { ProposalNotFoundError } from './transition-proposal.ts';

/** One view, as the pages, the API and the command line show it. */
export interface ViewItem {
  id: number;
  committee: { ref: string; name: string };
  source: string;
  sourceLabel: string;
  /** Who gave it: the member who sent it in, or the name the secretariat recorded. */
  author: string;
  givenOn: string;
  classification: { slug: string; label: string };
  /** Markdown. */
  text: string;
  problemStatementVersion: number | null;
  /** The meeting it was given at. */
  meeting: { committee: string; number: number; date: string } | null;
  /** The paper it answers, when the viewer may see that paper. */
  paper: { reference: string; title: string } | null;
  agendaItem: number | null;
}

export interface ProposalViews {
  reference: string;
  title: string;
  views: ViewItem[];
}

/** 'whole-register': every view but Red ones (the command line without --as, the administrator's own tool). */
export type ViewsViewer = Viewer | 'whole-register';

/** May this viewer see this view? The policy for a view (see the note at the top). */
export function canSeeView(
  viewer: ViewsViewer,
  view: { classification: string; committeeRef: string; proposerOrganisationId: number },
): boolean {
  if (viewer === 'whole-register') return view.classification !== 'red';
  return canSee(viewer, {
    classification: view.classification,
    organisationIds: [view.proposerOrganisationId],
    committees: [view.committeeRef],
    recipientUserIds: [],
  });
}

/** The rows the viewer may see, presented; the papers named only to those who may see them. */
export async function presentViews(
  deps: { db: Db; rules: RulesPack },
  viewer: ViewsViewer,
  rows: readonly (ViewRow & { proposerOrganisationId: number })[],
): Promise<ViewItem[]> {
  const { rules } = deps;
  const seen = rows.filter((row) =>
    canSeeView(viewer, {
      classification: row.classification,
      committeeRef: row.committee.ref,
      proposerOrganisationId: row.proposerOrganisationId,
    }),
  );
  const paperIds = [...new Set(seen.flatMap((row) => (row.paper ? [row.paper.id] : [])))];
  const recipients = await listPaperRecipients(deps.db, paperIds);
  const label = (slug: string) => rules.register.classifications.find((c) => c.slug === slug)?.label ?? slug;
  return seen.map((row) => {
    const paper = row.paper;
    const paperShown =
      paper !== null &&
      (viewer === 'whole-register' ||
        canSeePaper(viewer, {
          classification: paper.classification,
          committeeRef: row.meeting?.committeeRef ?? null,
          recipientUserIds: recipients.get(paper.id) ?? [],
        }));
    return {
      id: row.id,
      committee: { ref: row.committee.ref, name: row.committee.name },
      source: row.source,
      sourceLabel: VIEW_SOURCE_LABELS[row.source as ViewSource] ?? row.source,
      author: row.authorUserName ?? row.authorName ?? row.committee.name,
      givenOn: row.givenOn,
      classification: { slug: row.classification, label: label(row.classification) },
      text: row.text,
      problemStatementVersion: row.problemStatementVersion,
      meeting:
        row.meeting?.number != null && row.meeting.date !== null
          ? {
              committee: row.meeting.committeeRef ?? row.committee.ref,
              number: row.meeting.number,
              date: row.meeting.date,
            }
          : null,
      paper: paperShown ? { reference: paper.reference, title: paper.title } : null,
      agendaItem: row.agendaItem,
    };
  });
}

/** null when the viewer may not see the proposal (or there is none); else the views they may see, oldest first. */
export async function listViews(
  deps: { db: Db; rules: RulesPack },
  input: { viewer: ViewsViewer; reference: string },
): Promise<ProposalViews | null> {
  let proposal;
  try {
    proposal = await getProposalForViewOrThrow(deps, input);
  } catch (error) {
    if (error instanceof ProposalNotFoundError) return null;
    throw error;
  }
  const rows = await listViewsOfProposal(deps.db, proposal.id);
  const views = await presentViews(
    deps,
    input.viewer,
    rows.map((row) => ({ ...row, proposerOrganisationId: proposal.proposerOrganisationId })),
  );
  return { reference: proposal.reference, title: proposal.title, views };
}
