// Queries for timetables: the meetings ahead, whether papers are out for them, and the office's closures.
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import type { Tx } from './register.repository.ts';
import { calendarClosures, committees, meetings, papers } from './schema.ts';

export async function listMeetingsFrom(db: Tx, codeId: string, from: string) {
  return db
    .select({
      committee: committees.ref,
      committeeName: committees.name,
      number: meetings.number,
      date: meetings.date,
      papersIssued: sql<boolean>`exists (select 1 from ${papers} where ${papers.meetingId} = ${meetings.id})`,
    })
    .from(meetings)
    .innerJoin(committees, eq(meetings.committeeId, committees.id))
    .where(and(eq(committees.codeId, codeId), gte(meetings.date, from)))
    .orderBy(asc(meetings.date), asc(committees.ref));
}

export async function listClosures(db: Tx) {
  return db.select().from(calendarClosures).orderBy(asc(calendarClosures.date));
}

export async function upsertClosure(db: Tx, closure: { date: string; name: string }) {
  await db
    .insert(calendarClosures)
    .values(closure)
    .onConflictDoUpdate({ target: calendarClosures.date, set: { name: closure.name } });
}
