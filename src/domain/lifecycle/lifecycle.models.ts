// The shape of a code's lifecycle rules. A rules pack (src/codes/<code>/) fills it in as data.

export interface StageDef {
  slug: string;
  label: string;
  /** A stage a proposal does not leave (decided, withdrawn, implemented). */
  final: boolean;
}

/** One recorded step. `facts` carries the event's own facts: outcome, consultation kind, closing date... */
export interface LifecycleEvent {
  event: string;
  on: string;
  facts: Readonly<Record<string, string>>;
}

export interface EventDef {
  slug: string;
  label: string;
  /** The stage the event leads to, given the proposal's path and the event's facts; null when it stays put. */
  leadsTo(context: {
    path: string | null;
    facts: Readonly<Record<string, string>>;
    stage: string | null;
  }): string | null;
  /** Facts the event may carry in the interchange format, beyond `on`, `event` and `by`. */
  facts: readonly string[];
}

export interface LifecycleRules {
  stages: readonly StageDef[];
  events: readonly EventDef[];
  paths: readonly { slug: string; label: string }[];
  initialStage: string;
}
