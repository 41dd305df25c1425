// One release of the schedule, with the proposals in it that the viewer may see; null for a release the register
// does not hold.
import type { Db } from '../db/connect.ts';
import { findReleaseByRef } from '../db/releases.repository.ts';
import type { Viewer } from '../domain/access/visibility.ts';
import type { RulesPack } from '../domain/rules-pack.ts';
import { releasesWithProposals, type ReleaseSummary } from './list-releases.ts';

export async function getRelease(
  deps: { db: Db; rules: RulesPack; today: () => string },
  input: { viewer: Viewer; ref: string },
): Promise<ReleaseSummary | null> {
  const { db, rules } = deps;
  const release = await findReleaseByRef(db, rules.id, input.ref);
  if (!release) return null;
  const [summary] = await releasesWithProposals(
    { db, rules },
    { viewer: input.viewer, releases: [release], today: deps.today() },
  );
  return summary ?? null;
}
