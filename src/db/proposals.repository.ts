// Read queries for proposals: small and named, no rules. Every query takes the viewer and filters in SQL by
// the Panel Information Policy (canSee in src/domain/access/classification-policy.ts), through one condition
// (isVisible), so nothing hidden leaks into a page, a count or an API response.
import { and, asc, count, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias, QueryBuilder } from 'drizzle-orm/pg-core';
import { COMMITTEE_ROLES, STAFF_ROLES } from '../domain/access/can.ts';
import type { AccessViewer } from '../domain/access/classification-policy.ts';
import type { Db } from './connect.ts';
import {
  committees,
  organisations,
  people,
  proposalEvents,
  proposalImpacts,
  proposalRecipients,
  proposals,
  releases,
} from './schema.ts';

export interface VisibleScope {
  codeId: string;
  viewer: AccessViewer;
}

const proposer = alias(people, 'proposer');
const proposerOrganisation = alias(organisations, 'proposer_organisation');
const leadAnalyst = alias(people, 'lead_analyst');
const leadAnalystOrganisation = alias(organisations, 'lead_analyst_organisation');
const qb = new QueryBuilder();

/**
 * canSee, for proposals, as one SQL condition. A proposal names its proposer's organisation, the committees
 * it has impacts for (proposal_impacts) and its named recipients (proposal_recipients).
 *   white
 *   OR the viewer is a named recipient (the only way to see a Red proposal)
 *   OR green AND the viewer is of the community (an organisation, a committee seat, staff or the regulator)
 *   OR amber AND (the viewer is staff OR the proposer's organisation is the viewer's
 *                 OR the proposal has an impact for a committee the viewer sits on)
 */
function isVisible(scope: VisibleScope): SQL {
  const { viewer } = scope;
  const classified = (c: string) => eq(proposals.classification, c);
  const ofCode = eq(proposals.codeId, scope.codeId);
  if (viewer.kind === 'anonymous') return and(ofCode, classified('white')) as SQL;

  const holds = (roles: readonly string[]) => viewer.roles.some((r) => roles.includes(r.role));
  const staff = holds(STAFF_ROLES);
  const seats = [
    ...new Set(
      viewer.roles
        .filter((r) => (COMMITTEE_ROLES as readonly string[]).includes(r.role) && r.committee)
        .map((r) => r.committee as string),
    ),
  ];
  const community = viewer.organisationId !== null || seats.length > 0 || staff || holds(['regulator']);

  const needToKnow: SQL[] = [];
  if (viewer.organisationId !== null)
    needToKnow.push(
      inArray(
        proposals.proposerId,
        qb.select({ id: people.id }).from(people).where(eq(people.organisationId, viewer.organisationId)),
      ),
    );
  if (seats.length > 0)
    needToKnow.push(
      exists(
        qb
          .select({ one: sql`1` })
          .from(proposalImpacts)
          .innerJoin(committees, eq(committees.id, proposalImpacts.committeeId))
          .where(
            and(
              eq(proposalImpacts.proposalId, proposals.id),
              eq(committees.codeId, scope.codeId),
              inArray(committees.ref, seats),
            ),
          ),
      ),
    );

  const visible: SQL[] = [classified('white')];
  if (community) visible.push(classified('green'));
  if (staff) visible.push(classified('amber'));
  else if (needToKnow.length > 0) visible.push(and(classified('amber'), or(...needToKnow)) as SQL);
  visible.push(
    exists(
      qb
        .select({ one: sql`1` })
        .from(proposalRecipients)
        .where(
          and(eq(proposalRecipients.proposalId, proposals.id), eq(proposalRecipients.userId, viewer.userId)),
        ),
    ),
  );
  return and(ofCode, or(...visible)) as SQL;
}

/** The policy's condition on `proposals`, for queries kept elsewhere (the dashboard's counts) to filter by. */
export function visibleProposalsCondition(scope: VisibleScope): SQL {
  return isVisible(scope);
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

/** The ids of every proposal the viewer may see: for a bulk way out (an export) to keep to the policy. */
export async function listVisibleProposalIds(db: Db, scope: VisibleScope): Promise<Set<number>> {
  const rows = await db.select({ id: proposals.id }).from(proposals).where(isVisible(scope));
  return new Set(rows.map((row) => row.id));
}
