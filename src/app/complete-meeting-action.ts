// Marking a meeting's action done, on a day (not before the meeting, not after today): it leaves the open
// actions (the workspace, the next agenda). The audit record is `meeting.action_completed`, on the meeting. An
// action already done is refused, naming the day it was done; of two requests at the same instant (a double
// click), one marks it and the other is refused, so it is done and audited once.
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
  deps: { db: Db; rules: RulesPack; today: () => string },
  input: CompleteMeetingActionInput,
): Promise<{ id: number; doneOn: string; committee: string; meeting: number }> {
  try {
    parseIsoDate(input.on);
  } catch {
    throw new MeetingDecisionInputError(`Enter the day it was done as YYYY-MM-DD, not "${input.on}".`, 'on');
  }
  const today = deps.today();
  if (input.on > today)
    throw new MeetingDecisionInputError(
      `The day it was done cannot be after today, ${today}: mark it done when it is.`,
      'on',
    );
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
    // only if still open: another request may have marked it since it was read
    if (!(await markMeetingActionDone(tx, action.id, input.on))) {
      const now = await findMeetingAction(tx, deps.rules.id, action.id);
      throw new MeetingDecisionInputError(
        `This action was already done on ${now?.doneOn ?? 'another day'}.`,
        'action',
      );
    }
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
