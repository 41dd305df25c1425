// Who writes and agrees problem statements, and the proposal they act on: what write-problem-statement-version.ts
// and agree-problem-statement.ts share. A signed-in user must be of the administrator's staff
// (canEditProposals) and able to see the proposal; the command line acts for the administrator and sees every
// proposal. The proposal is locked for the rest of the caller's transaction, so versions are numbered in turn
// and an agreement and a conversion cannot interleave (the transition use case locks the same row).
import { findVisibleProposalByReferences } from '../db/proposals.repository.ts';
import { lockProposalForProblemStatement } from '../db/problem-statements.repository.ts';
import type { Db } from '../db/connect.ts';
import { canEditProposals } from '../domain/access/can.ts';
import { parseIsoDate } from '../domain/calendar/iso-date.ts';
import { viewerOf, type ViewerSource } from '../domain/access/visibility.ts';
import { candidateReferences } from '../domain/proposals/proposal-reference.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { ProblemStatementForbiddenError } from './problem-statement.errors.ts';
import { ProposalNotFoundError } from './transition-proposal.ts';

/** A signed-in member of staff (the audit names them), or a name for one who is not signed in (the CLI: 'cli'). */
export type ProblemStatementWriter = { user: ViewerSource } | { actor: string };

/** A real calendar date as YYYY-MM-DD. */
export function isRealDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

/** The audit record's actor. */
export const auditActorOf = (writer: ProblemStatementWriter): string =>
  'user' in writer ? `user:${writer.user.id}` : writer.actor;

/** The proposal `writer` may act on, locked; throws when they may not write, or may not see it. */
export async function lockProposalForWriter(
  tx: Db,
  rules: RulesPack,
  reference: string,
  writer: ProblemStatementWriter,
  what: string,
) {
  const references = candidateReferences(rules.register, reference);
  const notFound = () =>
    new ProposalNotFoundError(`There is no proposal ${reference} in the ${rules.id} register.`);
  if ('user' in writer) {
    if (!canEditProposals(writer.user))
      throw new ProblemStatementForbiddenError(
        `Only the code administrator’s staff (administrators and analysts) can ${what}.`,
      );
    const visible = await findVisibleProposalByReferences(
      tx,
      { codeId: rules.id, viewer: viewerOf(writer.user) },
      references,
    );
    const found = visible.find((r) => r.reference === references[0]) ?? visible[0];
    if (!found) throw notFound();
    const locked = await lockProposalForProblemStatement(tx, rules.id, [found.reference]);
    if (!locked) throw notFound();
    return locked;
  }
  const locked = await lockProposalForProblemStatement(tx, rules.id, references);
  if (!locked) throw notFound();
  return locked;
}
