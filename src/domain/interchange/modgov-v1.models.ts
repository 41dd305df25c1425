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
