import type { EligibilityRules } from './eligibility/eligibility.models.ts';
import type { LifecycleRules } from './lifecycle/lifecycle.models.ts';
import type { AgendaWording } from './papers/compose-agenda.ts';
import type { NewProposalsSummaryWording } from './papers/compose-new-proposals-summary.ts';
import type { TimetableRules } from './timetable/timetable.models.ts';

export interface Labelled {
  slug: string;
  label: string;
}

/** A code's vocabularies: how its proposals are numbered, who takes part, how material is classified. */
export interface RegisterVocabulary {
  /** Group 1 the series, group 2 the number, group 3 an alternative's letter. */
  proposalReference: RegExp;
  /** The prefix of a proposal before and after conversion, in the series that converts (DP -> MP). */
  draftPrefix: string;
  convertedPrefix: string;
  organisationCategories: readonly string[];
  impactedParties: readonly string[];
  /** Lowest first. */
  classifications: readonly (Labelled & { banner: string })[];
  paperTypes: readonly string[];
  paperActions: readonly Labelled[];
}

/** Everything a code's change process needs to know about that code. A second code is another pack. */
export interface RulesPack {
  id: string;
  name: string;
  lifecycle: LifecycleRules;
  /** How long things take, and which committees see a proposal in each stage. */
  timetable: TimetableRules;
  /** Who may raise what (SEC Section D1.3). */
  eligibility: EligibilityRules;
  register: RegisterVocabulary;
  /** How the code words its committee papers (the composers in src/domain/papers/ fill them in). */
  papers: { newProposalsSummary: NewProposalsSummaryWording };
  /** How the code words a meeting's agenda and names its meeting pack (src/domain/papers/compose-agenda.ts). */
  agenda: AgendaWording;
}
