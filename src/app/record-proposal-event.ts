// A signed-in user records a lifecycle event on a proposal (the proposal page's form and the API's POST). The
// policy decides whether they may and as which lifecycle actor (canRecordEvent: an analyst records a conversion
// on the Change Sub-Committee's behalf, a proposer withdraws their own proposal, Change Board members vote);
// the input is checked against the event's definition; then the one transition path records it, with the user
// in its audit record. Nothing the form or the request claims is trusted.
import type { Db } from '../db/connect.ts';
import { canRecordEvent } from '../domain/access/can.ts';
import { findEvent } from '../domain/lifecycle/lifecycle-engine.ts';
import type { EventDef, FactDef } from '../domain/lifecycle/lifecycle.models.ts';
import { parseIsoDate } from '../domain/calendar/iso-date.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { actingUserOf, findProposalForAction, type ActionUser } from './list-recordable-events.ts';
import {
  ProposalNotFoundError,
  TransitionInputError,
  transitionProposal,
  type TransitionResult,
} from './transition-proposal.ts';

/** The user may not record this event on this proposal now (not their role, or not at this stage). */
export class EventNotAllowedError extends Error {
  readonly code = 'event.not_allowed';
  readonly status = 403;
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** The input does not fit the event's definition: every problem found, each naming its field. */
export class EventInputError extends TransitionInputError {
  constructor(readonly problems: readonly { field: string; message: string }[]) {
    const [first = { message: 'The event is not valid.', field: 'event' }] = problems;
    super(first.message, first.field);
  }
}

export interface RecordProposalEventInput {
  user: ActionUser;
  /** DP090 or MP090. */
  reference: string;
  event: string;
  /** YYYY-MM-DD. */
  on: string;
  /** The committee that made it happen. */
  by?: string | undefined;
  facts?: Readonly<Record<string, string>> | undefined;
}

/** How a fact is named in a sentence ("Select the outcome"). */
const FACT_NAMES: Readonly<Record<FactDef['name'], string>> = {
  consultation: 'consultation',
  closes: 'closing date',
  outcome: 'outcome',
  release: 'release',
  stage: 'stage',
  reason: 'reason',
};

const isRealDate = (value: string) => {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
};

/** Checks the date, committee and facts against the event's definition: one problem per field, in form order. */
function checkEventInput(
  def: EventDef,
  input: RecordProposalEventInput,
  limits: { today: string; lastOn: string | null },
): void {
  const problems: { field: string; message: string }[] = [];
  const fail = (message: string, field: string) => {
    if (!problems.some((p) => p.field === field)) problems.push({ field, message });
  };

  if (input.by !== undefined && !def.by) fail(`“${def.label}” is not made by a committee.`, 'by');
  if (input.by !== undefined && def.by && !def.by.committees.includes(input.by))
    fail(`“${def.label}” is made by ${def.by.committees.join(' or ')}, not ${input.by}.`, 'by');
  if (input.by === undefined && def.by?.required)
    fail(`Choose the committee that made it: ${def.by.committees.join(' or ')}.`, 'by');

  const facts = input.facts ?? {};
  for (const name of Object.keys(facts))
    if (!def.facts.some((f) => f.name === name))
      fail(`“${def.label}” has no fact “${name}”.`, `facts.${name}`);
  for (const fact of def.facts) {
    const value = facts[fact.name];
    const field = `facts.${fact.name}`;
    const named = FACT_NAMES[fact.name];
    if (value === undefined) {
      if (fact.required) fail(`${fact.values ? 'Select' : 'Enter'} the ${named}.`, field);
      continue;
    }
    if (fact.values && !fact.values.includes(value))
      fail(`The ${named} must be one of: ${fact.values.join(', ')}.`, field);
    if (fact.kind === 'date') {
      if (!isRealDate(value)) fail(`The ${named} must be a real date.`, field);
      else if (value < input.on) fail(`The ${named} cannot be before the date it happened.`, field);
    }
  }

  if (!isRealDate(input.on)) fail('The date it happened must be a real date.', 'on');
  if (input.on > limits.today) fail('The date it happened cannot be in the future.', 'on');
  if (limits.lastOn !== null && input.on < limits.lastOn)
    fail(`The date it happened cannot be before the last event, on ${limits.lastOn}.`, 'on');
  if (problems.length > 0) throw new EventInputError(problems);
}

export async function recordProposalEvent(
  deps: { db: Db; rules: RulesPack; today: () => string },
  input: RecordProposalEventInput,
): Promise<TransitionResult> {
  const { rules } = deps;
  const proposal = await findProposalForAction(deps, input);
  if (!proposal)
    throw new ProposalNotFoundError(`There is no proposal ${input.reference} in the ${rules.id} register.`);

  const def = findEvent(rules.lifecycle, input.event);
  const decision = canRecordEvent(rules.lifecycle, actingUserOf(input.user), proposal.access, input.event);
  if (!decision.allowed || !def) {
    const reason =
      def && def.recordedBy.every((actor) => actor === 'import')
        ? `“${def.label}” is recorded only by an import of a register`
        : decision.allowed
          ? `"${input.event}" is not an event of this code`
          : decision.reason;
    throw new EventNotAllowedError(`You cannot record this on ${proposal.reference}: ${reason}.`, reason);
  }
  // a fact left blank is a fact not given
  const facts = Object.fromEntries(Object.entries(input.facts ?? {}).filter(([, value]) => value !== ''));
  checkEventInput(def, { ...input, facts }, { today: deps.today(), lastOn: proposal.access.state.lastOn });

  try {
    return await transitionProposal(deps, {
      reference: proposal.reference,
      event: input.event,
      on: input.on,
      by: input.by,
      facts,
      actor: decision.as,
      userId: input.user.id,
    });
  } catch (error) {
    // the release is one of the event's facts
    if (error instanceof TransitionInputError && error.field === 'release')
      throw new TransitionInputError(error.message, 'facts.release');
    throw error;
  }
}
