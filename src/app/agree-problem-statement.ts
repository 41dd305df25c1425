// Records that the committee which agrees problem statements (the SEC's Change Sub-Committee) agreed a version of
// a Draft Proposal's problem statement on a date. Staff record it (or the command line); only the latest version
// can be agreed, once, while the proposal is a Draft Proposal. The conversion then becomes possible: the
// lifecycle's `converted` guard reads the latest version's status (see transition-proposal.ts).
//
// One transaction: the version is marked agreed (on the date, by the committee), the proposal's own problem
// statement becomes the agreed sections joined under their headings (what the register shows and searches, and
// papers quote), and one audit record `problem_statement.agreed` holds the before and after of both.
import { appendChainedAuditEvents } from '../db/audit.repository.ts';
import type { Db } from '../db/connect.ts';
import {
  findCommitteeByRef,
  listProblemStatementVersions,
  markProblemStatementVersionAgreed,
  setProposalProblemStatement,
} from '../db/problem-statements.repository.ts';
import { joinSections, problemStatementRules, sectionsOf } from '../domain/proposals/problem-statement.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import {
  ProblemStatementInputError,
  ProblemStatementRefusedError,
  type ProblemStatementProblem,
} from './problem-statement.errors.ts';
import {
  auditActorOf,
  isRealDate,
  lockProposalForWriter,
  type ProblemStatementWriter,
} from './problem-statement-writer.ts';

export interface AgreeProblemStatementInput {
  /** DP090 (or MP090). */
  reference: string;
  version: number;
  /** The day the committee agreed it, YYYY-MM-DD. */
  on: string;
  by: ProblemStatementWriter;
}

export interface AgreeProblemStatementResult {
  reference: string;
  version: number;
  /** The committee that agreed it, by reference (CSC). */
  committee: string;
}

export async function agreeProblemStatement(
  deps: { db: Db; rules: RulesPack; today: () => string },
  input: AgreeProblemStatementInput,
): Promise<AgreeProblemStatementResult> {
  const { db, rules } = deps;
  return db.transaction(async (tx) => {
    const proposal = await lockProposalForWriter(
      tx,
      rules,
      input.reference,
      input.by,
      'record the agreement of a problem statement',
    );
    const { stages, committee: committeeRef } = problemStatementRules(rules.lifecycle);
    if (!stages.includes(proposal.stage))
      throw new ProblemStatementRefusedError(
        `${proposal.reference} is not a Draft Proposal now: its problem statement can no longer be agreed.`,
      );

    const versions = await listProblemStatementVersions(tx, proposal.id);
    const chosen = versions.find((v) => v.version === input.version);
    const latest = versions[versions.length - 1];
    if (!chosen || !latest)
      throw new ProblemStatementInputError([
        {
          field: 'version',
          message: versions.length
            ? `There is no version ${input.version} of ${proposal.reference}’s problem statement: it has versions 1 to ${versions.length}.`
            : `${proposal.reference}’s problem statement has no versions yet.`,
        },
      ]);
    if (chosen.status === 'agreed')
      throw new ProblemStatementRefusedError(
        `Version ${chosen.version} of ${proposal.reference}’s problem statement is already agreed, on ${chosen.agreedOn ?? 'a date not recorded'}.`,
      );
    if (chosen.version !== latest.version)
      throw new ProblemStatementRefusedError(
        `Only the latest version of ${proposal.reference}’s problem statement, version ${latest.version}, can be agreed.`,
      );

    const problems: ProblemStatementProblem[] = [];
    if (!isRealDate(input.on))
      problems.push({ field: 'on', message: 'The date agreed must be a real date.' });
    else if (input.on > deps.today())
      problems.push({ field: 'on', message: 'The date agreed cannot be in the future.' });
    else if (input.on < chosen.writtenOn)
      problems.push({
        field: 'on',
        message: `The date agreed cannot be before version ${chosen.version} was written, on ${chosen.writtenOn}.`,
      });
    if (problems.length > 0) throw new ProblemStatementInputError(problems);

    const committee = committeeRef ? await findCommitteeByRef(tx, rules.id, committeeRef) : null;
    if (!committee)
      throw new ProblemStatementRefusedError(
        `The ${rules.id} register has no committee ${committeeRef ?? 'that converts proposals'} to agree problem statements: import it first.`,
      );

    const text = joinSections(sectionsOf(chosen.sections));
    await markProblemStatementVersionAgreed(tx, chosen.id, {
      agreedOn: input.on,
      agreedByCommitteeId: committee.id,
    });
    const textChanged = text !== (proposal.problemStatement ?? '');
    if (textChanged) await setProposalProblemStatement(tx, proposal.id, text);
    await appendChainedAuditEvents(tx, [
      {
        actor: auditActorOf(input.by),
        action: 'problem_statement.agreed',
        subjectType: 'proposal',
        subjectId: String(proposal.id),
        before: {
          version: chosen.version,
          status: chosen.status,
          ...(textChanged ? { problemStatement: proposal.problemStatement } : {}),
        },
        after: {
          version: chosen.version,
          status: 'agreed',
          on: input.on,
          by: committee.ref,
          ...(textChanged ? { problemStatement: text } : {}),
        },
      },
    ]);
    return { reference: proposal.reference, version: chosen.version, committee: committee.ref };
  });
}
