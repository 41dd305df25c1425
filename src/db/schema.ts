// The one Drizzle schema, for PGlite and PostgreSQL alike. Queries live in *.repository.ts beside it.
// Natural keys (slugs and references as people write them) are unique; rows join on serial ids so a
// reference can change (DP090 becomes MP090) without touching what points at it.
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const codes = pgTable('codes', {
  id: text('id').primaryKey(), // 'SEC'
  name: text('name').notNull(),
  administratorOrganisationId: integer('administrator_organisation_id').references(() => organisations.id),
  changeTeamEmail: text('change_team_email'),
});

export const organisations = pgTable('organisations', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  category: text('category').notNull(),
  referredToAs: text('referred_to_as'),
});

export const people = pgTable(
  'people',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind'), // 'team', or null for a person
    team: text('team'), // the team a person signs papers for, e.g. "SECAS Team"
  },
  (t) => [index('people_organisation_idx').on(t.organisationId)],
);

export const committees = pgTable(
  'committees',
  {
    id: serial('id').primaryKey(),
    codeId: text('code_id')
      .notNull()
      .references(() => codes.id),
    ref: text('ref').notNull(), // 'OPSG'
    name: text('name').notNull(),
    parentId: integer('parent_id'),
    impactHeading: text('impact_heading'),
  },
  (t) => [uniqueIndex('committees_code_ref_uq').on(t.codeId, t.ref)],
);

export const meetings = pgTable(
  'meetings',
  {
    id: serial('id').primaryKey(),
    committeeId: integer('committee_id')
      .notNull()
      .references(() => committees.id),
    number: integer('number').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
  },
  (t) => [uniqueIndex('meetings_committee_number_uq').on(t.committeeId, t.number)],
);

export const releases = pgTable(
  'releases',
  {
    id: serial('id').primaryKey(),
    codeId: text('code_id')
      .notNull()
      .references(() => codes.id),
    ref: text('ref').notNull(), // '2020-11'
    name: text('name').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    codeVersion: text('code_version'),
  },
  (t) => [uniqueIndex('releases_code_ref_uq').on(t.codeId, t.ref)],
);

export const proposals = pgTable(
  'proposals',
  {
    id: serial('id').primaryKey(),
    codeId: text('code_id')
      .notNull()
      .references(() => codes.id),
    reference: text('reference').notNull(), // DP090, MP102A, SECMP0049
    number: integer('number').notNull(), // 90: DP090 and MP090 are one proposal
    title: text('title').notNull(),
    proposerId: integer('proposer_id')
      .notNull()
      .references(() => people.id),
    leadAnalystId: integer('lead_analyst_id').references(() => people.id),
    raised: date('raised', { mode: 'string' }).notNull(),
    stage: text('stage').notNull(),
    path: text('path'),
    urgent: boolean('urgent').notNull().default(false),
    fastTrack: boolean('fast_track').notNull().default(false),
    classification: text('classification').notNull().default('white'),
    summary: text('summary'),
    problemStatement: text('problem_statement'),
    affectedDocuments: text('affected_documents')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    impactedParties: text('impacted_parties')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    uniqueIndex('proposals_code_reference_uq').on(t.codeId, t.reference),
    index('proposals_code_number_idx').on(t.codeId, t.number),
    index('proposals_stage_idx').on(t.stage),
    index('proposals_raised_idx').on(t.raised),
    // the register page: visible proposals of a code in the order raised
    index('proposals_register_order_idx').on(t.codeId, t.classification, t.raised, t.reference),
  ],
);

export const proposalImpacts = pgTable(
  'proposal_impacts',
  {
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    committeeId: integer('committee_id')
      .notNull()
      .references(() => committees.id),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.committeeId] })],
);

/** One dated step of a proposal's lifecycle. `facts` holds the event's own facts (outcome, consultation kind...). */
export const proposalEvents = pgTable(
  'proposal_events',
  {
    id: serial('id').primaryKey(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    event: text('event').notNull(),
    byCommitteeId: integer('by_committee_id').references(() => committees.id),
    releaseId: integer('release_id').references(() => releases.id),
    facts: jsonb('facts').$type<Record<string, string>>().notNull().default({}),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('proposal_events_seq_uq').on(t.proposalId, t.seq),
    index('proposal_events_on_idx').on(t.on),
  ],
);

export const papers = pgTable(
  'papers',
  {
    id: serial('id').primaryKey(),
    codeId: text('code_id')
      .notNull()
      .references(() => codes.id),
    reference: text('reference').notNull(), // OPSG_26_0511_16
    type: text('type').notNull(),
    meetingId: integer('meeting_id').references(() => meetings.id),
    item: integer('item'),
    title: text('title').notNull(),
    action: text('action').notNull(),
    classification: text('classification').notNull().default('white'),
    date: date('date', { mode: 'string' }).notNull(),
    authorId: integer('author_id').references(() => people.id),
    coversFrom: date('covers_from', { mode: 'string' }),
    coversTo: date('covers_to', { mode: 'string' }),
  },
  (t) => [uniqueIndex('papers_code_reference_uq').on(t.codeId, t.reference)],
);

/**
 * Who changed what, when: one row per state change or edit, written in the same transaction as the change.
 * Append-only; the access issue adds the hash chain.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Who: an actor kind and, once accounts exist, the user. */
    actor: text('actor').notNull(),
    /** What, as `noun.past_tense`: proposal.transitioned, register.imported... */
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_events_subject_idx').on(t.subjectType, t.subjectId)],
);

/** Days the code administrator's office is closed, beyond weekends and bank holidays. */
export const calendarClosures = pgTable('calendar_closures', {
  date: date('date', { mode: 'string' }).primaryKey(),
  name: text('name').notNull(),
});
