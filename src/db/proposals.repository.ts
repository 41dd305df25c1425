// Read queries for proposals: small and named, no rules. Every query takes the viewer and filters in SQL by
// the Panel Information Policy (canSee in src/domain/access/classification-policy.ts), through one condition
// (isVisible), so nothing hidden leaks into a page, a count or an API response.
import {
  and,
  arrayOverlaps,
  asc,
  count,
  desc,
  eq,
  exists,
  gte,
  inArray,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
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

/** The proposal has an impact for one of these committees: how a proposal names a committee. */
function hasImpactFor(codeId: string, committeeRefs: readonly string[]): SQL {
  return exists(
    qb
      .select({ one: sql`1` })
      .from(proposalImpacts)
      .innerJoin(committees, eq(committees.id, proposalImpacts.committeeId))
      .where(
        and(
          eq(proposalImpacts.proposalId, proposals.id),
          eq(committees.codeId, codeId),
          inArray(committees.ref, [...committeeRefs]),
        ),
      ),
  );
}

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
  if (seats.length > 0) needToKnow.push(hasImpactFor(scope.codeId, seats));

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

/**
 * What the register can be narrowed to: each list is "any of" (empty: no condition), the lists are "all of".
 * Committee: the proposal has an anticipated impact for that committee (proposal_impacts). Release: a step of
 * its history names that release (it was implemented in it). Organisation: its proposer's organisation.
 * Affected document and impacted party: its arrays hold that value. Raised: a date range, both ends inclusive.
 * `q`: full-text search in websearch syntax (words, "a phrase", -not, or) against the `search` column (title,
 * summary and problem statement, English stemming).
 */
export interface ProposalFilters {
  stages: readonly string[];
  paths: readonly string[];
  committees: readonly string[];
  organisations: readonly string[];
  affectedDocuments: readonly string[];
  impactedParties: readonly string[];
  releases: readonly string[];
  raisedFrom: string | null;
  raisedTo: string | null;
  q: string | null;
}

export const NO_FILTERS: ProposalFilters = {
  stages: [],
  paths: [],
  committees: [],
  organisations: [],
  affectedDocuments: [],
  impactedParties: [],
  releases: [],
  raisedFrom: null,
  raisedTo: null,
  q: null,
};

/** Oldest or newest raised first, by number, by title, or (when searching) best match first. */
export const PROPOSAL_SORTS = ['raised-asc', 'raised-desc', 'reference', 'title', 'relevance'] as const;
export type ProposalSort = (typeof PROPOSAL_SORTS)[number];

const searchQuery = (q: string) => sql`websearch_to_tsquery('english', ${q})`;

/** The policy AND every filter given: the one condition of every register query below. */
function isVisibleAndMatching(scope: VisibleScope, filters: ProposalFilters): SQL {
  const f = filters;
  const conditions: SQL[] = [isVisible(scope)];
  if (f.stages.length) conditions.push(inArray(proposals.stage, [...f.stages]));
  if (f.paths.length) conditions.push(inArray(proposals.path, [...f.paths]));
  if (f.committees.length) conditions.push(hasImpactFor(scope.codeId, f.committees));
  if (f.organisations.length)
    conditions.push(
      inArray(
        proposals.proposerId,
        qb
          .select({ id: people.id })
          .from(people)
          .innerJoin(organisations, eq(organisations.id, people.organisationId))
          .where(inArray(organisations.slug, [...f.organisations])),
      ),
    );
  if (f.affectedDocuments.length)
    conditions.push(arrayOverlaps(proposals.affectedDocuments, [...f.affectedDocuments]));
  if (f.impactedParties.length)
    conditions.push(arrayOverlaps(proposals.impactedParties, [...f.impactedParties]));
  if (f.releases.length)
    conditions.push(
      exists(
        qb
          .select({ one: sql`1` })
          .from(proposalEvents)
          .innerJoin(releases, eq(releases.id, proposalEvents.releaseId))
          .where(
            and(
              eq(proposalEvents.proposalId, proposals.id),
              eq(releases.codeId, scope.codeId),
              inArray(releases.ref, [...f.releases]),
            ),
          ),
      ),
    );
  if (f.raisedFrom) conditions.push(gte(proposals.raised, f.raisedFrom));
  if (f.raisedTo) conditions.push(lte(proposals.raised, f.raisedTo));
  if (f.q) conditions.push(sql`${proposals.search} @@ ${searchQuery(f.q)}`);
  return and(...conditions) as SQL;
}

/** ORDER BY for a sort, on the `proposals` table; relevance needs the search. Ties go by reference. */
function ordering(sort: ProposalSort, q: string | null): SQL[] {
  switch (sort) {
    case 'raised-asc':
      return [asc(proposals.raised), asc(proposals.reference)];
    case 'raised-desc':
      return [desc(proposals.raised), desc(proposals.reference)];
    case 'reference':
      return [asc(proposals.number), asc(proposals.reference)];
    case 'title':
      // byte order of the lower-cased title: the same on PGlite and on any PostgreSQL locale
      return [sql`lower(${proposals.title}) collate "C"`, asc(proposals.reference)];
    case 'relevance':
      if (!q) return ordering('raised-asc', q);
      return [
        sql`ts_rank_cd(${proposals.search}, ${searchQuery(q)}) desc`,
        desc(proposals.raised),
        asc(proposals.reference),
      ];
  }
}

/**
 * Snippet markers: control characters no summary keeps (they are removed from the text first), so after the
 * text is escaped they can be told apart from it and turned into highlighting.
 */
export const SNIPPET_START = '\u0001';
export const SNIPPET_STOP = '\u0002';
/** Up to two fragments of 8 to 24 words around the matches; the text's start when only the title matched. */
const HEADLINE_OPTIONS = [
  `StartSel=${SNIPPET_START}, StopSel=${SNIPPET_STOP}`,
  'MaxFragments=2, MaxWords=24, MinWords=8, FragmentDelimiter=" … "',
].join(', ');

export async function countVisibleProposals(
  db: Db,
  scope: VisibleScope,
  filters: ProposalFilters = NO_FILTERS,
): Promise<number> {
  const rows = await db
    .select({ total: count() })
    .from(proposals)
    .where(isVisibleAndMatching(scope, filters));
  return rows[0]?.total ?? 0;
}

/**
 * One page of the register as the viewer may see it, filtered and sorted. The page's ids are chosen on the
 * proposals table alone, then joined to their people, so a deep page does not join the whole register. When
 * searching, each row has `headline`: its summary and problem statement cut to the parts that match, with
 * SNIPPET_START and SNIPPET_STOP around each match (raw text: escape it before showing it as HTML).
 */
export async function listVisibleProposals(
  db: Db,
  scope: VisibleScope,
  page: { limit: number; offset: number },
  options: { filters?: ProposalFilters; sort?: ProposalSort } = {},
) {
  const filters = options.filters ?? NO_FILTERS;
  const order = ordering(options.sort ?? 'raised-asc', filters.q);
  const pageIds = db
    .select({ id: proposals.id })
    .from(proposals)
    .where(isVisibleAndMatching(scope, filters))
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset)
    .as('page_ids');
  const body = sql`coalesce(${proposals.summary}, '') || ${'\n\n'} || coalesce(${proposals.problemStatement}, '')`;
  const text = sql`translate(${body}, ${SNIPPET_START + SNIPPET_STOP}, '')`;
  const headline = filters.q
    ? sql<string>`ts_headline('english', ${text}, ${searchQuery(filters.q)}, ${HEADLINE_OPTIONS})`
    : sql<null>`null`;
  return db
    .select({
      reference: proposals.reference,
      title: proposals.title,
      stage: proposals.stage,
      path: proposals.path,
      raised: proposals.raised,
      classification: proposals.classification,
      affectedDocuments: proposals.affectedDocuments,
      impactedParties: proposals.impactedParties,
      proposer: { slug: proposer.slug, name: proposer.name },
      proposerOrganisation: {
        slug: proposerOrganisation.slug,
        name: proposerOrganisation.name,
        shortName: proposerOrganisation.shortName,
      },
      headline: headline.as('headline'),
    })
    .from(pageIds)
    .innerJoin(proposals, eq(proposals.id, pageIds.id))
    .innerJoin(proposer, eq(proposer.id, proposals.proposerId))
    .innerJoin(proposerOrganisation, eq(proposerOrganisation.id, proposer.organisationId))
    .orderBy(...order);
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
