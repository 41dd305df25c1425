// Queries for the release schedule: a code's releases, and the proposals each carries (history events that name
// the release: implemented in it, or any event a code records against a release). Queries only; the proposals
// are filtered by the one policy condition (visibleProposalsCondition), so a hidden proposal is never read.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { visibleProposalsCondition, type VisibleScope } from './proposals.repository.ts';
import type { Tx } from './register.repository.ts';
import { proposalEvents, proposals, releases } from './schema.ts';

const releaseColumns = {
  id: releases.id,
  ref: releases.ref,
  name: releases.name,
  date: releases.date,
  codeVersion: releases.codeVersion,
};

/** Every release of the code, in date order. */
export async function listCodeReleases(db: Tx, codeId: string) {
  return db
    .select(releaseColumns)
    .from(releases)
    .where(eq(releases.codeId, codeId))
    .orderBy(asc(releases.date), asc(releases.ref));
}

export async function findReleaseByRef(db: Tx, codeId: string, ref: string) {
  const rows = await db
    .select(releaseColumns)
    .from(releases)
    .where(and(eq(releases.codeId, codeId), eq(releases.ref, ref)));
  return rows[0] ?? null;
}

/** The events naming any of these releases, of the proposals the viewer may see, in history order. */
export async function listVisibleReleaseEvents(db: Tx, scope: VisibleScope, releaseIds: readonly number[]) {
  if (releaseIds.length === 0) return [];
  return db
    .select({
      releaseId: proposalEvents.releaseId,
      reference: proposals.reference,
      title: proposals.title,
      stage: proposals.stage,
      event: proposalEvents.event,
      on: proposalEvents.on,
    })
    .from(proposalEvents)
    .innerJoin(proposals, eq(proposals.id, proposalEvents.proposalId))
    .where(and(visibleProposalsCondition(scope), inArray(proposalEvents.releaseId, [...releaseIds])))
    .orderBy(asc(proposals.number), asc(proposals.reference), asc(proposalEvents.seq));
}
