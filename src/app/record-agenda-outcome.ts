// Recording what a meeting decided on one of its agenda items: noted, agreed or deferred, with any notes. The
// outcome replaces the one before; the audit record (`meeting.outcome_recorded`, on the meeting) keeps both.
// Recording the same outcome and notes again changes nothing and writes nothing. The staff form and any later
// caller come through here. The errors are shared by the other meeting-decision use cases (actions).
import type { Db } from '../db/connect.ts';
import { findAgendaItemOutcome, upsertAgendaItemOutcome } from '../db/meeting-outcomes.repository.ts';
import { findCommitteeByRef, findMeeting } from '../db/papers.repository.ts';
import type { Tx } from '../db/register.repository.ts';
import { appendAuditEvent } from '../db/transitions.repository.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

export const AGENDA_OUTCOMES = ['noted', 'agreed', 'deferred'] as const;
export type AgendaOutcome = (typeof AGENDA_OUTCOMES)[number];

export const AGENDA_OUTCOME_LABELS: Readonly<Record<AgendaOutcome, string>> = {
  noted: 'Noted',
  agreed: 'Agreed',
  deferred: 'Deferred',
};

export const isAgendaOutcome = (value: string): value is AgendaOutcome =>
  (AGENDA_OUTCOMES as readonly string[]).includes(value);

/** The longest notes or action text accepted. */
export const MEETING_TEXT_LIMIT = 2000;

/** Input the caller can correct, naming the field. */
export class MeetingDecisionInputError extends Error {
  readonly code = 'meeting.invalid_decision';
  readonly status = 400;
  override name = 'MeetingDecisionInputError';
  constructor(
    message: string,
    readonly field: 'meeting' | 'item' | 'outcome' | 'notes' | 'text' | 'owner' | 'dueOn' | 'on' | 'action',
  ) {
    super(message);
  }
}

/** The committee, its meeting or the action is not in the register. */
export class MeetingDecisionNotFoundError extends Error {
  readonly code = 'meeting.not_found';
  readonly status = 404;
  override name = 'MeetingDecisionNotFoundError';
}

/** The meeting, or the error naming what is missing. */
export async function getMeetingOrThrow(db: Tx, rules: RulesPack, committee: string, number: number) {
  if (!Number.isInteger(number) || number < 1)
    throw new MeetingDecisionInputError(
      `A meeting number is a whole number from 1, not ${String(number)}.`,
      'meeting',
    );
  const meeting = await findMeeting(db, rules.id, committee.trim(), number);
  if (meeting) return meeting;
  if (!(await findCommitteeByRef(db, rules.id, committee.trim())))
    throw new MeetingDecisionNotFoundError(
      `There is no committee "${committee}" in the ${rules.id} register.`,
    );
  throw new MeetingDecisionNotFoundError(
    `There is no meeting ${number} of the committee "${committee}" in the ${rules.id} register.`,
  );
}

export interface RecordAgendaOutcomeInput {
  committee: string;
  meeting: number;
  /** The agenda item's number: 16. */
  item: number;
  /** noted | agreed | deferred */
  outcome: string;
  /** Left out: the notes already recorded for the item are kept; "" clears them. */
  notes?: string | undefined;
  /** `user:7` from the web. */
  actor: string;
}

export interface RecordedAgendaOutcome {
  item: number;
  outcome: AgendaOutcome;
  notes: string | null;
  previous: { outcome: string; notes: string | null } | null;
  changed: boolean;
}

export async function recordAgendaOutcome(
  deps: { db: Db; rules: RulesPack },
  input: RecordAgendaOutcomeInput,
): Promise<RecordedAgendaOutcome> {
  const outcome = input.outcome.trim().toLowerCase();
  if (!isAgendaOutcome(outcome))
    throw new MeetingDecisionInputError(
      `The outcome must be one of ${AGENDA_OUTCOMES.join(', ')}, not "${input.outcome}".`,
      'outcome',
    );
  if (!Number.isInteger(input.item) || input.item < 1 || input.item > 999)
    throw new MeetingDecisionInputError(
      `An agenda item is a whole number from 1 to 999, not ${String(input.item)}.`,
      'item',
    );
  const given = input.notes === undefined ? undefined : input.notes.trim() || null;
  if (given && given.length > MEETING_TEXT_LIMIT)
    throw new MeetingDecisionInputError(
      `The notes must be ${MEETING_TEXT_LIMIT} characters or fewer.`,
      'notes',
    );
  return deps.db.transaction(async (tx) => {
    const meeting = await getMeetingOrThrow(tx, deps.rules, input.committee, input.meeting);
    const before = await findAgendaItemOutcome(tx, meeting.id, input.item);
    const notes = given === undefined ? (before?.notes ?? null) : given;
    const changed = !before || before.outcome !== outcome || before.notes !== notes;
    if (changed) {
      await upsertAgendaItemOutcome(tx, { meetingId: meeting.id, item: input.item, outcome, notes });
      const facts = { committee: meeting.committee.ref, meeting: meeting.number, item: input.item };
      await appendAuditEvent(tx, {
        actor: input.actor,
        action: 'meeting.outcome_recorded',
        subjectType: 'meeting',
        subjectId: String(meeting.id),
        before: before && { ...facts, outcome: before.outcome, notes: before.notes },
        after: { ...facts, outcome, notes },
      });
    }
    return { item: input.item, outcome, notes, previous: before, changed };
  });
}
