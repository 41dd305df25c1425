// The SEC's timings, in GB working days (England and Wales). Inferred from real papers (I) or unverified (U):
// every figure is configuration, to be confirmed with the administrator (see shared/reference/DOMAIN.md).
import type { TimetableRules } from '../../domain/timetable/timetable.models.ts';
import type { SecStage } from './lifecycle.ts';

export const secTimetable: TimetableRules<SecStage> = {
  region: 'england-and-wales',
  paperLeadWorkingDays: 5, // (I) OPSG_26_0511_16 is dated 29 October 2019 for the meeting of 5 November
  consultationWorkingDays: 15, // (I) about 15 working days seen
  consultationLabels: {
    request_for_information: 'Request for Information closes',
    refinement: 'Refinement Consultation closes',
    modification_report: 'Modification Report Consultation closes',
  },
  answers: {
    preliminary_assessment_requested: { label: 'DCC Preliminary Assessment due', workingDays: 20 }, // (U)
    impact_assessment_requested: { label: 'DCC Impact Assessment due', workingDays: 30 }, // (U)
  },
  // Every stage must be listed: a stage added to the lifecycle and not here fails the type check.
  stageCommittees: {
    development: ['CSC', 'OPSG', 'SSC', 'TABASC'], // a Draft Proposal goes to every sub-committee for views
    modification_proposal: ['PANEL'], // the Panel routes it
    refinement: ['PANEL'],
    report_phase: ['PANEL'],
    change_board: ['CB'],
    with_authority: [],
    approved: [],
    rejected: [],
    withdrawn: [],
    implemented: [],
  },
};
