// The shape of a code's lifecycle rules. A rules pack (src/codes/<code>/) fills it in as data; the engine
// (lifecycle-engine.ts) is the only code that interprets it.

export interface StageDef<S extends string = string> {
  slug: S;
  label: string;
  /** What the stage means, for people (docs/LIFECYCLE.md, the proposal page). */
  description: string;
  /** A stage a proposal does not leave (rejected, withdrawn, implemented). */
  final: boolean;
}

/** Who may record an event. Accounts map onto these with the access issue. */
export type Actor =
  | 'import' // loading a register's history
  | 'analyst' // the code administrator's staff, recording on a committee's behalf
  | 'proposer' // the proposer of this proposal
  | 'panel' // the Panel, or its secretariat for it
  | 'change_board_member'
  | 'authority';

export const ACTORS: readonly Actor[] = [
  'import',
  'analyst',
  'proposer',
  'panel',
  'change_board_member',
  'authority',
];

/** A fact an event carries besides its date and the committee that made it happen. */
export interface FactDef {
  name: 'consultation' | 'closes' | 'outcome' | 'release' | 'stage' | 'reason';
  required: boolean;
  /** The allowed values, when the fact is a choice. */
  values?: readonly string[];
  /** What it is, for documentation and for checks outside the engine (a release must exist). */
  kind: 'choice' | 'date' | 'release' | 'stage' | 'text';
}

/** One recorded step. `facts` carries the event's own facts: outcome, consultation kind, closing date... */
export interface LifecycleEvent {
  event: string;
  on: string;
  /** The committee that made it happen, if any. */
  by?: string | undefined;
  facts: Readonly<Record<string, string>>;
}

/** Where a proposal is in its lifecycle: folded from its history, never stored apart from it. */
export interface LifecycleState<S extends string = string> {
  /** null before the first event. */
  stage: S | null;
  /** Consultation kinds open now. */
  openConsultations: readonly string[];
  /** Requests waiting for their answer (the `_requested` event slugs). */
  pendingRequests: readonly string[];
  /** How many events so far. */
  steps: number;
  /** The date of the last event. */
  lastOn: string | null;
}

/**
 * A Draft Proposal's problem statement as modgov keeps it, in versions: `none` when it has no versions here (an
 * imported history, a proposal raised before versions); else the latest version, a `draft` or `agreed` (by the
 * committee that agrees problem statements, on `agreedOn`).
 */
export type ProblemStatementFact =
  | { status: 'none' }
  | { status: 'draft'; version: number }
  | { status: 'agreed'; version: number; agreedOn: string };

/** Facts about the proposal itself that some rules depend on. */
export interface ProposalContext {
  path: string | null;
  /** An Alternative Modification Proposal (MPnnnA). */
  alternative: boolean;
  /**
   * Its problem statement, where a rule asks (the conversion). Given only for the step being recorded now (the
   * transition use case reads it from the versions); absent, as for a replayed or imported history, it is `none`.
   */
  problemStatement?: ProblemStatementFact | undefined;
}

export interface EventDef<S extends string = string> {
  slug: string;
  label: string;
  /** The stages it may happen in; 'start' for the first event of a history only. */
  from: readonly S[] | 'start';
  /** The committees that may make it happen (`by`), when it is a committee's act. */
  by?: { committees: readonly string[]; required: boolean };
  /** Who may record it. */
  recordedBy: readonly Actor[];
  /** The proposal takes its converted reference (a Draft Proposal DP090 becomes MP090). */
  convertsReference?: boolean;
  facts: readonly FactDef[];
  /** The stage it leads to; null when the proposal stays where it is. */
  leadsTo(context: {
    proposal: ProposalContext;
    facts: Readonly<Record<string, string>>;
    state: LifecycleState<S>;
  }): S | null;
  /**
   * A rule beyond stage and facts (a consultation must be open to close it...): the refusal's reason, or null.
   * `step` is undefined when listing what may happen now: answer for the event in general.
   */
  guard?(context: {
    proposal: ProposalContext;
    step: LifecycleEvent | undefined;
    state: LifecycleState<S>;
  }): string | null;
}

export interface PathDef {
  slug: string;
  label: string;
  /** Whether the Change Board's vote decides (Self-Governance) or recommends to the Authority. */
  changeBoardDecides: boolean;
}

export interface LifecycleRules<S extends string = string> {
  /** In process order. */
  stages: readonly StageDef<S>[];
  events: readonly EventDef<S>[];
  paths: readonly PathDef[];
  initialStage: S;
}
