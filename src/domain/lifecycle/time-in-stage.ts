// How long proposals spend in each stage, from their histories. Pure.
//
// The method:
//   1. A proposal's history is replayed through the lifecycle engine (as the import would: actor 'import'),
//      event by event, so the stage after each event is the one the rules give, never a guess. A stay begins
//      on the date of the event that moves the proposal into a stage and ends on the date of the event that
//      moves it out. An event that leaves it where it is (a deferred vote, a consultation) does not end a stay.
//   2. Days are calendar days between the two dates (a stay begun and ended on one day is 0 days).
//   3. A stay whose start is not known is left out of the figures: the stay a declared stage begins (a register
//      loaded at a stage without its history: `stage_declared`, an event with a fact of kind "stage") and the
//      stay it ends (the proposal was not really in its first stage for those days). So is the rest of a history
//      the rules refuse (from the refused event on): its stays cannot be trusted.
//   4. A proposal that visits a stage more than once (sent back by the Authority) counts once for that stage,
//      with the days of its visits added up.
//   5. Figures for a stage come from the proposals that have left it: the median and the longest of their
//      days there. Proposals still in it are counted apart, with the longest time so far (to today), since an
//      unfinished stay is not a time spent in the stage. Final stages (rejected, withdrawn, implemented) have
//      no time spent in them and are not reported.
import { parseIsoDate } from '../calendar/iso-date.ts';
import { applyEvent, initialState } from './lifecycle-engine.ts';
import type { LifecycleEvent, LifecycleRules, LifecycleState, ProposalContext } from './lifecycle.models.ts';

/** One continuous stay of a proposal in a stage. */
export interface StageStay {
  stage: string;
  /** The date it entered the stage; null when that is not known (a declared stage). */
  from: string | null;
  /** The date it left; null while it is still there. */
  to: string | null;
}

/** One proposal's history, for the figures. */
export interface ProposalHistory {
  proposal: ProposalContext;
  /** In the order it happened. */
  history: readonly LifecycleEvent[];
}

export interface StageTime {
  stage: string;
  label: string;
  /** Proposals that have been in the stage and left it, with a known start. */
  left: number;
  /** The median of their days in the stage (null when none has left it). */
  medianDays: number | null;
  /** The longest of their days in the stage (null when none has left it). */
  longestDays: number | null;
  /** Proposals in the stage now, whose entry date is known. */
  stillIn: number;
  /** The longest that one of those has been there so far, to today (null when none). */
  longestSoFarDays: number | null;
}

const declaresStage = <S extends string>(rules: LifecycleRules<S>, slug: string): boolean =>
  rules.events.find((e) => e.slug === slug)?.facts.some((f) => f.kind === 'stage') ?? false;

/**
 * A proposal's stays, in order, by replaying its history. A stay ended by a declared stage or by a refused event
 * has `to` set and `from` null: it happened, but how long it took is not known.
 */
export function listStageStays<S extends string>(
  rules: LifecycleRules<S>,
  proposal: ProposalContext,
  history: readonly LifecycleEvent[],
): StageStay[] {
  const stays: StageStay[] = [];
  let state: LifecycleState<S> = initialState<S>();
  for (const step of history) {
    const result = applyEvent(rules, proposal, state, step, 'import');
    const current = stays[stays.length - 1];
    if (!result.ok) {
      // the rules refuse the rest of this history: the stay it was in has no trustworthy end
      if (current) stays[stays.length - 1] = { ...current, from: null, to: step.on };
      return stays;
    }
    const next = result.state.stage;
    if (next !== null && next !== state.stage) {
      const declared = declaresStage(rules, step.event);
      if (current)
        stays[stays.length - 1] = { ...current, from: declared ? null : current.from, to: step.on };
      stays.push({ stage: next, from: declared ? null : step.on, to: null });
    }
    state = result.state;
  }
  return stays;
}

const daysBetween = (from: string, to: string): number => parseIsoDate(to) - parseIsoDate(from);

/** The middle value of a list of numbers (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

/** Time spent in each stage that is not final, in lifecycle order, over the given proposals (method above). */
export function summariseTimeInStage<S extends string>(
  rules: LifecycleRules<S>,
  proposals: readonly ProposalHistory[],
  today: string,
): StageTime[] {
  const left = new Map<string, number[]>();
  const stillIn = new Map<string, number[]>();
  for (const { proposal, history } of proposals) {
    // per stage: the days of this proposal's stays, unless one of them is unknown
    const days = new Map<string, number | null>();
    let currentStage: string | null = null;
    for (const stay of listStageStays(rules, proposal, history)) {
      const before = days.has(stay.stage) ? days.get(stay.stage) : 0;
      const end = stay.to ?? today;
      const length = stay.from === null || before == null ? null : Math.max(0, daysBetween(stay.from, end));
      days.set(stay.stage, length === null || before == null ? null : before + length);
      if (stay.to === null) currentStage = stay.stage;
    }
    for (const [stage, total] of days) {
      if (total === null) continue;
      const into = stage === currentStage ? stillIn : left;
      into.set(stage, [...(into.get(stage) ?? []), total]);
    }
  }
  return rules.stages
    .filter((s) => !s.final)
    .map((s) => {
      const done = left.get(s.slug) ?? [];
      const open = stillIn.get(s.slug) ?? [];
      return {
        stage: s.slug,
        label: s.label,
        left: done.length,
        medianDays: median(done),
        longestDays: done.length ? Math.max(...done) : null,
        stillIn: open.length,
        longestSoFarDays: open.length ? Math.max(...open) : null,
      };
    });
}
