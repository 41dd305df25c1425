// The errors of the problem statement use cases, each with a stable code and an HTTP status. A proposal that is
// not there (or hidden from the user) is transition-proposal.ts's ProposalNotFoundError, as everywhere.

/** The fields a problem statement form or command names: the four sections, the date, the versions. */
export type ProblemStatementField =
  'issue' | 'impacts' | 'doNothing' | 'context' | 'on' | 'version' | 'from' | 'to';

export interface ProblemStatementProblem {
  field: ProblemStatementField;
  message: string;
}

/** The input will not do: every problem found, each naming its field, in the order the form asks. */
export class ProblemStatementInputError extends Error {
  readonly code = 'problem_statement.invalid';
  readonly status = 400;
  override name = 'ProblemStatementInputError';
  constructor(readonly problems: readonly ProblemStatementProblem[]) {
    super(problems.map((p) => p.message).join(' '));
  }
}

/** Only the administrator's staff write and agree problem statements. */
export class ProblemStatementForbiddenError extends Error {
  readonly code = 'problem_statement.forbidden';
  readonly status = 403;
  override name = 'ProblemStatementForbiddenError';
}

/** Not now: the proposal is past its Draft Proposal stage, or the version is not the latest or already agreed. */
export class ProblemStatementRefusedError extends Error {
  readonly code = 'problem_statement.not_allowed_now';
  readonly status = 409;
  override name = 'ProblemStatementRefusedError';
}
