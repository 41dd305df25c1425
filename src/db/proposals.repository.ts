// Read queries for proposals: small and named, no rules. Every query takes the classifications the
// viewer may see (src/domain/access/visibility.ts decides them), so nothing hidden leaks into a page,
// a count or an API response.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from './connect.ts';
import {
  committees,
  organisations,
  people,
  proposalEvents,
  proposalImpacts,
  proposals,
  releases,
} from './schema.ts';

export interface VisibleScope {
  codeId: string;
  classifications: readonly string[];
}

const proposer = alias(people, 'proposer');
const proposerOrganisation = alias(organisations, 'proposer_organisation');
const leadAnalyst = alias(people, 'lead_analyst');
const leadAnalystOrganisation = alias(organisations, 'lead_analyst_organisation');

function isVisible(scope: VisibleScope) {
  // An empty list would be `in ()`: match nothing instead.
  if (scope.classifications.length === 0) return sql`false`;
  return and(
    eq(proposals.codeId, scope.codeId),
    inArray(proposals.classification, [...scope.classifications]),
  );
}

export async function countVisibleProposals(db: Db, scope: VisibleScope): Promise<number> {
  const rows = await db.select({ total: count() }).from(proposals).where(isVisible(scope));
  return rows[0]?.total ?? 0;
}

/**
 * One page of the register, oldest first: by raised date, then reference. The page's ids are chosen on
 * the proposals table alone, then joined to their people, so a deep page does not join the whole register.
 */
export async function listVisibleProposals(
  db: Db,
  scope: VisibleScope,
  page: { limit: number; offset: number },
) {
  const pageIds = db
    .select({ id: proposals.id })
    .from(proposals)
    .where(isVisible(scope))
    .orderBy(asc(proposals.raised), asc(proposals.reference))
    .limit(page.limit)
    .offset(page.offset)
    .as('page_ids');
  return db
    .select({
      reference: proposals.reference,
      title: proposals.title,
      stage: proposals.stage,
      path: proposals.path,
      raised: proposals.raised,
      classification: proposals.classification,
      proposer: { slug: proposer.slug, name: proposer.name },
      proposerOrganisation: {
        slug: proposerOrganisation.slug,
        name: proposerOrganisation.name,
        shortName: proposerOrganisation.shortName,
      },
    })
    .from(pageIds)
    .innerJoin(proposals, eq(proposals.id, pageIds.id))
    .innerJoin(proposer, eq(proposer.id, proposals.proposerId))
    .innerJoin(proposerOrganisation, eq(proposerOrganisation.id, proposer.organisationId))
    .orderBy(asc(proposals.raised), asc(proposals.reference));
}

export type ProposalListRow = Awaited<ReturnType<typeof listVisibleProposals>>[number];

/** The visible proposal whose reference is one of `references` (e.g. DP090 or MP090), with its people. */
export async function findVisibleProposalByReferences(
  db: Db,
  scope: VisibleScope,
  references: readonly string[],
) {
  if (references.length === 0) return [];
  return db
    .select({
      id: proposals.id,
      reference: proposals.reference,
      title: proposals.title,
      stage: proposals.stage,
      path: proposals.path,
      raised: proposals.raised,
      urgent: proposals.urgent,
      fastTrack: proposals.fastTrack,
      classification: proposals.classification,
      summary: proposals.summary,
      problemStatement: proposals.problemStatement,
      affectedDocuments: proposals.affectedDocuments,
      impactedParties: proposals.impactedParties,
      proposer: { slug: proposer.slug, name: proposer.name, kind: proposer.kind },
      proposerOrganisation: {
        slug: proposerOrganisation.slug,
        name: proposerOrganisation.name,
        shortName: proposerOrganisation.shortName,
      },
      leadAnalyst: { slug: leadAnalyst.slug, name: leadAnalyst.name, kind: leadAnalyst.kind },
      leadAnalystOrganisation: {
        slug: leadAnalystOrganisation.slug,
        name: leadAnalystOrganisation.name,
        shortName: leadAnalystOrganisation.shortName,
      },
    })
    .from(proposals)
    .innerJoin(proposer, eq(proposer.id, proposals.proposerId))
    .innerJoin(proposerOrganisation, eq(proposerOrganisation.id, proposer.organisationId))
    .leftJoin(leadAnalyst, eq(leadAnalyst.id, proposals.leadAnalystId))
    .leftJoin(leadAnalystOrganisation, eq(leadAnalystOrganisation.id, leadAnalyst.organisationId))
    .where(and(isVisible(scope), inArray(proposals.reference, [...references])));
}

export type ProposalRow = Awaited<ReturnType<typeof findVisibleProposalByReferences>>[number];

/** A proposal's anticipated impacts, one per committee, in committee order. */
export async function listProposalImpacts(db: Db, proposalId: number) {
  return db
    .select({
      committee: committees.ref,
      committeeName: committees.name,
      impactHeading: committees.impactHeading,
      text: proposalImpacts.text,
    })
    .from(proposalImpacts)
    .innerJoin(committees, eq(committees.id, proposalImpacts.committeeId))
    .where(eq(proposalImpacts.proposalId, proposalId))
    .orderBy(asc(committees.id));
}

/** A proposal's history, in the order it happened. */
export async function listProposalEvents(db: Db, proposalId: number) {
  return db
    .select({
      seq: proposalEvents.seq,
      on: proposalEvents.on,
      event: proposalEvents.event,
      by: committees.ref,
      byName: committees.name,
      release: releases.ref,
      releaseName: releases.name,
      facts: proposalEvents.facts,
    })
    .from(proposalEvents)
    .leftJoin(committees, eq(committees.id, proposalEvents.byCommitteeId))
    .leftJoin(releases, eq(releases.id, proposalEvents.releaseId))
    .where(eq(proposalEvents.proposalId, proposalId))
    .orderBy(asc(proposalEvents.seq));
}

export type ProposalEventRow = Awaited<ReturnType<typeof listProposalEvents>>[number];
