// Read queries for the register's filter panel: what the register can be narrowed to. Values that come from
// proposals (proposer organisations, affected documents) come only from proposals the viewer may see, through
// the policy's one condition (visibleProposalsCondition), so a choice never gives a hidden proposal away.
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './connect.ts';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { visibleProposalsCondition, type VisibleScope } from './proposals.repository.ts';
import { committees, organisations, people, proposals, releases } from './schema.ts';

const qb = new QueryBuilder();

/** The organisations that proposed a proposal the viewer may see, by name. */
export async function listVisibleProposerOrganisations(db: Db, scope: VisibleScope) {
  // ids first (one pass over proposals, no join per row), then the few organisations they name
  const proposerIds = qb
    .selectDistinct({ id: proposals.proposerId })
    .from(proposals)
    .where(visibleProposalsCondition(scope));
  const organisationIds = qb
    .select({ id: people.organisationId })
    .from(people)
    .where(inArray(people.id, proposerIds));
  return db
    .select({ slug: organisations.slug, name: organisations.name, shortName: organisations.shortName })
    .from(organisations)
    .where(inArray(organisations.id, organisationIds))
    .orderBy(asc(organisations.name), asc(organisations.slug));
}

/** The documents named as affected by a proposal the viewer may see, in byte order. */
export async function listVisibleAffectedDocuments(db: Db, scope: VisibleScope): Promise<string[]> {
  const document = sql<string>`unnest(${proposals.affectedDocuments})`;
  const rows = await db
    .selectDistinct({ document: document.as('document') })
    .from(proposals)
    .where(visibleProposalsCondition(scope));
  return rows.map((r) => r.document).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A code's committees (not classified), by reference. */
export async function listCodeCommittees(db: Db, codeId: string) {
  return db
    .select({ ref: committees.ref, name: committees.name })
    .from(committees)
    .where(eq(committees.codeId, codeId))
    .orderBy(asc(committees.ref));
}

/** A code's releases (not classified), newest first. */
export async function listCodeReleases(db: Db, codeId: string) {
  return db
    .select({ ref: releases.ref, name: releases.name, date: releases.date })
    .from(releases)
    .where(eq(releases.codeId, codeId))
    .orderBy(desc(releases.date), desc(releases.ref));
}

/** Which of these organisation slugs exist. */
export async function findOrganisationSlugs(db: Db, slugs: readonly string[]): Promise<Set<string>> {
  if (slugs.length === 0) return new Set();
  const rows = await db
    .select({ slug: organisations.slug })
    .from(organisations)
    .where(inArray(organisations.slug, [...slugs]));
  return new Set(rows.map((r) => r.slug));
}
