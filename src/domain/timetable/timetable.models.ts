// The shape of a code's timetable rules: how long things take, in working days, and which committees see a
// proposal in each stage. A rules pack fills it in as data; compute-timetable.ts is its one interpreter.
import type { Region } from '../calendar/calendar.models.ts';

export interface TimetableRules<S extends string = string> {
  /** The bank holiday calendar the administrator works to. */
  region: Region;
  /** Papers are issued this many working days before a meeting. */
  paperLeadWorkingDays: number;
  /** A consultation runs this long unless its closing date is given. */
  consultationWorkingDays: number;
  /** What each consultation kind's closing is called. */
  consultationLabels: Readonly<Record<string, string>>;
  /** Requests that await an answer (by their `_requested` event), what the answer is called and how long it may take. */
  answers: Readonly<Record<string, { label: string; workingDays: number }>>;
  /** The committees whose meetings a proposal in each stage is due at. Every stage is listed. */
  stageCommittees: Readonly<Record<S, readonly string[]>>;
}

export type MilestoneKind = 'consultation_closes' | 'answer_due' | 'papers_issued' | 'meeting';

export interface Milestone {
  kind: MilestoneKind;
  label: string;
  /** The date it is due, YYYY-MM-DD. */
  due: string;
  /** How the date was worked out, for people. */
  basis: string;
  /** Due before today and not done. */
  overdue: boolean;
  /** Working days from today to the due date (negative when overdue). */
  workingDaysLeft: number;
}

/** A meeting the proposal may be due at, with whether any paper has been issued for it. */
export interface MeetingSlot {
  committee: string;
  committeeName: string;
  number: number;
  date: string;
  papersIssued: boolean;
}
