// A proposal's next milestones with their due dates, worked out from its history, the meetings ahead and the
// working-day calendar. Pure and computed afresh each time, so a slipped meeting or a late answer moves the
// dates at once; anything due before today and not done is flagged overdue.
import type { WorkingDayCalendar } from '../calendar/calendar.models.ts';
import type { LifecycleEvent, LifecycleRules } from '../lifecycle/lifecycle.models.ts';
import type { MeetingSlot, Milestone, TimetableRules } from './timetable.models.ts';

export interface TimetableInput<S extends string> {
  lifecycle: LifecycleRules<S>;
  timetable: TimetableRules<S>;
  calendar: WorkingDayCalendar;
  /** The stage the history leads to. */
  stage: S;
  history: readonly LifecycleEvent[];
  /** Meetings on or after today, of any committee, in date order. */
  meetings: readonly MeetingSlot[];
  today: string;
}

export function computeTimetable<S extends string>(input: TimetableInput<S>): Milestone[] {
  const { lifecycle, timetable, calendar, stage, history, today } = input;
  if (lifecycle.stages.find((s) => s.slug === stage)?.final) return [];
  const milestone = (m: Omit<Milestone, 'overdue' | 'workingDaysLeft'>, done = false): Milestone => ({
    ...m,
    overdue: !done && m.due < today,
    workingDaysLeft: calendar.workingDaysBetween(today, m.due),
  });
  const out: Milestone[] = [];

  // Consultations still open: each closes on its given date, or after the default run.
  const open = new Map<string, LifecycleEvent>();
  const asked = new Map<string, LifecycleEvent>();
  for (const step of history) {
    const kind = step.facts.consultation;
    if (step.event === 'consultation_opened' && kind) open.set(kind, step);
    if (step.event === 'consultation_closed' && kind) open.delete(kind);
    if (timetable.answers[step.event]) asked.set(step.event, step);
    if (step.event.endsWith('_returned')) asked.delete(step.event.replace(/_returned$/, '_requested'));
  }
  for (const [kind, opened] of open) {
    const closes = opened.facts.closes;
    out.push(
      milestone({
        kind: 'consultation_closes',
        label: timetable.consultationLabels[kind] ?? `${kind.replaceAll('_', ' ')} consultation closes`,
        due: closes ?? calendar.addWorkingDays(opened.on, timetable.consultationWorkingDays),
        basis: closes
          ? `closing date given when it opened on ${opened.on}`
          : `${timetable.consultationWorkingDays} working days from ${opened.on}`,
      }),
    );
  }
  for (const [request, step] of asked) {
    const answer = timetable.answers[request];
    if (!answer) continue;
    out.push(
      milestone({
        kind: 'answer_due',
        label: answer.label,
        due: calendar.addWorkingDays(step.on, answer.workingDays),
        basis: `${answer.workingDays} working days from the request on ${step.on}`,
      }),
    );
  }

  // The next meeting of each committee that sees a proposal in this stage, and its papers before it.
  for (const committee of timetable.stageCommittees[stage]) {
    const next = input.meetings.find((m) => m.committee === committee && m.date >= today);
    if (!next) continue;
    const papers = calendar.addWorkingDays(next.date, -timetable.paperLeadWorkingDays);
    out.push(
      milestone(
        {
          kind: 'papers_issued',
          label: `Papers issued for the ${next.committeeName} (meeting ${next.number})`,
          due: papers,
          basis: `${timetable.paperLeadWorkingDays} working days before the meeting on ${next.date}`,
        },
        next.papersIssued,
      ),
      milestone({
        kind: 'meeting',
        label: `${next.committeeName} meeting ${next.number}`,
        due: next.date,
        basis: 'the meeting date',
      }),
    );
  }
  return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.label.localeCompare(b.label)));
}
