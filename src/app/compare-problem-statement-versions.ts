// Two versions of a proposal's problem statement compared, section by section, word by word (the words added and
// removed: src/domain/text/word-diff.ts), for a viewer who may see the proposal (null when they may not). Without
// versions named, the latest is compared with the one before it. A version it does not have is refused, naming
// the field (`from` or `to`).
import type { Db } from '../db/connect.ts';
import type { Viewer } from '../domain/access/visibility.ts';
import { compareSections, type SectionComparison } from '../domain/proposals/problem-statement.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import {
  getProblemStatementHistory,
  type ProblemStatementHistory,
  type ProblemStatementVersion,
} from './get-problem-statement-history.ts';
import { ProblemStatementInputError, type ProblemStatementProblem } from './problem-statement.errors.ts';

export interface ProblemStatementComparison {
  history: ProblemStatementHistory;
  /** Null when there is nothing to compare: no versions yet. */
  from: ProblemStatementVersion | null;
  to: ProblemStatementVersion | null;
  sections: SectionComparison[];
}

export async function compareProblemStatementVersions(
  deps: { db: Db; rules: RulesPack },
  input: { viewer: Viewer; reference: string; from?: number | undefined; to?: number | undefined },
): Promise<ProblemStatementComparison | null> {
  const history = await getProblemStatementHistory(deps, input);
  if (!history) return null;
  const latest = history.latest;
  if (!latest && input.from === undefined && input.to === undefined)
    return { history, from: null, to: null, sections: [] };

  const toNumber = input.to ?? latest?.version ?? 1;
  const fromNumber = input.from ?? Math.max(1, toNumber - 1);
  const find = (n: number) => history.versions.find((v) => v.version === n);
  const from = find(fromNumber);
  const to = find(toNumber);
  const problems: ProblemStatementProblem[] = [];
  const missing = (n: number) =>
    history.versions.length
      ? `There is no version ${n}: ${history.reference}’s problem statement has versions 1 to ${history.versions.length}.`
      : `${history.reference}’s problem statement has no versions yet.`;
  if (!from) problems.push({ field: 'from', message: missing(fromNumber) });
  if (!to) problems.push({ field: 'to', message: missing(toNumber) });
  if (!from || !to) throw new ProblemStatementInputError(problems);
  return { history, from, to, sections: compareSections(from.sections, to.sections) };
}
