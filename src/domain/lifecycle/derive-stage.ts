import type { LifecycleEvent, LifecycleRules } from './lifecycle.models.ts';

/**
 * The stage a history leads to, event by event. This is the plain fold; the guard that refuses an event
 * not allowed in the current stage belongs to the transition rules (see the lifecycle issue).
 * Returns null for an empty history.
 */
export function deriveStage(
  rules: LifecycleRules,
  path: string | null,
  history: readonly LifecycleEvent[],
): string | null {
  let stage: string | null = null;
  for (const step of history) {
    const def = rules.events.find((e) => e.slug === step.event);
    if (!def) throw new Error(`Unknown event "${step.event}"`);
    stage = def.leadsTo({ path, facts: step.facts, stage }) ?? stage;
  }
  return stage;
}
