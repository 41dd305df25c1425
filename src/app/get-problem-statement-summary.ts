// What the proposal page says of its problem statement versions: how many there are and the latest (a draft, or
// agreed on a date by a committee), and whether more may be written. Null when the viewer may not see the
// proposal. The versions themselves are get-problem-statement-history.ts's.
import type { Db } from '../db/connect.ts';
import type { Viewer } from '../domain/access/visibility.ts';
import type { ProblemStatementStatus } from '../domain/proposals/problem-statement.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { getProblemStatementHistory } from './get-problem-statement-history.ts';

export interface ProblemStatementSummary {
  reference: string;
  /** The versions page. */
  href: string;
  count: number;
  latest: {
    version: number;
    status: ProblemStatementStatus;
    writtenOn: string;
    agreedOn: string | null;
    agreedBy: string | null;
  } | null;
  /** Versions may be written now: the proposal is a Draft Proposal. */
  open: boolean;
}

export async function getProblemStatementSummary(
  deps: { db: Db; rules: RulesPack },
  input: { viewer: Viewer; reference: string },
): Promise<ProblemStatementSummary | null> {
  const history = await getProblemStatementHistory(deps, input);
  if (!history) return null;
  const latest = history.latest;
  return {
    reference: history.reference,
    href: `/proposals/${encodeURIComponent(history.reference)}/problem-statement`,
    count: history.versions.length,
    latest: latest && {
      version: latest.version,
      status: latest.status,
      writtenOn: latest.writtenOn,
      agreedOn: latest.agreedOn,
      agreedBy: latest.agreedBy?.name ?? null,
    },
    open: history.open,
  };
}
