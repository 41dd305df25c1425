// modgov/v1 as TypeScript: the shape that docs/modgov-v1.schema.json describes.

export interface V1Code {
  id: string;
  name: string;
  administrator?: string;
  changeTeamEmail?: string;
}
export interface V1Organisation {
  id: string;
  name: string;
  shortName?: string;
  category: string;
  referredToAs?: string;
}
export interface V1Person {
  id: string;
  name: string;
  organisation: string;
  kind?: 'person' | 'team';
  team?: string;
}
export interface V1Committee {
  id: string;
  name: string;
  parent?: string;
  impactHeading?: string;
}
export interface V1Release {
  id: string;
  name: string;
  date: string;
  codeVersion?: string;
}
export interface V1Meeting {
  committee: string;
  number: number;
  date: string;
  /** What the meeting decided on its agenda items; given, the list is the file's for this meeting. */
  outcomes?: V1Outcome[];
  /** The actions it gave; given, the list is the file's for this meeting. */
  actions?: V1Action[];
}
/** What a meeting decided on one agenda item. */
export interface V1Outcome {
  item: number;
  /** noted | agreed | deferred */
  outcome: string;
  notes?: string;
}
/** An action a meeting gave, open until done. */
export interface V1Action {
  item?: number;
  text: string;
  /** Who owns it, by name. */
  owner?: string;
  due?: string;
  done?: string;
}
export interface V1Event {
  on: string;
  event: string;
  by?: string;
  consultation?: string;
  closes?: string;
  outcome?: string;
  release?: string;
  stage?: string;
  reason?: string;
}
/** The facts an event may carry besides `on`, `event` and `by`. */
export const V1_EVENT_FACTS = ['consultation', 'closes', 'outcome', 'release', 'stage', 'reason'] as const;

export interface V1Proposal {
  id: string;
  title: string;
  proposer: string;
  leadAnalyst?: string;
  raised: string;
  stage?: string;
  path?: string;
  urgent?: boolean;
  fastTrack?: boolean;
  classification?: string;
  summary?: string;
  problemStatement?: string;
  impacts?: Record<string, string>;
  affectedDocuments?: string[];
  impactedParties?: string[];
  history?: V1Event[];
  /** Given, each list is the file's for this proposal; left out, the register keeps what it holds. */
  problemStatementVersions?: V1ProblemStatementVersion[];
  views?: V1View[];
  following?: V1Following[];
}
/** A version of a Draft Proposal's problem statement, in sections. */
export interface V1ProblemStatementVersion {
  version: number;
  /** The day it was written. */
  on: string;
  status: 'draft' | 'agreed';
  agreedOn?: string;
  /** The committee that agreed it. */
  agreedBy?: string;
  sections: { issue?: string; impacts?: string; doNothing?: string; context?: string };
}
/** A committee's view on a proposal. */
export interface V1View {
  committee: string;
  on: string;
  /** meeting | member | email */
  source: string;
  /** Who gave it, by name. */
  author: string;
  classification?: string;
  text: string;
  /** The problem statement version it answers. */
  version?: number;
  /** The number of the committee's meeting it was given at. */
  meeting?: number;
  /** The paper it answers, by reference. */
  paper?: string;
  item?: number;
}
/** Whether a committee wants to give further input on a proposal, as last decided. */
export interface V1Following {
  committee: string;
  /** yes | no | undecided */
  decision: string;
  on: string;
  /** The number of the committee's meeting that decided. */
  meeting?: number;
}
export interface V1Paper {
  reference: string;
  type: string;
  meeting?: { committee: string; number: number };
  item?: number;
  title: string;
  action: string;
  classification?: string;
  date: string;
  author?: string;
  covers?: { from: string; to: string };
}
export interface V1Register {
  format: 'modgov/v1';
  code: V1Code;
  organisations?: V1Organisation[];
  people?: V1Person[];
  committees?: V1Committee[];
  releases?: V1Release[];
  meetings?: V1Meeting[];
  proposals?: V1Proposal[];
  papers?: V1Paper[];
}
