// The one way a proposal's stage changes after it is in the register. It checks the event against the
// lifecycle table (through the engine), records the event and the new stage, and appends the audit record,
// all in one transaction. The web, the API and the CLI all call this; the import replays histories through
// the same engine and writes its own audit record (see import-register.ts).
import type { Db } from '../db/connect.ts';
import { findLatestProblemStatementVersion } from '../db/problem-statements.repository.ts';
import * as repo from '../db/transitions.repository.ts';
import { applyEvent, findEvent, replayHistory } from '../domain/lifecycle/lifecycle-engine.ts';
import type { Actor, LifecycleEvent } from '../domain/lifecycle/lifecycle.models.ts';
import { problemStatementFact } from '../domain/proposals/problem-statement.ts';
import { candidateReferences, parseReference } from '../domain/proposals/proposal-reference.ts';
import type { RulesPack } from '../domain/rules-pack.ts';

export class ProposalNotFoundError extends Error {
  readonly code = 'proposal.not_found';
  readonly status = 404;
}

export class TransitionRefusedError extends Error {
  readonly code = 'proposal.invalid_transition';
  readonly status = 409;
  constructor(
    message: string,
    readonly stage: string | null,
    readonly allowed: readonly string[],
  ) {
    super(message);
  }
}

/** A fact that names something the register does not hold (a release, a committee). */
export class TransitionInputError extends Error {
  readonly code = 'proposal.invalid_event';
  readonly status = 400;
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export interface TransitionInput {
  /** DP090 or MP090: either finds the proposal. */
  reference: string;
  event: string;
  /** The date it happened, YYYY-MM-DD. */
  on: string;
  /** The committee that made it happen. */
  by?: string | undefined;
  facts?: Readonly<Record<string, string>> | undefined;
  /** The lifecycle actor the event is recorded as (the table's "who may record it"). */
  actor: Actor;
  /** Who, for the audit record, when no signed-in user records it (the CLI: a name or an e-mail). */
  actorName?: string | undefined;
  /**
   * The signed-in user recording it, acting as `actor` (see recordProposalEvent, which checks that they may).
   * The audit record then names the user (`user:<id>`) and keeps the actor as `as`.
   */
  userId?: number | undefined;
}

export interface TransitionResult {
  reference: string;
  previousReference: string;
  stage: string;
  previousStage: string;
}

/** The audit record's actor: the signed-in user, else the actor kind with its name when given. */
function auditActor(input: TransitionInput): string {
  if (input.userId !== undefined) return `user:${input.userId}`;
  return input.actorName ? `${input.actor}:${input.actorName}` : input.actor;
}

export async function transitionProposal(
  deps: { db: Db; rules: RulesPack },
  input: TransitionInput,
): Promise<TransitionResult> {
  const { db, rules } = deps;
  return db.transaction(async (tx) => {
    const proposal = await repo.lockProposalByReferences(
      tx,
      rules.id,
      candidateReferences(rules.register, input.reference),
    );
    if (!proposal)
      throw new ProposalNotFoundError(`There is no proposal ${input.reference} in the ${rules.id} register.`);
    const parsed = parseReference(rules, proposal.reference);
    const context = { path: proposal.path, alternative: Boolean(parsed?.letter) };

    const history: LifecycleEvent[] = await repo.listHistoryForReplay(tx, proposal.id);
    // What is stored was allowed when it was recorded: replay it as such.
    const replay = replayHistory(rules.lifecycle, context, history, 'import');
    if (!replay.ok)
      throw new Error(
        `${proposal.reference}: the stored history no longer replays (event ${replay.index + 1}: ${replay.message})`,
      );

    const step: LifecycleEvent = { event: input.event, on: input.on, by: input.by, facts: input.facts ?? {} };
    // the new step is checked against the problem statement as it stands now (the conversion needs it agreed)
    const now = {
      ...context,
      problemStatement: problemStatementFact(await findLatestProblemStatementVersion(tx, proposal.id)),
    };
    const result = applyEvent(rules.lifecycle, now, replay.state, step, input.actor);
    if (!result.ok)
      throw new TransitionRefusedError(
        `${proposal.reference}: ${result.message}`,
        result.stage,
        result.allowed,
      );

    const byCommitteeId = input.by ? await repo.findCommitteeId(tx, rules.id, input.by) : null;
    if (input.by && byCommitteeId === null)
      throw new TransitionInputError(`There is no committee ${input.by}.`, 'by');
    const { release, ...facts } = step.facts;
    const releaseId = release ? await repo.findReleaseId(tx, rules.id, release) : null;
    if (release && releaseId === null)
      throw new TransitionInputError(`There is no release ${release}.`, 'release');

    const stage = result.state.stage ?? proposal.stage;
    // A Draft Proposal keeps its number when it converts: DP090 becomes MP090.
    const reference =
      parsed?.prefix === rules.register.draftPrefix &&
      findEvent(rules.lifecycle, input.event)?.convertsReference
        ? `${rules.register.convertedPrefix}${parsed.digits}${parsed.letter}`
        : proposal.reference;

    await repo.appendProposalEvent(tx, {
      proposalId: proposal.id,
      on: input.on,
      event: input.event,
      byCommitteeId,
      releaseId,
      facts,
    });
    await repo.setProposalStage(tx, proposal.id, { stage, reference });
    await repo.appendAuditEvent(tx, {
      actor: auditActor(input),
      action: 'proposal.transitioned',
      subjectType: 'proposal',
      subjectId: String(proposal.id),
      before: { reference: proposal.reference, stage: proposal.stage },
      after: {
        reference,
        stage,
        event: input.event,
        on: input.on,
        ...(input.by ? { by: input.by } : {}),
        ...(input.userId === undefined ? {} : { as: input.actor }),
        ...step.facts,
      },
    });
    return { reference, previousReference: proposal.reference, stage, previousStage: proposal.stage };
  });
}
