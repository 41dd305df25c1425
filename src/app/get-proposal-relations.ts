// What a proposal is connected to, as the viewer may see it: the committee papers that include it, its
// alternatives (or, on an alternative, the proposal it is an alternative to), and the proposals that affect the
// same documents. Nothing the viewer may not see is named, not even as a count.
import type { Db } from '../db/connect.ts';
import { listPaperRecipients } from '../db/papers.repository.ts';
import {
  listPapersCovering,
  listVisibleProposalsAffecting,
  listVisibleProposalsNumbered,
  type RelatedProposalRow,
} from '../db/proposal-relations.repository.ts';
import {
  findVisibleProposalByReferences,
  listProposalEvents,
  listProposalImpacts,
} from '../db/proposals.repository.ts';
import { paperAudienceMaySee } from '../domain/access/classification-policy.ts';
import { canSeePaper, type Viewer } from '../domain/access/visibility.ts';
import {
  candidateReferences,
  parseReference,
  type ProposalReference,
} from '../domain/proposals/proposal-reference.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

export interface GetProposalRelationsDeps {
  db: Db;
  rules: RulesPack;
}

export interface GetProposalRelationsInput {
  viewer: Viewer;
  /** A reference as someone typed it: DP090, mp090, MP102A. */
  reference: string;
}

/** The monthly paper, the one type of paper composed from the register's proposals. */
const SUMMARY_PAPER_TYPE = 'new_proposals_summary';
/** How many proposals are listed for each shared document. */
export const RELATED_PER_DOCUMENT = 10;

export interface PaperIncludingProposal {
  reference: string;
  title: string;
  /** YYYY-MM-DD: the paper's date. */
  date: string;
  classification: { slug: string; label: string };
  committee: { ref: string; name: string };
  meeting: { number: number; date: string };
  /** How the paper lists it: as raised in its period, or as converted in it. */
  listedAs: 'raised' | 'converted';
}

export interface ProposalLink {
  reference: string;
  title: string;
  stage: string;
  stageLabel: string;
  /** YYYY-MM-DD */
  raised: string;
}

export interface ProposalRelations {
  papers: PaperIncludingProposal[];
  /** On an alternative (MP102A): the proposal it is an alternative to (MP102), if the viewer may see it. */
  original: ProposalLink | null;
  /** On a proposal, its alternatives; on an alternative, the other alternatives to its original. */
  alternatives: ProposalLink[];
  isAlternative: boolean;
  /** One entry per affected document, in the proposal's order: the other proposals affecting it. */
  related: { document: string; proposals: ProposalLink[]; more: boolean }[];
}

export async function getProposalRelations(
  deps: GetProposalRelationsDeps,
  input: GetProposalRelationsInput,
): Promise<ProposalRelations | null> {
  const { db, rules } = deps;
  const references = candidateReferences(rules.register, input.reference);
  const scope = { codeId: rules.id, viewer: input.viewer };
  const rows = await findVisibleProposalByReferences(db, scope, references);
  const row = rows.find((r) => r.reference === references[0]) ?? rows[0];
  if (!row) return null;

  const stageLabel = (slug: string) => rules.lifecycle.stages.find((s) => s.slug === slug)?.label ?? slug;
  const link = (r: RelatedProposalRow): ProposalLink => ({
    reference: r.reference,
    title: r.title,
    stage: r.stage,
    stageLabel: stageLabel(r.stage),
    raised: r.raised,
  });

  // DP and MP are one series (parseReference's key): DP102 is MP102 before it converted; MP102A's base is MP102
  const parsed = parseReference(rules, row.reference);
  const baseOf = (p: ProposalReference | null) => (p ? p.key.slice(0, p.key.length - p.letter.length) : null);
  const sameNumber = parsed
    ? await listVisibleProposalsNumbered(db, scope, { number: parsed.number, exceptId: row.id })
    : [];
  const sameBase = sameNumber
    .map((r) => ({ row: r, parsed: parseReference(rules, r.reference) }))
    .filter((s) => s.parsed !== null && baseOf(s.parsed) === baseOf(parsed));
  const isAlternative = Boolean(parsed?.letter);
  const originalRow = isAlternative ? sameBase.find((s) => s.parsed?.letter === '') : undefined;

  const related: ProposalRelations['related'] = [];
  for (const document of row.affectedDocuments) {
    const found = await listVisibleProposalsAffecting(db, scope, {
      document,
      exceptId: row.id,
      limit: RELATED_PER_DOCUMENT + 1,
    });
    related.push({
      document,
      proposals: found.slice(0, RELATED_PER_DOCUMENT).map(link),
      more: found.length > RELATED_PER_DOCUMENT,
    });
  }

  return {
    papers: await listPapersIncluding(deps, input.viewer, row),
    original: originalRow ? link(originalRow.row) : null,
    alternatives: sameBase.filter((s) => s.parsed?.letter).map((s) => link(s.row)),
    isAlternative,
    related,
  };
}

/**
 * The stored monthly papers that include the proposal, as the composer decides it
 * (src/domain/papers/compose-new-proposals-summary.ts), that the viewer may see:
 * - a Draft Proposal or the Modification Proposal it became, not an alternative nor another series;
 * - raised in the paper's period, or converted in it (its last conversion, as listProposalsForPaper gives it);
 * - classified at or below the paper, and one everyone the paper goes to may see (paperAudienceMaySee: an Amber
 *   proposal must have an impact on the paper's committee);
 * - and a paper the viewer may see (canSeePaper).
 */
async function listPapersIncluding(
  deps: GetProposalRelationsDeps,
  viewer: Viewer,
  proposal: { id: number; reference: string; raised: string; classification: string },
): Promise<PaperIncludingProposal[]> {
  const { db, rules } = deps;
  const { register } = rules;
  const parsed = parseReference(rules, proposal.reference);
  if (!parsed || parsed.letter) return [];
  if (parsed.prefix !== register.draftPrefix && parsed.prefix !== register.convertedPrefix) return [];

  const events = await listProposalEvents(db, proposal.id);
  const conversion = events.filter((e) => e.event === 'converted').at(-1)?.on ?? null;
  const days = conversion ? [proposal.raised, conversion] : [proposal.raised];
  const candidates = await listPapersCovering(db, { codeId: rules.id, type: SUMMARY_PAPER_TYPE, days });
  if (candidates.length === 0) return [];

  const impactCommittees = (await listProposalImpacts(db, proposal.id)).map((i) => i.committee);
  const recipients = await listPaperRecipients(
    db,
    candidates.map((p) => p.id),
  );
  const rank = (slug: string) => register.classifications.findIndex((c) => c.slug === slug);
  const proposalRank = rank(proposal.classification);
  const label = (slug: string) => register.classifications.find((c) => c.slug === slug)?.label ?? slug;

  const included: PaperIncludingProposal[] = [];
  for (const paper of candidates) {
    const from = paper.coversFrom;
    const to = paper.coversTo;
    if (!from || !to) continue;
    const within = (day: string | null) => day !== null && day >= from && day <= to;
    const convertedIn = within(conversion);
    if (!convertedIn && !within(proposal.raised)) continue;
    const paperRank = rank(paper.classification);
    if (paperRank < 0 || proposalRank < 0 || proposalRank > paperRank) continue;
    const named = impactCommittees.includes(paper.committee.ref) ? [paper.committee.ref] : [];
    const audience = { committee: paper.committee.ref, classification: paper.classification };
    if (!paperAudienceMaySee(audience, { classification: proposal.classification, committees: named }))
      continue;
    const access = {
      classification: paper.classification,
      committeeRef: paper.committee.ref,
      recipientUserIds: recipients.get(paper.id) ?? [],
    };
    if (!canSeePaper(viewer, access)) continue;
    included.push({
      reference: paper.reference,
      title: paper.title,
      date: paper.date,
      classification: { slug: paper.classification, label: label(paper.classification) },
      committee: paper.committee,
      meeting: paper.meeting,
      listedAs: convertedIn ? 'converted' : 'raised',
    });
  }
  return included;
}
