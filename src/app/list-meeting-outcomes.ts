// What one meeting decided, for its page: the outcome recorded for each agenda item and the actions it gave,
// open and done. White committee business, shown to everyone; null when the meeting is not in the register.
import type { Db } from '../db/connect.ts';
import { listAgendaItemOutcomes, listMeetingActions } from '../db/meeting-outcomes.repository.ts';
import { findMeeting } from '../db/papers.repository.ts';
import type { Tx } from '../db/register.repository.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { AGENDA_OUTCOME_LABELS, isAgendaOutcome } from './record-agenda-outcome.ts';

export interface MeetingOutcomes {
  outcomes: { item: number; outcome: string; label: string; notes: string | null }[];
  actions: {
    id: number;
    item: number | null;
    text: string;
    owner: string;
    dueOn: string | null;
    doneOn: string | null;
  }[];
}

export async function listMeetingOutcomes(
  deps: { db: Db | Tx; rules: RulesPack },
  input: { committee: string; meeting: number },
): Promise<MeetingOutcomes | null> {
  const meeting = await findMeeting(deps.db, deps.rules.id, input.committee.trim(), input.meeting);
  if (!meeting) return null;
  const outcomes = await listAgendaItemOutcomes(deps.db, meeting.id);
  const actions = await listMeetingActions(deps.db, meeting.id);
  return {
    outcomes: outcomes.map((o) => ({
      ...o,
      label: isAgendaOutcome(o.outcome) ? AGENDA_OUTCOME_LABELS[o.outcome] : o.outcome,
    })),
    actions: actions.map((a) => ({
      id: a.id,
      item: a.item,
      text: a.text,
      owner: a.ownerName,
      dueOn: a.dueOn,
      doneOn: a.doneOn,
    })),
  };
}
