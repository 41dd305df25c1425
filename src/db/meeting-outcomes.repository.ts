// Queries for what a meeting decided: the outcome of each agenda item (agenda_item_outcomes) and the actions it
// gave (meeting_actions), open until done. Small and named, no rules.
import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from './register.repository.ts';
import { agendaItemOutcomes, committees, meetingActions, meetings, users } from './schema.ts';

export type AgendaItemOutcomeRow = typeof agendaItemOutcomes.$inferInsert;
export type MeetingActionRow = typeof meetingActions.$inferInsert;

/** The outcome recorded for one item of the meeting; null when there is none. */
export async function findAgendaItemOutcome(db: Tx, meetingId: number, item: number) {
  const rows = await db
    .select({ outcome: agendaItemOutcomes.outcome, notes: agendaItemOutcomes.notes })
    .from(agendaItemOutcomes)
    .where(and(eq(agendaItemOutcomes.meetingId, meetingId), eq(agendaItemOutcomes.item, item)));
  return rows[0] ?? null;
}

/** Records the item's outcome, replacing the one before (the audit log keeps the history). */
export async function upsertAgendaItemOutcome(db: Tx, row: AgendaItemOutcomeRow): Promise<void> {
  await db
    .insert(agendaItemOutcomes)
    .values(row)
    .onConflictDoUpdate({
      target: [agendaItemOutcomes.meetingId, agendaItemOutcomes.item],
      set: { outcome: row.outcome, notes: row.notes ?? null },
    });
}

/** The meeting's recorded outcomes, in item order. */
export async function listAgendaItemOutcomes(db: Tx, meetingId: number) {
  return db
    .select({
      item: agendaItemOutcomes.item,
      outcome: agendaItemOutcomes.outcome,
      notes: agendaItemOutcomes.notes,
    })
    .from(agendaItemOutcomes)
    .where(eq(agendaItemOutcomes.meetingId, meetingId))
    .orderBy(asc(agendaItemOutcomes.item));
}

/** An active user by e-mail (lower-cased), for naming an action's owner; null when there is none. */
export async function findUserByEmailForAction(db: Tx, email: string) {
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.email, email.toLowerCase()), isNull(users.disabledAt)));
  return rows[0] ?? null;
}

export async function insertMeetingAction(db: Tx, row: MeetingActionRow): Promise<number> {
  const rows = await db.insert(meetingActions).values(row).returning({ id: meetingActions.id });
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('the action was not inserted');
  return id;
}

const actionColumns = {
  id: meetingActions.id,
  item: meetingActions.item,
  text: meetingActions.text,
  ownerUserId: meetingActions.ownerUserId,
  ownerName: sql<string>`coalesce(${users.name}, ${meetingActions.ownerName}, '')`,
  dueOn: meetingActions.dueOn,
  doneOn: meetingActions.doneOn,
  meetingId: meetings.id,
  meetingNumber: meetings.number,
  meetingDate: meetings.date,
  committeeRef: committees.ref,
  committeeName: committees.name,
};

/** One action with its meeting and committee; null when there is none of this code. */
export async function findMeetingAction(db: Tx, codeId: string, id: number) {
  const rows = await db
    .select(actionColumns)
    .from(meetingActions)
    .innerJoin(meetings, eq(meetings.id, meetingActions.meetingId))
    .innerJoin(committees, eq(committees.id, meetings.committeeId))
    .leftJoin(users, eq(users.id, meetingActions.ownerUserId))
    .where(and(eq(meetingActions.id, id), eq(committees.codeId, codeId)));
  return rows[0] ?? null;
}

/** Marks the action done if it is still open; false when it was already done (by another request). */
export async function markMeetingActionDone(db: Tx, id: number, doneOn: string): Promise<boolean> {
  const updated = await db
    .update(meetingActions)
    .set({ doneOn })
    .where(and(eq(meetingActions.id, id), isNull(meetingActions.doneOn)))
    .returning({ id: meetingActions.id });
  return updated.length > 0;
}

/** The meeting's actions, open and done, in the order given. */
export async function listMeetingActions(db: Tx, meetingId: number) {
  return db
    .select(actionColumns)
    .from(meetingActions)
    .innerJoin(meetings, eq(meetings.id, meetingActions.meetingId))
    .innerJoin(committees, eq(committees.id, meetings.committeeId))
    .leftJoin(users, eq(users.id, meetingActions.ownerUserId))
    .where(eq(meetingActions.meetingId, meetingId))
    .orderBy(asc(meetingActions.id));
}

/** The open actions of the code, optionally of one committee and from meetings before a day; due first. */
export async function listOpenMeetingActions(
  db: Tx,
  scope: { codeId: string; committeeRef?: string | undefined; meetingsBefore?: string | undefined },
) {
  return db
    .select(actionColumns)
    .from(meetingActions)
    .innerJoin(meetings, eq(meetings.id, meetingActions.meetingId))
    .innerJoin(committees, eq(committees.id, meetings.committeeId))
    .leftJoin(users, eq(users.id, meetingActions.ownerUserId))
    .where(
      and(
        eq(committees.codeId, scope.codeId),
        isNull(meetingActions.doneOn),
        scope.committeeRef === undefined ? undefined : eq(committees.ref, scope.committeeRef),
        scope.meetingsBefore === undefined ? undefined : lt(meetings.date, scope.meetingsBefore),
      ),
    )
    .orderBy(sql`${meetingActions.dueOn} asc nulls last`, asc(meetings.date), asc(meetingActions.id));
}
