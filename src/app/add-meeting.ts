// Adding a committee meeting to the register: its committee, its number and its date. A paper for a meeting
// (create-paper.ts) needs the meeting first, as its date makes the paper's reference. Checked, stored with an
// audit record; an unknown committee and a number the committee has already used are refused.
import type { Db } from '../db/connect.ts';
import { insertMeeting } from '../db/meetings.repository.ts';
import { findCommitteeByRef, findMeeting } from '../db/papers.repository.ts';
import { appendAuditEvent } from '../db/transitions.repository.ts';
import { parseIsoDate } from '../domain/calendar/iso-date.ts';
import type { Actor } from '../domain/lifecycle/lifecycle.models.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

export interface AddMeetingInput {
  /** The committee's reference: OPSG. */
  committee: string;
  /** The meeting's number in the committee's series: 27. */
  number: number;
  /** YYYY-MM-DD. */
  date: string;
  actor: Actor;
}

export interface AddedMeeting {
  committee: { ref: string; name: string };
  number: number;
  date: string;
}

export class MeetingInputError extends Error {
  readonly code = 'meeting.invalid';
  readonly status = 400;
  override name = 'MeetingInputError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export class UnknownCommitteeError extends Error {
  readonly code = 'meeting.unknown_committee';
  readonly status = 404;
  override name = 'UnknownCommitteeError';
  readonly field = 'committee';
}

export class DuplicateMeetingError extends Error {
  readonly code = 'meeting.duplicate_number';
  readonly status = 409;
  override name = 'DuplicateMeetingError';
  readonly field = 'number';
}

const isUniqueViolation = (error: unknown): boolean => {
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    if ((e as Error & { code?: unknown }).code === '23505') return true;
  return false;
};

export async function addMeeting(
  deps: { db: Db; rules: RulesPack },
  input: AddMeetingInput,
): Promise<AddedMeeting> {
  const { db, rules } = deps;
  const ref = input.committee.trim();
  if (!Number.isInteger(input.number) || input.number < 1)
    throw new MeetingInputError(
      `A meeting number is a whole number from 1, not ${String(input.number)}.`,
      'number',
    );
  try {
    parseIsoDate(input.date);
  } catch {
    throw new MeetingInputError(
      `The meeting's date must be a real date as YYYY-MM-DD, not "${input.date}".`,
      'date',
    );
  }
  const duplicate = (date?: string) =>
    new DuplicateMeetingError(
      `The ${ref} already has a meeting ${input.number}${date ? ` (on ${date})` : ''}: a meeting's number is used once.`,
    );

  try {
    return await db.transaction(async (tx) => {
      const committee = await findCommitteeByRef(tx, rules.id, ref);
      if (!committee)
        throw new UnknownCommitteeError(
          `There is no committee "${input.committee}" in the ${rules.id} register.`,
        );
      const existing = await findMeeting(tx, rules.id, committee.ref, input.number);
      if (existing) throw duplicate(existing.date);
      const id = await insertMeeting(tx, {
        committeeId: committee.id,
        number: input.number,
        date: input.date,
      });
      await appendAuditEvent(tx, {
        actor: input.actor,
        action: 'meeting.added',
        subjectType: 'meeting',
        subjectId: String(id),
        before: null,
        after: { committee: committee.ref, number: input.number, date: input.date },
      });
      return {
        committee: { ref: committee.ref, name: committee.name },
        number: input.number,
        date: input.date,
      };
    });
  } catch (error) {
    // two people adding the same meeting at once: the unique index decides, with the same answer
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}
