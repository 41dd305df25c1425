// Writes a new draft version of a Draft Proposal's problem statement: its four sections (the issue, its impacts,
// the impact of doing nothing, its context in the code), numbered one after the latest. Only while the proposal
// is a Draft Proposal (the stages it converts from), by the administrator's staff or the command line.
//
// One transaction: the proposal is found and locked, the input checked (every section written, a real date, not
// in the future, not before the latest version; something changed since the latest), the version stored, and one
// audit record `problem_statement.version_written` appended with the latest version before and the new one after.
// A new draft after an agreed version is allowed: the conversion then waits for the new one to be agreed.
import { appendChainedAuditEvents } from '../db/audit.repository.ts';
import type { Db } from '../db/connect.ts';
import {
  findLatestProblemStatementVersion,
  insertProblemStatementVersion,
} from '../db/problem-statements.repository.ts';
import {
  checkSections,
  normaliseSections,
  problemStatementRules,
  sameSections,
  sectionsOf,
  type ProblemStatementSection,
} from '../domain/proposals/problem-statement.ts';
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

export interface WriteProblemStatementVersionInput {
  /** DP090 (or MP090): either finds the proposal. */
  reference: string;
  /** Markdown each; line endings and the ends are normalised. */
  sections: Partial<Record<ProblemStatementSection, string | undefined>>;
  /** The day it was written, YYYY-MM-DD; default today. */
  on?: string | undefined;
  by: ProblemStatementWriter;
}

export interface WriteProblemStatementVersionResult {
  reference: string;
  version: number;
}

export async function writeProblemStatementVersion(
  deps: { db: Db; rules: RulesPack; today: () => string },
  input: WriteProblemStatementVersionInput,
): Promise<WriteProblemStatementVersionResult> {
  const { db, rules } = deps;
  const sections = normaliseSections(input.sections);
  const on = input.on ?? deps.today();

  return db.transaction(async (tx) => {
    const proposal = await lockProposalForWriter(
      tx,
      rules,
      input.reference,
      input.by,
      'write problem statements',
    );
    const { stages } = problemStatementRules(rules.lifecycle);
    if (!stages.includes(proposal.stage))
      throw new ProblemStatementRefusedError(
        `${proposal.reference} is not a Draft Proposal now: a problem statement is written only before the conversion.`,
      );

    const latest = await findLatestProblemStatementVersion(tx, proposal.id);
    const problems: ProblemStatementProblem[] = checkSections(sections);
    if (!isRealDate(on)) problems.push({ field: 'on', message: 'The date written must be a real date.' });
    else if (on > deps.today())
      problems.push({ field: 'on', message: 'The date written cannot be in the future.' });
    else if (latest && on < latest.writtenOn)
      problems.push({
        field: 'on',
        message: `The date written cannot be before version ${latest.version}’s, ${latest.writtenOn}.`,
      });
    if (problems.length === 0 && latest && sameSections(sectionsOf(latest.sections), sections))
      problems.push({
        field: 'issue',
        message: `This is what version ${latest.version} says: change at least one section.`,
      });
    if (problems.length > 0) throw new ProblemStatementInputError(problems);

    const version = (latest?.version ?? 0) + 1;
    const writtenBy = auditActorOf(input.by);
    await insertProblemStatementVersion(tx, {
      proposalId: proposal.id,
      version,
      sections: { ...sections },
      writtenOn: on,
      writtenBy,
    });
    await appendChainedAuditEvents(tx, [
      {
        actor: writtenBy,
        action: 'problem_statement.version_written',
        subjectType: 'proposal',
        subjectId: String(proposal.id),
        before: latest ? { version: latest.version, status: latest.status, sections: latest.sections } : null,
        after: { version, status: 'draft', on, sections: { ...sections } },
      },
    ]);
    return { reference: proposal.reference, version };
  });
}
