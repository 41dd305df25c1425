// Composing a meeting's agenda from what is due at it: the meeting's stored papers, and the proposals whose
// current stage lists the committee. The reference, classification and date come from a stored agenda record
// (a paper of the agenda type for that meeting) when there is one, else from the code's pattern, the lowest
// classification and the day papers are issued (the code's lead time in working days before the meeting);
// the caller may set the classification and the date. The committee's actions from earlier meetings that are
// still open are listed under their own item. Nothing is written. The meeting pack starts here.
import type { Db } from '../db/connect.ts';
import {
  findCodeForPaper,
  findMeeting,
  listMeetingPapers,
  listProposalsInStages,
} from '../db/papers.repository.ts';
import type { Tx } from '../db/register.repository.ts';
import { listOpenMeetingActions } from '../db/meeting-outcomes.repository.ts';
import { listClosures } from '../db/timetable.repository.ts';
import { createWorkingDayCalendar } from '../domain/calendar/working-days.ts';
import { composeMeetingAgenda } from '../domain/papers/compose-agenda.ts';
import type { ComposedPaper } from '../domain/papers/paper.models.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

export interface ComposeAgendaDeps {
  db: Db | Tx;
  rules: RulesPack;
}

export interface ComposeAgendaInput {
  /** The committee's reference: OPSG. */
  committee: string;
  /** The meeting's number. */
  meeting: number;
  /** A classification slug; else the stored agenda's, else the code's lowest. */
  classification?: string | undefined;
  /** YYYY-MM-DD; else the stored agenda's, else the day papers are issued. */
  date?: string | undefined;
}

export interface ComposedAgenda extends ComposedPaper {
  meeting: { id: number; committee: { ref: string; name: string }; number: number; date: string };
  /** The meeting's stored papers, in agenda order (the pack composes those the agenda lists). */
  papers: Awaited<ReturnType<typeof listMeetingPapers>>;
}

export class MeetingNotFoundError extends Error {
  readonly code = 'meeting.not_found';
  readonly status = 404;
  override name = 'MeetingNotFoundError';
}

export async function composeAgenda(
  deps: ComposeAgendaDeps,
  input: ComposeAgendaInput,
): Promise<ComposedAgenda> {
  const { db, rules } = deps;
  const meeting = await findMeeting(db, rules.id, input.committee.trim(), input.meeting);
  if (!meeting)
    throw new MeetingNotFoundError(
      `There is no meeting ${input.meeting} of the committee "${input.committee}" in the register.`,
    );
  const papers = await listMeetingPapers(db, meeting.id);
  const stored = papers.find((p) => p.type === rules.agenda.paperType) ?? null;
  const stages = Object.entries(rules.timetable.stageCommittees)
    .filter(([, committees]) => committees.includes(meeting.committee.ref))
    .map(([stage]) => stage);
  const waiting = await listProposalsInStages(db, rules.id, stages);

  let date = input.date ?? stored?.date;
  if (!date) {
    const calendar = createWorkingDayCalendar({
      region: rules.timetable.region,
      closures: await listClosures(db),
    });
    date = calendar.addWorkingDays(meeting.date, -rules.timetable.paperLeadWorkingDays);
  }
  const code = await findCodeForPaper(db, rules.id);
  const secretariat = code?.administrator?.shortName ?? code?.administrator?.name ?? code?.name ?? rules.name;
  const composed = composeMeetingAgenda(rules, rules.agenda, {
    agenda: {
      reference: stored?.reference ?? null,
      classification:
        input.classification ?? stored?.classification ?? rules.register.classifications[0]?.slug ?? 'white',
      date,
    },
    committee: { ref: meeting.committee.ref, name: meeting.committee.name },
    meeting: { number: meeting.number, date: meeting.date },
    author: { name: secretariat, team: null },
    papers,
    proposals: waiting,
    actions: (
      await listOpenMeetingActions(db, {
        codeId: rules.id,
        committeeRef: meeting.committee.ref,
        meetingsBefore: meeting.date,
      })
    ).map((a) => ({ text: a.text, owner: a.ownerName, meeting: a.meetingNumber, dueOn: a.dueOn })),
  });
  return {
    ...composed,
    meeting: {
      id: meeting.id,
      committee: { ref: meeting.committee.ref, name: meeting.committee.name },
      number: meeting.number,
      date: meeting.date,
    },
    papers,
  };
}
