// Queries for committee meetings: add one, and list them for the meeting pages. Small and named, no rules:
// which papers a viewer may see is decided by the use cases (src/domain/access/visibility.ts).
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Tx } from './register.repository.ts';
import { committees, meetings } from './schema.ts';

export async function insertMeeting(
  db: Tx,
  row: { committeeId: number; number: number; date: string },
): Promise<number> {
  const [inserted] = await db.insert(meetings).values(row).returning({ id: meetings.id });
  if (!inserted) throw new Error('internal: the meeting was not stored');
  return inserted.id;
}

/** Every meeting of the code, newest first, with its committee. */
export async function listMeetings(db: Tx, codeId: string, committeeId?: number) {
  return db
    .select({
      id: meetings.id,
      number: meetings.number,
      date: meetings.date,
      committee: { ref: committees.ref, name: committees.name },
    })
    .from(meetings)
    .innerJoin(committees, eq(committees.id, meetings.committeeId))
    .where(
      committeeId === undefined
        ? eq(committees.codeId, codeId)
        : and(eq(committees.codeId, codeId), eq(committees.id, committeeId)),
    )
    .orderBy(desc(meetings.date), asc(committees.ref), desc(meetings.number));
}
