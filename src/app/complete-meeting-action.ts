// Marking a meeting's action done, on a day (not before the meeting): it leaves the open actions (the
// workspace, the next agenda). The audit record is `meeting.action_completed`, on the meeting. An action
// already done is refused, naming the day it was done.
import type { Db } from '../db/connect.ts';
import { findMeetingAction, markMeetingActionDone } from '../db/meeting-outcomes.repository.ts';
import { appendAuditEvent } from '../db/transitions.repository.ts';
import { parseIsoDate } from '../domain/calendar/iso-date.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { MeetingDecisionInputError, MeetingDecisionNotFoundError } from './record-agenda-outcome.ts';

export interface CompleteMeetingActionInput {
  id: number;
  /** YYYY-MM-DD. */
  on: string;
  actor: string;
}

export async function completeMeetingAction(
  deps: { db: Db; rules: RulesPack },
  input: CompleteMeetingActionInput,
): Promise<{ id: number; doneOn: string; committee: string; meeting: number }> {
  try {
    parseIsoDate(input.on);
  } catch {
    throw new MeetingDecisionInputError(`Enter the day it was done as YYYY-MM-DD, not "${input.on}".`, 'on');
  }
  return deps.db.transaction(async (tx) => {
    const action = Number.isInteger(input.id) ? await findMeetingAction(tx, deps.rules.id, input.id) : null;
    if (!action) throw new MeetingDecisionNotFoundError(`There is no action ${String(input.id)}.`);
    if (action.doneOn)
      throw new MeetingDecisionInputError(`This action was already done on ${action.doneOn}.`, 'action');
    if (input.on < action.meetingDate)
      throw new MeetingDecisionInputError(
        `The day it was done must be on or after the meeting, ${action.meetingDate}.`,
        'on',
      );
    await markMeetingActionDone(tx, action.id, input.on);
    await appendAuditEvent(tx, {
      actor: input.actor,
      action: 'meeting.action_completed',
      subjectType: 'meeting',
      subjectId: String(action.meetingId),
      before: { action: action.id, doneOn: null },
      after: { action: action.id, doneOn: input.on },
    });
    return { id: action.id, doneOn: input.on, committee: action.committeeRef, meeting: action.meetingNumber };
  });
}
