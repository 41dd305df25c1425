// Raising a Draft Proposal: who may raise it is the code's rule (SEC D1.3, as data), checked before anything is
// written; the proposal takes the next number, starts its history with `raised`, and the audit log records it.
// `raiseProposal` runs in its own transaction (the CLI); `raiseProposalInTransaction` runs in the caller's, for
// a use case that writes more in the same transaction (submitting a saved draft marks the draft raised).
import type { Db } from '../db/connect.ts';
import {
  findHighestNumber,
  findPersonWithOrganisation,
  insertRaisedProposal,
} from '../db/raise.repository.ts';
import type { Tx } from '../db/register.repository.ts';
import { appendAuditEvent } from '../db/transitions.repository.ts';
import { checkEligibility } from '../domain/eligibility/check-eligibility.ts';
import type { ProposalKind } from '../domain/eligibility/eligibility.models.ts';
import { applyEvent, initialState } from '../domain/lifecycle/lifecycle-engine.ts';
import type { Actor } from '../domain/lifecycle/lifecycle.models.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

export class NotEligibleError extends Error {
  readonly code = 'proposal.not_eligible';
  readonly status = 403;
  constructor(
    message: string,
    readonly rule: string | null,
  ) {
    super(message);
  }
}

export class RaiseInputError extends Error {
  readonly code = 'proposal.invalid';
  readonly status = 400;
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export interface RaiseInput {
  /** The person raising it, by id (their organisation decides who may raise). */
  proposer: string;
  title: string;
  summary?: string | undefined;
  /** The problem as the proposer states it (Markdown); the Development Stage works on it. */
  problemStatement?: string | undefined;
  kind?: ProposalKind | undefined;
  /** Where the code asks for one (the Authority: european_compliance or significant_code_review). */
  reason?: { code?: string; text?: string } | undefined;
  /** Acting as the Panel, where the proposer's organisation does so. */
  role?: string | undefined;
  raised: string;
  classification?: string | undefined;
  actor: Actor;
  /**
   * The signed-in user raising it, acting as `actor` (the web form). The audit record then names the user
   * (`user:<id>`) and keeps the actor as `as`.
   */
  userId?: number | undefined;
}

export async function raiseProposal(
  deps: { db: Db; rules: RulesPack },
  input: RaiseInput,
): Promise<{ reference: string; rule: string }> {
  const { db, rules } = deps;
  const raised = await db.transaction((tx) => raiseProposalInTransaction(tx, rules, input));
  return { reference: raised.reference, rule: raised.rule };
}

/** Raises it inside the caller's transaction; returns the new proposal's id with its reference and rule. */
export async function raiseProposalInTransaction(
  tx: Tx,
  rules: RulesPack,
  input: RaiseInput,
): Promise<{ id: number; reference: string; rule: string }> {
  if (!input.title.trim()) throw new RaiseInputError('Enter a title for the proposal.', 'title');
  const classification = input.classification ?? 'white';
  if (!rules.register.classifications.some((c) => c.slug === classification))
    throw new RaiseInputError(
      `"${classification}" is not a classification of the ${rules.id}.`,
      'classification',
    );

  const proposer = await findPersonWithOrganisation(tx, input.proposer);
  if (!proposer)
    throw new RaiseInputError(`There is no person "${input.proposer}" in the register.`, 'proposer');
  const kind = input.kind ?? 'normal';
  const decision = checkEligibility(rules.eligibility, {
    organisation: { id: proposer.organisation.slug, category: proposer.organisation.category },
    kind,
    ...(input.role ? { role: input.role } : {}),
    ...(input.reason ? { reason: input.reason } : {}),
  });
  if (!decision.allowed) throw new NotEligibleError(decision.message, decision.rule?.citation ?? null);

  const reason = decision.recordedReason
    ? [decision.recordedReason.label, decision.recordedReason.text].filter(Boolean).join(': ')
    : '';
  const raised = { event: 'raised', on: input.raised, facts: reason ? { reason } : {} };
  const step = applyEvent(
    rules.lifecycle,
    { path: null, alternative: false },
    initialState(),
    raised,
    input.actor,
  );
  if (!step.ok) throw new NotEligibleError(step.message, null);

  const number = (await findHighestNumber(tx, rules.id)) + 1;
  const reference = `${rules.register.draftPrefix}${String(number).padStart(3, '0')}`;
  const id = await insertRaisedProposal(
    tx,
    {
      codeId: rules.id,
      reference,
      number,
      title: input.title.trim(),
      proposerId: proposer.id,
      raised: input.raised,
      stage: step.state.stage ?? rules.lifecycle.initialStage,
      urgent: kind === 'urgent',
      fastTrack: kind === 'fast_track',
      classification,
      summary: input.summary ?? null,
      problemStatement: input.problemStatement ?? null,
    },
    { on: input.raised, event: 'raised', facts: raised.facts },
  );
  await appendAuditEvent(tx, {
    actor: input.userId === undefined ? input.actor : `user:${input.userId}`,
    action: 'proposal.raised',
    subjectType: 'proposal',
    subjectId: String(id),
    before: null,
    after: {
      reference,
      title: input.title.trim(),
      proposer: input.proposer,
      kind,
      rule: decision.rule.citation,
      ...(reason ? { reason } : {}),
      ...(input.userId === undefined ? {} : { as: input.actor }),
    },
  });
  return { id, reference, rule: decision.rule.citation };
}
