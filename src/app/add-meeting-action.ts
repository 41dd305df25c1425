// Adding an action a meeting gave: its text, its owner (a user, named by e-mail, or anyone by name), the agenda
// item it came from (optional) and the day it is due (optional; not before the meeting). It stays open until
// completed (completeMeetingAction). The audit record is `meeting.action_added`, on the meeting.
import type { Db } from '../db/connect.ts';
import { findUserByEmailForAction, insertMeetingAction } from '../db/meeting-outcomes.repository.ts';
import { appendAuditEvent } from '../db/transitions.repository.ts';
import { parseIsoDate } from '../domain/calendar/iso-date.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { getMeetingOrThrow, MEETING_TEXT_LIMIT, MeetingDecisionInputError } from './record-agenda-outcome.ts';

export interface AddMeetingActionInput {
  committee: string;
  meeting: number;
  item?: number | undefined;
  text: string;
  /** A user's e-mail address, or a name (of someone without an account). */
  owner: string;
  /** YYYY-MM-DD, on or after the meeting's day. */
  dueOn?: string | undefined;
  actor: string;
}

export interface AddedMeetingAction {
  id: number;
  owner: { userId: number | null; name: string };
  dueOn: string | null;
}

export async function addMeetingAction(
  deps: { db: Db; rules: RulesPack },
  input: AddMeetingActionInput,
): Promise<AddedMeetingAction> {
  const text = input.text.trim();
  if (!text) throw new MeetingDecisionInputError('Enter what the action is.', 'text');
  if (text.length > MEETING_TEXT_LIMIT)
    throw new MeetingDecisionInputError(
      `The action must be ${MEETING_TEXT_LIMIT} characters or fewer.`,
      'text',
    );
  const owner = input.owner.trim();
  if (!owner)
    throw new MeetingDecisionInputError('Enter the owner: a user’s e-mail address, or a name.', 'owner');
  if (owner.length > 200)
    throw new MeetingDecisionInputError('The owner must be 200 characters or fewer.', 'owner');
  if (input.item !== undefined && (!Number.isInteger(input.item) || input.item < 1 || input.item > 999))
    throw new MeetingDecisionInputError(
      `An agenda item is a whole number from 1 to 999, not ${String(input.item)}.`,
      'item',
    );
  const dueOn = input.dueOn?.trim() || null;
  if (dueOn)
    try {
      parseIsoDate(dueOn);
    } catch {
      throw new MeetingDecisionInputError(`Enter the due date as YYYY-MM-DD, not "${dueOn}".`, 'dueOn');
    }

  return deps.db.transaction(async (tx) => {
    const meeting = await getMeetingOrThrow(tx, deps.rules, input.committee, input.meeting);
    if (dueOn && dueOn < meeting.date)
      throw new MeetingDecisionInputError(
        `The due date must be on or after the day of the meeting, ${meeting.date}.`,
        'dueOn',
      );
    let ownerUserId: number | null = null;
    let ownerName = owner;
    if (owner.includes('@')) {
      const user = await findUserByEmailForAction(tx, owner);
      if (!user)
        throw new MeetingDecisionInputError(
          `There is no active user with the e-mail address ${owner}. Enter theirs, or a name.`,
          'owner',
        );
      ownerUserId = user.id;
      ownerName = user.name;
    }
    const item = input.item ?? null;
    const id = await insertMeetingAction(tx, {
      meetingId: meeting.id,
      item,
      text,
      ownerUserId,
      ownerName: ownerUserId === null ? ownerName : null,
      dueOn,
    });
    await appendAuditEvent(tx, {
      actor: input.actor,
      action: 'meeting.action_added',
      subjectType: 'meeting',
      subjectId: String(meeting.id),
      before: null,
      after: {
        action: id,
        committee: meeting.committee.ref,
        meeting: meeting.number,
        item,
        text,
        ownerUserId,
        ownerName,
        dueOn,
      },
    });
    return { id, owner: { userId: ownerUserId, name: ownerName }, dueOn };
  });
}
