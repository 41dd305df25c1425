// The lifecycle engine: folds a proposal's history into its state, and decides whether an event may happen
// next. Pure; the one interpreter of a rules pack's lifecycle table. The transition use case and the import
// both go through it.
import type {
  Actor,
  EventDef,
  LifecycleEvent,
  LifecycleRules,
  LifecycleState,
  ProposalContext,
} from './lifecycle.models.ts';

export type RefusalCode =
  | 'lifecycle.unknown_event'
  | 'lifecycle.not_allowed_now'
  | 'lifecycle.not_allowed_for_actor'
  | 'lifecycle.bad_committee'
  | 'lifecycle.bad_fact'
  | 'lifecycle.out_of_order';

export interface Refusal {
  code: RefusalCode;
  message: string;
  /** The stage the proposal is in (null before its first event). */
  stage: string | null;
  /** The events allowed now, for this actor. */
  allowed: readonly string[];
}

export type StepResult<S extends string> = { ok: true; state: LifecycleState<S> } | ({ ok: false } & Refusal);

export function initialState<S extends string>(): LifecycleState<S> {
  return { stage: null, openConsultations: [], pendingRequests: [], steps: 0, lastOn: null };
}

export function findEvent<S extends string>(rules: LifecycleRules<S>, slug: string): EventDef<S> | undefined {
  return rules.events.find((e) => e.slug === slug);
}

export function stageLabel<S extends string>(rules: LifecycleRules<S>, stage: string | null): string {
  if (stage === null) return 'not yet raised';
  return rules.stages.find((s) => s.slug === stage)?.label ?? stage;
}

function happensIn<S extends string>(def: EventDef<S>, state: LifecycleState<S>): boolean {
  if (def.from === 'start') return state.stage === null;
  return state.stage !== null && def.from.includes(state.stage);
}

/** The events that may happen now, in table order; for one actor when given. */
export function allowedEvents<S extends string>(
  rules: LifecycleRules<S>,
  proposal: ProposalContext,
  state: LifecycleState<S>,
  actor?: Actor,
): EventDef<S>[] {
  return rules.events.filter(
    (def) =>
      happensIn(def, state) &&
      (actor === undefined || def.recordedBy.includes(actor)) &&
      def.guard?.({ proposal, state, step: undefined }) == null,
  );
}

/** Checks one event against the table and returns the state after it, or why it cannot happen. */
export function applyEvent<S extends string>(
  rules: LifecycleRules<S>,
  proposal: ProposalContext,
  state: LifecycleState<S>,
  step: LifecycleEvent,
  actor: Actor,
): StepResult<S> {
  const allowed = () => allowedEvents(rules, proposal, state, actor).map((e) => e.slug);
  const refuse = (code: RefusalCode, message: string): StepResult<S> => ({
    ok: false,
    code,
    message,
    stage: state.stage,
    allowed: allowed(),
  });
  const where = `in the stage "${stageLabel(rules, state.stage)}"`;
  const listAllowed = () => {
    const list = allowed();
    return list.length ? `allowed now: ${list.join(', ')}` : 'no event is allowed now';
  };

  const def = findEvent(rules, step.event);
  if (!def)
    return refuse(
      'lifecycle.unknown_event',
      `"${step.event}" is not an event of this code; ${listAllowed()}`,
    );
  if (!happensIn(def, state))
    return refuse(
      'lifecycle.not_allowed_now',
      def.from === 'start'
        ? `"${def.slug}" can only start a history; the proposal is already ${where}; ${listAllowed()}`
        : `"${def.slug}" cannot happen ${where}; ${listAllowed()}`,
    );
  if (!def.recordedBy.includes(actor))
    return refuse(
      'lifecycle.not_allowed_for_actor',
      `"${def.slug}" is recorded by ${def.recordedBy.join(' or ')}, not by ${actor}`,
    );
  if (state.lastOn !== null && step.on < state.lastOn)
    return refuse(
      'lifecycle.out_of_order',
      `${step.on} is before the previous event (${state.lastOn}): a history is in date order`,
    );

  if (step.by !== undefined && !def.by?.committees.includes(step.by))
    return refuse(
      'lifecycle.bad_committee',
      def.by
        ? `"${def.slug}" is made by ${def.by.committees.join(' or ')}, not ${step.by}`
        : `"${def.slug}" is not made by a committee (by: ${step.by})`,
    );
  if (step.by === undefined && def.by?.required)
    return refuse(
      'lifecycle.bad_committee',
      `"${def.slug}" needs the committee that made it: by ${def.by.committees.join(' or ')}`,
    );

  for (const name of Object.keys(step.facts))
    if (!def.facts.some((f) => f.name === name))
      return refuse(
        'lifecycle.bad_fact',
        `"${name}" is not a fact of "${def.slug}"${def.facts.length ? ` (it takes: ${def.facts.map((f) => f.name).join(', ')})` : ''}`,
      );
  for (const fact of def.facts) {
    const value = step.facts[fact.name];
    if (value === undefined) {
      if (fact.required) return refuse('lifecycle.bad_fact', `"${def.slug}" needs its ${fact.name}`);
      continue;
    }
    if (fact.values && !fact.values.includes(value))
      return refuse('lifecycle.bad_fact', `${fact.name} "${value}" is not one of: ${fact.values.join(', ')}`);
    if (fact.kind === 'date' && value < step.on)
      return refuse('lifecycle.bad_fact', `${fact.name} ${value} is before the event itself (${step.on})`);
  }
  const reason = def.guard?.({ proposal, state, step });
  if (reason != null) return refuse('lifecycle.not_allowed_now', `${reason}; ${listAllowed()}`);

  const next = def.leadsTo({ proposal, facts: step.facts, state }) ?? state.stage;
  const consultation = step.facts.consultation;
  return {
    ok: true,
    state: {
      stage: next,
      openConsultations:
        def.slug === 'consultation_opened' && consultation
          ? [...state.openConsultations, consultation]
          : def.slug === 'consultation_closed'
            ? state.openConsultations.filter((c) => c !== consultation)
            : state.openConsultations,
      pendingRequests: def.slug.endsWith('_requested')
        ? [...state.pendingRequests, def.slug]
        : def.slug.endsWith('_returned')
          ? state.pendingRequests.filter((r) => r !== def.slug.replace(/_returned$/, '_requested'))
          : state.pendingRequests,
      steps: state.steps + 1,
      lastOn: step.on,
    },
  };
}

export type ReplayResult<S extends string> =
  { ok: true; state: LifecycleState<S> } | ({ ok: false; index: number; state: LifecycleState<S> } & Refusal);

/** Replays a whole history; stops at the first event that cannot happen, giving its index. */
export function replayHistory<S extends string>(
  rules: LifecycleRules<S>,
  proposal: ProposalContext,
  history: readonly LifecycleEvent[],
  actor: Actor,
): ReplayResult<S> {
  let state = initialState<S>();
  for (const [index, step] of history.entries()) {
    const result = applyEvent(rules, proposal, state, step, actor);
    if (!result.ok) return { ...result, index, state };
    state = result.state;
  }
  return { ok: true, state };
}
