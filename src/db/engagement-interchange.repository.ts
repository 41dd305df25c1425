// Queries for the committee engagement records (issue 7) in the modgov/v1 interchange: problem statement versions,
// committees' views, following, and meetings' outcomes and actions. What the import checks against, reads to
// compare and writes; and everything the export reads, in a stable order. Small, named, no rules: who may see a
// view is decided by src/app/list-views.ts, what a file changes by src/app/interchange/write-engagement.ts.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { chunks, type Tx } from './register.repository.ts';
import { listViewsOfCode } from './views.repository.ts';
import {
  agendaItemOutcomes,
  committeeFollowing,
  committeeViews,
  committees,
  meetingActions,
  meetings,
  papers,
  problemStatementVersions,
  proposals,
  users,
} from './schema.ts';

const paperCommittee = alias(committees, 'paper_committee');

/** What a file's engagement records may refer to in the register: meetings' dates, papers, version numbers. */
export async function listEngagementKeys(db: Tx, codeId: string) {
  const mtgs = await db
    .select({ committee: committees.ref, number: meetings.number, date: meetings.date })
    .from(meetings)
    .innerJoin(committees, eq(meetings.committeeId, committees.id))
    .where(eq(committees.codeId, codeId));
  const pprs = await db
    .select({
      reference: papers.reference,
      committee: paperCommittee.ref,
      meeting: meetings.number,
      item: papers.item,
    })
    .from(papers)
    .leftJoin(meetings, eq(meetings.id, papers.meetingId))
    .leftJoin(paperCommittee, eq(paperCommittee.id, meetings.committeeId))
    .where(eq(papers.codeId, codeId));
  const versions = await db
    .select({ reference: proposals.reference, version: problemStatementVersions.version })
    .from(problemStatementVersions)
    .innerJoin(proposals, eq(proposals.id, problemStatementVersions.proposalId))
    .where(eq(proposals.codeId, codeId))
    .orderBy(asc(proposals.reference), asc(problemStatementVersions.version));
  const versionsByReference = new Map<string, number[]>();
  for (const v of versions)
    versionsByReference.set(v.reference, [...(versionsByReference.get(v.reference) ?? []), v.version]);
  return {
    meetingDates: new Map(mtgs.map((m) => [`${m.committee}#${m.number}`, m.date])),
    papers: new Map(
      pprs.map((p) => [p.reference, { committee: p.committee, meeting: p.meeting, item: p.item }]),
    ),
    versionsByReference,
  };
}

/** The code's papers' ids by reference. */
export async function listPaperIds(db: Tx, codeId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: papers.id, reference: papers.reference })
    .from(papers)
    .where(eq(papers.codeId, codeId));
  return new Map(rows.map((r) => [r.reference, r.id]));
}

// ---- the import: read what is stored for the proposals and meetings a file gives lists for, and write ----

async function inChunks<T>(ids: readonly number[], read: (ids: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const chunk of chunks(ids, 1000)) out.push(...(await read(chunk)));
  return out;
}

export type StoredVersion = Awaited<ReturnType<typeof listStoredVersions>>[number];
export async function listStoredVersions(db: Tx, proposalIds: readonly number[]) {
  return inChunks(proposalIds, (ids) =>
    db
      .select({
        id: problemStatementVersions.id,
        proposalId: problemStatementVersions.proposalId,
        version: problemStatementVersions.version,
        sections: problemStatementVersions.sections,
        status: problemStatementVersions.status,
        writtenOn: problemStatementVersions.writtenOn,
        agreedOn: problemStatementVersions.agreedOn,
        agreedByCommitteeId: problemStatementVersions.agreedByCommitteeId,
      })
      .from(problemStatementVersions)
      .where(inArray(problemStatementVersions.proposalId, ids))
      .orderBy(asc(problemStatementVersions.proposalId), asc(problemStatementVersions.version)),
  );
}

export async function insertVersions(db: Tx, rows: (typeof problemStatementVersions.$inferInsert)[]) {
  for (const chunk of chunks(rows)) await db.insert(problemStatementVersions).values(chunk);
}

export async function updateVersion(
  db: Tx,
  id: number,
  set: Partial<typeof problemStatementVersions.$inferInsert>,
) {
  await db.update(problemStatementVersions).set(set).where(eq(problemStatementVersions.id, id));
}

export async function deleteVersions(db: Tx, ids: readonly number[]) {
  for (const chunk of chunks(ids, 1000))
    await db.delete(problemStatementVersions).where(inArray(problemStatementVersions.id, chunk));
}

export type StoredView = Awaited<ReturnType<typeof listStoredViews>>[number];
/** The views on these proposals, each with the name the register shows for its author, oldest id first. */
export async function listStoredViews(db: Tx, proposalIds: readonly number[]) {
  return inChunks(proposalIds, (ids) =>
    db
      .select({
        id: committeeViews.id,
        proposalId: committeeViews.proposalId,
        committeeId: committeeViews.committeeId,
        source: committeeViews.source,
        givenOn: committeeViews.givenOn,
        text: committeeViews.text,
        authorUserId: committeeViews.authorUserId,
        authorName: committeeViews.authorName,
        authorUserName: users.name,
        committeeName: committees.name,
        classification: committeeViews.classification,
        problemStatementVersion: committeeViews.problemStatementVersion,
        meetingId: committeeViews.meetingId,
        paperId: committeeViews.paperId,
        agendaItem: committeeViews.agendaItem,
      })
      .from(committeeViews)
      .innerJoin(committees, eq(committees.id, committeeViews.committeeId))
      .leftJoin(users, eq(users.id, committeeViews.authorUserId))
      .where(inArray(committeeViews.proposalId, ids))
      .orderBy(asc(committeeViews.id)),
  );
}

/** Inserts views in the order given (so their ids keep that order); their ids, in the same order. */
export async function insertViews(db: Tx, rows: (typeof committeeViews.$inferInsert)[]): Promise<number[]> {
  const ids: number[] = [];
  for (const row of rows) {
    const [inserted] = await db.insert(committeeViews).values(row).returning({ id: committeeViews.id });
    if (!inserted) throw new Error('internal: the view was not stored');
    ids.push(inserted.id);
  }
  return ids;
}

export async function updateView(db: Tx, id: number, set: Partial<typeof committeeViews.$inferInsert>) {
  await db.update(committeeViews).set(set).where(eq(committeeViews.id, id));
}

export async function deleteViews(db: Tx, ids: readonly number[]) {
  for (const chunk of chunks(ids, 1000))
    await db.delete(committeeViews).where(inArray(committeeViews.id, chunk));
}

export type StoredFollowing = Awaited<ReturnType<typeof listStoredFollowing>>[number];
export async function listStoredFollowing(db: Tx, proposalIds: readonly number[]) {
  return inChunks(proposalIds, (ids) =>
    db
      .select({
        proposalId: committeeFollowing.proposalId,
        committeeId: committeeFollowing.committeeId,
        decision: committeeFollowing.decision,
        decidedOn: committeeFollowing.decidedOn,
        meetingId: committeeFollowing.meetingId,
      })
      .from(committeeFollowing)
      .where(inArray(committeeFollowing.proposalId, ids))
      .orderBy(asc(committeeFollowing.proposalId), asc(committeeFollowing.committeeId)),
  );
}

export async function upsertFollowingRows(db: Tx, rows: (typeof committeeFollowing.$inferInsert)[]) {
  for (const chunk of chunks(rows))
    await db
      .insert(committeeFollowing)
      .values(chunk)
      .onConflictDoUpdate({
        target: [committeeFollowing.committeeId, committeeFollowing.proposalId],
        set: {
          decision: sql`excluded.decision`,
          decidedOn: sql`excluded.decided_on`,
          meetingId: sql`excluded.meeting_id`,
        },
      });
}

export async function deleteFollowing(db: Tx, row: { proposalId: number; committeeId: number }) {
  await db
    .delete(committeeFollowing)
    .where(
      and(
        eq(committeeFollowing.proposalId, row.proposalId),
        eq(committeeFollowing.committeeId, row.committeeId),
      ),
    );
}

export type StoredOutcome = Awaited<ReturnType<typeof listStoredOutcomes>>[number];
export async function listStoredOutcomes(db: Tx, meetingIds: readonly number[]) {
  return inChunks(meetingIds, (ids) =>
    db
      .select({
        id: agendaItemOutcomes.id,
        meetingId: agendaItemOutcomes.meetingId,
        item: agendaItemOutcomes.item,
        outcome: agendaItemOutcomes.outcome,
        notes: agendaItemOutcomes.notes,
      })
      .from(agendaItemOutcomes)
      .where(inArray(agendaItemOutcomes.meetingId, ids))
      .orderBy(asc(agendaItemOutcomes.meetingId), asc(agendaItemOutcomes.item)),
  );
}

export async function upsertOutcomes(db: Tx, rows: (typeof agendaItemOutcomes.$inferInsert)[]) {
  for (const chunk of chunks(rows))
    await db
      .insert(agendaItemOutcomes)
      .values(chunk)
      .onConflictDoUpdate({
        target: [agendaItemOutcomes.meetingId, agendaItemOutcomes.item],
        set: { outcome: sql`excluded.outcome`, notes: sql`excluded.notes` },
      });
}

export async function deleteOutcomes(db: Tx, ids: readonly number[]) {
  for (const chunk of chunks(ids, 1000))
    await db.delete(agendaItemOutcomes).where(inArray(agendaItemOutcomes.id, chunk));
}

export type StoredAction = Awaited<ReturnType<typeof listStoredActions>>[number];
/** The actions of these meetings, each with the name the register shows for its owner, oldest id first. */
export async function listStoredActions(db: Tx, meetingIds: readonly number[]) {
  return inChunks(meetingIds, (ids) =>
    db
      .select({
        id: meetingActions.id,
        meetingId: meetingActions.meetingId,
        item: meetingActions.item,
        text: meetingActions.text,
        ownerUserId: meetingActions.ownerUserId,
        ownerName: meetingActions.ownerName,
        ownerUserName: users.name,
        dueOn: meetingActions.dueOn,
        doneOn: meetingActions.doneOn,
      })
      .from(meetingActions)
      .leftJoin(users, eq(users.id, meetingActions.ownerUserId))
      .where(inArray(meetingActions.meetingId, ids))
      .orderBy(asc(meetingActions.id)),
  );
}

/** Inserts actions in the order given (so their ids keep that order); their ids, in the same order. */
export async function insertActions(db: Tx, rows: (typeof meetingActions.$inferInsert)[]): Promise<number[]> {
  const ids: number[] = [];
  for (const row of rows) {
    const [inserted] = await db.insert(meetingActions).values(row).returning({ id: meetingActions.id });
    if (!inserted) throw new Error('internal: the action was not stored');
    ids.push(inserted.id);
  }
  return ids;
}

export async function updateAction(db: Tx, id: number, set: Partial<typeof meetingActions.$inferInsert>) {
  await db.update(meetingActions).set(set).where(eq(meetingActions.id, id));
}

export async function deleteActions(db: Tx, ids: readonly number[]) {
  for (const chunk of chunks(ids, 1000))
    await db.delete(meetingActions).where(inArray(meetingActions.id, chunk));
}

// ---- the export: every record of the code, in the order the file lists them ----

export async function readEngagement(db: Tx, codeId: string) {
  const versions = await db
    .select({
      proposalId: problemStatementVersions.proposalId,
      version: problemStatementVersions.version,
      writtenOn: problemStatementVersions.writtenOn,
      status: problemStatementVersions.status,
      agreedOn: problemStatementVersions.agreedOn,
      agreedBy: committees.ref,
      sections: problemStatementVersions.sections,
    })
    .from(problemStatementVersions)
    .innerJoin(proposals, eq(proposals.id, problemStatementVersions.proposalId))
    .leftJoin(committees, eq(committees.id, problemStatementVersions.agreedByCommitteeId))
    .where(eq(proposals.codeId, codeId))
    .orderBy(asc(problemStatementVersions.proposalId), asc(problemStatementVersions.version));
  // views.repository.ts's rows (ViewRow), so list-views.ts's policy applies to them unchanged
  const views = await listViewsOfCode(db, codeId);
  const following = await db
    .select({
      proposalId: committeeFollowing.proposalId,
      committee: committees.ref,
      decision: committeeFollowing.decision,
      decidedOn: committeeFollowing.decidedOn,
      meeting: meetings.number,
    })
    .from(committeeFollowing)
    .innerJoin(committees, eq(committees.id, committeeFollowing.committeeId))
    .leftJoin(meetings, eq(meetings.id, committeeFollowing.meetingId))
    .where(eq(committees.codeId, codeId))
    .orderBy(asc(committeeFollowing.proposalId), asc(committees.ref));
  const outcomes = await db
    .select({
      meetingId: agendaItemOutcomes.meetingId,
      item: agendaItemOutcomes.item,
      outcome: agendaItemOutcomes.outcome,
      notes: agendaItemOutcomes.notes,
    })
    .from(agendaItemOutcomes)
    .innerJoin(meetings, eq(meetings.id, agendaItemOutcomes.meetingId))
    .innerJoin(committees, eq(committees.id, meetings.committeeId))
    .where(eq(committees.codeId, codeId))
    .orderBy(asc(agendaItemOutcomes.meetingId), asc(agendaItemOutcomes.item));
  const actions = await db
    .select({
      meetingId: meetingActions.meetingId,
      item: meetingActions.item,
      text: meetingActions.text,
      owner: sql<string | null>`coalesce(${users.name}, ${meetingActions.ownerName})`,
      dueOn: meetingActions.dueOn,
      doneOn: meetingActions.doneOn,
    })
    .from(meetingActions)
    .innerJoin(meetings, eq(meetings.id, meetingActions.meetingId))
    .innerJoin(committees, eq(committees.id, meetings.committeeId))
    .leftJoin(users, eq(users.id, meetingActions.ownerUserId))
    .where(eq(committees.codeId, codeId))
    .orderBy(
      asc(meetingActions.meetingId),
      sql`${meetingActions.item} asc nulls first`,
      sql`${meetingActions.dueOn} asc nulls last`,
      asc(meetingActions.id),
    );
  return { versions, views, following, outcomes, actions };
}

export type StoredEngagement = Awaited<ReturnType<typeof readEngagement>>;
