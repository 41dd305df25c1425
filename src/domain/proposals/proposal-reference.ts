import type { LifecycleEvent } from '../lifecycle/lifecycle.models.ts';
import type { RegisterVocabulary, RulesPack } from '../rules-pack.ts';
import { V1_EVENT_FACTS, type V1Event } from '../interchange/modgov-v1.models.ts';

export interface ProposalReference {
  prefix: string;
  digits: string;
  number: number;
  letter: string;
  /** The same for a Draft Proposal and the Modification Proposal it became: DP090 and MP090 share "MP090". */
  key: string;
}

export function parseReference(rules: RulesPack, reference: string): ProposalReference | null {
  const m = rules.register.proposalReference.exec(reference);
  if (!m) return null;
  const [, prefix = '', digits = '', letter = ''] = m;
  const series = prefix === rules.register.draftPrefix ? rules.register.convertedPrefix : prefix;
  return { prefix, digits, number: Number(digits), letter, key: `${series}${digits}${letter}` };
}

/** An interchange history step as a lifecycle event: its facts are everything but `on`, `event` and `by`. */
export function eventFacts(step: V1Event): LifecycleEvent {
  const facts: Record<string, string> = {};
  for (const f of V1_EVENT_FACTS) {
    const v = step[f];
    if (v !== undefined) facts[f] = v;
  }
  return { event: step.event, on: step.on, by: step.by, facts };
}

/**
 * The references that may name the proposal asked for, the one asked for first; empty if malformed.
 * A draft and the proposal it converted to are one (DP090, MP090); other series (SECMP) stand alone.
 */
export function candidateReferences(register: RegisterVocabulary, reference: string): string[] {
  const wanted = reference.trim().toUpperCase();
  const match = register.proposalReference.exec(wanted);
  if (!match) return [];
  const [, prefix = '', digits = '', letter = ''] = match;
  const { draftPrefix, convertedPrefix } = register;
  const other = prefix === draftPrefix ? convertedPrefix : prefix === convertedPrefix ? draftPrefix : null;
  return other ? [wanted, `${other}${digits}${letter}`] : [wanted];
}
