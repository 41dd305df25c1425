// Queries for committee papers: find and store paper records, and gather the register facts a paper is
// composed from. Small and named, no rules: which proposals a paper may show is the composer's decision
// (src/domain/papers/), so the facts here cover every classification.
import { and, asc, between, eq, inArray, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from './register.repository.ts';
import {
  codes,
  committees,
  meetings,
  organisations,
  paperRecipients,
  papers,
  people,
  proposalEvents,
  proposalImpacts,
  proposals,
} from './schema.ts';

export interface Period {
  from: string;
  to: string;
}

const proposer = alias(people, 'proposer');
const proposerOrganisation = alias(organisations, 'proposer_organisation');
const leadAnalyst = alias(people, 'lead_analyst');
const leadAnalystOrganisation = alias(organisations, 'lead_analyst_organisation');
const author = alias(people, 'author');

const committeeColumns = {
  id: committees.id,
  ref: committees.ref,
  name: committees.name,
  impactHeading: committees.impactHeading,
};

/** A stored paper with its meeting, committee and author (each null when the record has none). */
export async function findPaperByReference(db: Tx, codeId: string, reference: string) {
  const rows = await db
    .select({
      id: papers.id,
      reference: papers.reference,
      type: papers.type,
      item: papers.item,
      title: papers.title,
      action: papers.action,
      classification: papers.classification,
      date: papers.date,
      coversFrom: papers.coversFrom,
      coversTo: papers.coversTo,
      meeting: { id: meetings.id, number: meetings.number, date: meetings.date },
      committee: committeeColumns,
      author: { slug: author.slug, name: author.name, team: author.team },
    })
    .from(papers)
    .leftJoin(meetings, eq(meetings.id, papers.meetingId))
    .leftJoin(committees, eq(committees.id, meetings.committeeId))
    .leftJoin(author, eq(author.id, papers.authorId))
    .where(and(eq(papers.codeId, codeId), eq(papers.reference, reference)));
  return rows[0] ?? null;
}

export type StoredPaperRow = NonNullable<Awaited<ReturnType<typeof findPaperByReference>>>;

/** A committee's meeting by its number, with the committee. */
export async function findMeeting(db: Tx, codeId: string, committeeRef: string, number: number) {
  const rows = await db
    .select({ id: meetings.id, number: meetings.number, date: meetings.date, committee: committeeColumns })
    .from(meetings)
    .innerJoin(committees, eq(committees.id, meetings.committeeId))
    .where(and(eq(committees.codeId, codeId), eq(committees.ref, committeeRef), eq(meetings.number, number)));
  return rows[0] ?? null;
}

export async function findCommitteeByRef(db: Tx, codeId: string, ref: string) {
  const rows = await db
    .select(committeeColumns)
    .from(committees)
    .where(and(eq(committees.codeId, codeId), eq(committees.ref, ref)));
  return rows[0] ?? null;
}

/** A person who may sign a paper, with the team they sign for. */
export async function findPaperAuthor(db: Tx, slug: string) {
  const rows = await db
    .select({ id: people.id, slug: people.slug, name: people.name, team: people.team })
    .from(people)
    .where(eq(people.slug, slug));
  return rows[0] ?? null;
}

/** The code's Change Team address, and its administrator (who signs a paper that names no author). */
export async function findCodeForPaper(db: Tx, codeId: string) {
  const rows = await db
    .select({
      name: codes.name,
      changeTeamEmail: codes.changeTeamEmail,
      administrator: { name: organisations.name, shortName: organisations.shortName },
    })
    .from(codes)
    .leftJoin(organisations, eq(organisations.id, codes.administratorOrganisationId))
    .where(eq(codes.id, codeId));
  return rows[0] ?? null;
}

export async function paperReferenceExists(db: Tx, codeId: string, reference: string): Promise<boolean> {
  const rows = await db
    .select({ id: papers.id })
    .from(papers)
    .where(and(eq(papers.codeId, codeId), eq(papers.reference, reference)));
  return rows.length > 0;
}

export async function insertPaper(db: Tx, row: typeof papers.$inferInsert): Promise<number> {
  const [inserted] = await db.insert(papers).values(row).returning({ id: papers.id });
  if (!inserted) throw new Error('internal: the paper was not stored');
  return inserted.id;
}

/** A meeting's papers, by agenda item, every classification (the use cases apply the viewer's policy). */
export async function listMeetingPapers(db: Tx, meetingId: number) {
  return db
    .select({
      id: papers.id,
      reference: papers.reference,
      type: papers.type,
      item: papers.item,
      title: papers.title,
      action: papers.action,
      classification: papers.classification,
      date: papers.date,
    })
    .from(papers)
    .where(eq(papers.meetingId, meetingId))
    .orderBy(asc(papers.item), asc(papers.reference));
}

/** The users named as recipients of each of these papers. */
export async function listPaperRecipients(
  db: Tx,
  paperIds: readonly number[],
): Promise<Map<number, number[]>> {
  const byPaper = new Map<number, number[]>();
  if (paperIds.length === 0) return byPaper;
  const rows = await db
    .select({ paperId: paperRecipients.paperId, userId: paperRecipients.userId })
    .from(paperRecipients)
    .where(inArray(paperRecipients.paperId, [...paperIds]));
  for (const row of rows) byPaper.set(row.paperId, [...(byPaper.get(row.paperId) ?? []), row.userId]);
  return byPaper;
}

/**
 * The proposals a paper for `committeeId` over `period` may list: raised in it, or converted in it (both
 * days included), in number order, each with its people, its impacts on that committee and its conversion.
 */
export async function listProposalsForPaper(
  db: Tx,
  scope: { codeId: string; committeeId: number; period: Period },
) {
  const { codeId, committeeId, period } = scope;
  const convertedInPeriod = db
    .select({ id: proposalEvents.proposalId })
    .from(proposalEvents)
    .where(and(eq(proposalEvents.event, 'converted'), between(proposalEvents.on, period.from, period.to)));
  const rows = await db
    .select({
      id: proposals.id,
      reference: proposals.reference,
      number: proposals.number,
      title: proposals.title,
      classification: proposals.classification,
      raised: proposals.raised,
      summary: proposals.summary,
      problemStatement: proposals.problemStatement,
      impact: proposalImpacts.text,
      proposer: { name: proposer.name, kind: proposer.kind },
      proposerOrganisation: {
        name: proposerOrganisation.name,
        shortName: proposerOrganisation.shortName,
        referredToAs: proposerOrganisation.referredToAs,
      },
      leadAnalyst: { name: leadAnalyst.name, kind: leadAnalyst.kind },
      leadAnalystOrganisation: {
        name: leadAnalystOrganisation.name,
        shortName: leadAnalystOrganisation.shortName,
        referredToAs: leadAnalystOrganisation.referredToAs,
      },
    })
    .from(proposals)
    .innerJoin(proposer, eq(proposer.id, proposals.proposerId))
    .innerJoin(proposerOrganisation, eq(proposerOrganisation.id, proposer.organisationId))
    .leftJoin(leadAnalyst, eq(leadAnalyst.id, proposals.leadAnalystId))
    .leftJoin(leadAnalystOrganisation, eq(leadAnalystOrganisation.id, leadAnalyst.organisationId))
    .leftJoin(
      proposalImpacts,
      and(eq(proposalImpacts.proposalId, proposals.id), eq(proposalImpacts.committeeId, committeeId)),
    )
    .where(
      and(
        eq(proposals.codeId, codeId),
        or(between(proposals.raised, period.from, period.to), inArray(proposals.id, convertedInPeriod)),
      ),
    )
    .orderBy(asc(proposals.number), asc(proposals.reference));
  if (rows.length === 0) return [];

  const conversions = await db
    .select({ proposalId: proposalEvents.proposalId, on: proposalEvents.on, by: committees.name })
    .from(proposalEvents)
    .leftJoin(committees, eq(committees.id, proposalEvents.byCommitteeId))
    .where(
      and(
        eq(proposalEvents.event, 'converted'),
        inArray(
          proposalEvents.proposalId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(asc(proposalEvents.proposalId), asc(proposalEvents.seq));
  // the last conversion recorded, should a history hold more than one
  const conversionOf = new Map(conversions.map((c) => [c.proposalId, { on: c.on, by: c.by }]));
  return rows.map((r) => ({ ...r, conversion: conversionOf.get(r.id) ?? null }));
}

export type ProposalForPaperRow = Awaited<ReturnType<typeof listProposalsForPaper>>[number];

/**
 * The proposals in any of `stages`, every classification (the composer decides what the agenda may show).
 */
export async function listProposalsInStages(db: Tx, codeId: string, stages: readonly string[]) {
  if (stages.length === 0) return [];
  return db
    .select({
      reference: proposals.reference,
      number: proposals.number,
      title: proposals.title,
      stage: proposals.stage,
      classification: proposals.classification,
    })
    .from(proposals)
    .where(and(eq(proposals.codeId, codeId), inArray(proposals.stage, [...stages])))
    .orderBy(asc(proposals.number), asc(proposals.reference));
}
