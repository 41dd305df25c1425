// Queries for loading and writing a whole register (import and export). Small, named, parameterised.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './connect.ts';
import {
  codes,
  committees,
  meetings,
  organisations,
  papers,
  people,
  proposalEvents,
  proposalImpacts,
  proposals,
  releases,
} from './schema.ts';

/** A transaction or the database itself. */
export type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

const CHUNK = 500;
export function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** `set` for an upsert that keeps stored values where the new row leaves a field empty. */
function keepStored<T extends PgTable>(table: T, columns: Record<string, PgColumn>): Record<string, SQL> {
  const set: Record<string, SQL> = {};
  for (const [key, col] of Object.entries(columns))
    set[key] = sql`coalesce(excluded.${sql.identifier(col.name)}, ${table}.${sql.identifier(col.name)})`;
  return set;
}

export async function listKeys(db: Tx, codeId: string) {
  // one after the other: inside a transaction there is one connection
  const orgs = await db.select({ id: organisations.id, slug: organisations.slug }).from(organisations);
  const ppl = await db.select({ id: people.id, slug: people.slug }).from(people);
  const cttees = await db
    .select({ id: committees.id, slug: committees.ref })
    .from(committees)
    .where(eq(committees.codeId, codeId));
  const rels = await db
    .select({ id: releases.id, slug: releases.ref })
    .from(releases)
    .where(eq(releases.codeId, codeId));
  const mtgs = await db
    .select({ id: meetings.id, committee: committees.ref, number: meetings.number })
    .from(meetings)
    .innerJoin(committees, eq(meetings.committeeId, committees.id))
    .where(eq(committees.codeId, codeId));
  const props = await db
    .select({ id: proposals.id, reference: proposals.reference, stage: proposals.stage })
    .from(proposals)
    .where(eq(proposals.codeId, codeId));
  const bySlug = (rows: { id: number; slug: string }[]) => new Map(rows.map((r) => [r.slug, r.id]));
  return {
    organisations: bySlug(orgs),
    people: bySlug(ppl),
    committees: bySlug(cttees),
    releases: bySlug(rels),
    meetings: new Map(mtgs.map((m) => [`${m.committee}#${m.number}`, m.id])),
    proposals: props,
  };
}

export async function upsertCode(db: Tx, row: typeof codes.$inferInsert) {
  await db
    .insert(codes)
    .values(row)
    .onConflictDoUpdate({
      target: codes.id,
      set: keepStored(codes, {
        name: codes.name,
        changeTeamEmail: codes.changeTeamEmail,
        administratorOrganisationId: codes.administratorOrganisationId,
      }),
    });
}

export async function upsertOrganisations(db: Tx, rows: (typeof organisations.$inferInsert)[]) {
  const ids = new Map<string, number>();
  for (const chunk of chunks(rows)) {
    const out = await db
      .insert(organisations)
      .values(chunk)
      .onConflictDoUpdate({
        target: organisations.slug,
        set: keepStored(organisations, {
          name: organisations.name,
          shortName: organisations.shortName,
          category: organisations.category,
          referredToAs: organisations.referredToAs,
        }),
      })
      .returning({ id: organisations.id, slug: organisations.slug });
    for (const r of out) ids.set(r.slug, r.id);
  }
  return ids;
}

export async function upsertPeople(db: Tx, rows: (typeof people.$inferInsert)[]) {
  const ids = new Map<string, number>();
  for (const chunk of chunks(rows)) {
    const out = await db
      .insert(people)
      .values(chunk)
      .onConflictDoUpdate({
        target: people.slug,
        set: keepStored(people, {
          name: people.name,
          organisationId: people.organisationId,
          kind: people.kind,
          team: people.team,
        }),
      })
      .returning({ id: people.id, slug: people.slug });
    for (const r of out) ids.set(r.slug, r.id);
  }
  return ids;
}

export async function upsertCommittees(db: Tx, rows: (typeof committees.$inferInsert)[]) {
  const ids = new Map<string, number>();
  for (const chunk of chunks(rows)) {
    const out = await db
      .insert(committees)
      .values(chunk)
      .onConflictDoUpdate({
        target: [committees.codeId, committees.ref],
        set: keepStored(committees, {
          name: committees.name,
          parentId: committees.parentId,
          impactHeading: committees.impactHeading,
        }),
      })
      .returning({ id: committees.id, slug: committees.ref });
    for (const r of out) ids.set(r.slug, r.id);
  }
  return ids;
}

export async function setCommitteeParent(db: Tx, id: number, parentId: number) {
  await db.update(committees).set({ parentId }).where(eq(committees.id, id));
}

export async function upsertReleases(db: Tx, rows: (typeof releases.$inferInsert)[]) {
  const ids = new Map<string, number>();
  for (const chunk of chunks(rows)) {
    const out = await db
      .insert(releases)
      .values(chunk)
      .onConflictDoUpdate({
        target: [releases.codeId, releases.ref],
        set: keepStored(releases, {
          name: releases.name,
          date: releases.date,
          codeVersion: releases.codeVersion,
        }),
      })
      .returning({ id: releases.id, slug: releases.ref });
    for (const r of out) ids.set(r.slug, r.id);
  }
  return ids;
}

export async function upsertMeetings(db: Tx, rows: (typeof meetings.$inferInsert)[]) {
  const out: { id: number; committeeId: number; number: number }[] = [];
  for (const chunk of chunks(rows))
    out.push(
      ...(await db
        .insert(meetings)
        .values(chunk)
        .onConflictDoUpdate({
          target: [meetings.committeeId, meetings.number],
          set: { date: sql`excluded.date` },
        })
        .returning({ id: meetings.id, committeeId: meetings.committeeId, number: meetings.number })),
    );
  return out;
}

export async function insertProposals(db: Tx, rows: (typeof proposals.$inferInsert)[]) {
  const out: { id: number; reference: string }[] = [];
  for (const chunk of chunks(rows, 250))
    out.push(
      ...(await db
        .insert(proposals)
        .values(chunk)
        .returning({ id: proposals.id, reference: proposals.reference })),
    );
  return out;
}

export async function updateProposal(db: Tx, id: number, row: typeof proposals.$inferInsert) {
  await db.update(proposals).set(row).where(eq(proposals.id, id));
}

/** Replaces the impacts and the history of these proposals. */
export async function replaceProposalDetails(
  db: Tx,
  proposalIds: readonly number[],
  impacts: (typeof proposalImpacts.$inferInsert)[],
  events: (typeof proposalEvents.$inferInsert)[],
) {
  for (const ids of chunks(proposalIds, 1000)) {
    await db.delete(proposalImpacts).where(inArray(proposalImpacts.proposalId, ids));
    await db.delete(proposalEvents).where(inArray(proposalEvents.proposalId, ids));
  }
  for (const chunk of chunks(impacts)) await db.insert(proposalImpacts).values(chunk);
  for (const chunk of chunks(events)) await db.insert(proposalEvents).values(chunk);
}

export async function upsertPapers(db: Tx, rows: (typeof papers.$inferInsert)[]) {
  for (const chunk of chunks(rows))
    await db
      .insert(papers)
      .values(chunk)
      .onConflictDoUpdate({
        target: [papers.codeId, papers.reference],
        set: keepStored(papers, {
          type: papers.type,
          meetingId: papers.meetingId,
          item: papers.item,
          title: papers.title,
          action: papers.action,
          classification: papers.classification,
          date: papers.date,
          authorId: papers.authorId,
          coversFrom: papers.coversFrom,
          coversTo: papers.coversTo,
        }),
      });
}

// ---- reading the whole register, in a stable order, for export ----

export async function readRegister(db: Tx, codeId: string) {
  const [code] = await db.select().from(codes).where(eq(codes.id, codeId));
  const orgs = await db.select().from(organisations).orderBy(asc(organisations.slug));
  const ppl = await db.select().from(people).orderBy(asc(people.slug));
  const cttees = await db
    .select()
    .from(committees)
    .where(eq(committees.codeId, codeId))
    .orderBy(asc(committees.ref));
  const rels = await db
    .select()
    .from(releases)
    .where(eq(releases.codeId, codeId))
    .orderBy(asc(releases.date), asc(releases.ref));
  const mtgs = await db
    .select({
      id: meetings.id,
      committeeId: meetings.committeeId,
      number: meetings.number,
      date: meetings.date,
    })
    .from(meetings)
    .innerJoin(committees, eq(meetings.committeeId, committees.id))
    .where(eq(committees.codeId, codeId))
    .orderBy(asc(committees.ref), asc(meetings.number));
  const props = await db
    .select()
    .from(proposals)
    .where(eq(proposals.codeId, codeId))
    .orderBy(asc(proposals.number), asc(proposals.reference));
  const impacts = await db
    .select({
      proposalId: proposalImpacts.proposalId,
      committeeId: proposalImpacts.committeeId,
      text: proposalImpacts.text,
    })
    .from(proposalImpacts)
    .innerJoin(proposals, eq(proposalImpacts.proposalId, proposals.id))
    .innerJoin(committees, eq(proposalImpacts.committeeId, committees.id))
    .where(eq(proposals.codeId, codeId))
    .orderBy(asc(proposalImpacts.proposalId), asc(committees.ref));
  const events = await db
    .select({
      proposalId: proposalEvents.proposalId,
      on: proposalEvents.on,
      event: proposalEvents.event,
      byCommitteeId: proposalEvents.byCommitteeId,
      releaseId: proposalEvents.releaseId,
      facts: proposalEvents.facts,
    })
    .from(proposalEvents)
    .innerJoin(proposals, eq(proposalEvents.proposalId, proposals.id))
    .where(and(eq(proposals.codeId, codeId)))
    .orderBy(asc(proposalEvents.proposalId), asc(proposalEvents.seq));
  const pprs = await db.select().from(papers).where(eq(papers.codeId, codeId)).orderBy(asc(papers.reference));
  return {
    code,
    organisations: orgs,
    people: ppl,
    committees: cttees,
    releases: rels,
    meetings: mtgs,
    proposals: props,
    impacts,
    events,
    papers: pprs,
  };
}

export async function countProposals(db: Tx, codeId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(proposals)
    .where(eq(proposals.codeId, codeId));
  return row?.n ?? 0;
}

/**
 * Refreshes the planner's statistics after a bulk write. PGlite has no autovacuum, and on PostgreSQL it may not
 * have run yet: without this, lookups by reference scan the register instead of using the unique index.
 */
export async function refreshStatistics(db: Tx): Promise<void> {
  for (const table of [
    'organisations',
    'people',
    'committees',
    'proposals',
    'proposal_impacts',
    'proposal_events',
    'papers',
  ])
    await db.execute(sql`analyze ${sql.identifier(table)}`);
}
