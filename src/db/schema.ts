// The one Drizzle schema, for PGlite and PostgreSQL alike. Queries live in *.repository.ts beside it.
// Natural keys (slugs and references as people write them) are unique; rows join on serial ids so a
// reference can change (DP090 becomes MP090) without touching what points at it.
import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
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

/** PostgreSQL's full-text document type (PGlite has it too). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

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
    /** Full-text search over title (weight A), summary (B) and problem statement (C), kept by the database. */
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(summary, '')), 'B') || setweight(to_tsvector('english', coalesce(problem_statement, '')), 'C')`,
    ),
  },
  (t) => [
    uniqueIndex('proposals_code_reference_uq').on(t.codeId, t.reference),
    index('proposals_search_idx').using('gin', t.search),
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
 * Append-only and hash-chained: each row's hash covers its content and the previous row's hash.
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
    /** The hash chain: this row's hash covers its content and the previous row's hash (see audit verify). */
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [index('audit_events_subject_idx').on(t.subjectType, t.subjectId)],
);

/** Days the code administrator's office is closed, beyond weekends and bank holidays. */
export const calendarClosures = pgTable('calendar_closures', {
  date: date('date', { mode: 'string' }).primaryKey(),
  name: text('name').notNull(),
});

// ---- accounts (issue 5): people who sign in, their roles, sessions, throttling, password resets ----

/** Someone who signs in. A user may stand for a person of the register (and so an organisation). */
export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    /** Lower-cased; the sign-in name. */
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    personId: integer('person_id').references(() => people.id),
    organisationId: integer('organisation_id').references(() => organisations.id),
    /** argon2id PHC string; null for a user who signs in only through single sign-on. */
    passwordHash: text('password_hash'),
    /** The single sign-on subject (`issuer|sub`), when linked. */
    oidcSubject: text('oidc_subject').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [index('users_person_idx').on(t.personId)],
);

/**
 * What a user may do: administrator, analyst, party_user, regulator; or a committee role (chair, member,
 * alternate) with its committee.
 */
export const userRoles = pgTable(
  'user_roles',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    committeeId: integer('committee_id').references(() => committees.id),
  },
  (t) => [uniqueIndex('user_roles_uq').on(t.userId, t.role, t.committeeId)],
);

/** A signed-in session. The cookie holds a random token; only its SHA-256 is stored, so a leak of this table signs no one in. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** The CSRF secret of this session's forms. */
    csrfSecret: text('csrf_secret').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Every sign-in attempt, for throttling that holds across instances (counted by e-mail and by address). */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: serial('id').primaryKey(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    succeeded: boolean('succeeded').notNull(),
  },
  (t) => [index('login_attempts_email_idx').on(t.email, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)],
);

/** A password reset link: only the SHA-256 of its token is stored; it works once, before it expires. */
export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

// ---- named recipients: the only readers of a Red item (and readers of any item they are named on) ----

/** A user named as a recipient of a proposal (Panel Information Policy: Red is for named recipients only). */
export const proposalRecipients = pgTable(
  'proposal_recipients',
  {
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.proposalId, t.userId] }),
    index('proposal_recipients_user_idx').on(t.userId),
  ],
);

/** A user named as a recipient of a paper. */
export const paperRecipients = pgTable(
  'paper_recipients',
  {
    paperId: integer('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.paperId, t.userId] }), index('paper_recipients_user_idx').on(t.userId)],
);

// ---- drafts: a Draft Proposal being written, saved and resumed before it is raised ----

/** A party user's unfinished Draft Proposal: the form's fields as typed, until it is submitted (raised). */
export const proposalDrafts = pgTable(
  'proposal_drafts',
  {
    id: serial('id').primaryKey(),
    codeId: text('code_id')
      .notNull()
      .references(() => codes.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The form's fields as the user left them (title, summary, problem statement, kind, proposer...). */
    fields: jsonb('fields').$type<Record<string, string>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when the draft was raised: the proposal it became. */
    raisedProposalId: integer('raised_proposal_id').references(() => proposals.id),
  },
  (t) => [index('proposal_drafts_user_idx').on(t.userId)],
);

// ---- committee engagement (issue 7): problem statements with versions, views, following, meeting outcomes ----

/**
 * A version of a Draft Proposal's problem statement, in sections (the issue, its impacts, the impact of doing
 * nothing, its context in the code). Versions are numbered from 1 per proposal; one becomes agreed when the
 * Change Sub-Committee agrees it.
 */
export const problemStatementVersions = pgTable(
  'problem_statement_versions',
  {
    id: serial('id').primaryKey(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** { issue, impacts, doNothing, context }: Markdown each. */
    sections: jsonb('sections').$type<Record<string, string>>().notNull(),
    /** draft | agreed */
    status: text('status').notNull().default('draft'),
    /** The day this version was written (YYYY-MM-DD): papers attach the version current at their date. */
    writtenOn: date('written_on', { mode: 'string' }).notNull(),
    /** Who wrote it, as the audit log names actors (user:<id>, cli...). */
    writtenBy: text('written_by').notNull(),
    agreedOn: date('agreed_on', { mode: 'string' }),
    agreedByCommitteeId: integer('agreed_by_committee_id').references(() => committees.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('problem_statement_versions_uq').on(t.proposalId, t.version)],
);

/** A committee's view on a proposal: recorded from a meeting by the secretariat, or sent in by a member. */
export const committeeViews = pgTable(
  'committee_views',
  {
    id: serial('id').primaryKey(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    committeeId: integer('committee_id')
      .notNull()
      .references(() => committees.id),
    /** meeting (recorded by the secretariat) | member (sent in between meetings) | email */
    source: text('source').notNull(),
    authorUserId: integer('author_user_id').references(() => users.id),
    /** The author as the record names them, when not a user (a committee, a member named in minutes). */
    authorName: text('author_name'),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
    classification: text('classification').notNull().default('white'),
    /** Markdown. */
    text: text('text').notNull(),
    /** The problem statement version it answers, if any. */
    problemStatementVersion: integer('problem_statement_version'),
    meetingId: integer('meeting_id').references(() => meetings.id),
    paperId: integer('paper_id').references(() => papers.id),
    agendaItem: integer('agenda_item'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('committee_views_proposal_idx').on(t.proposalId),
    index('committee_views_committee_idx').on(t.committeeId),
  ],
);

/** Whether a committee wants to give further input on a proposal, as last decided (at a meeting). */
export const committeeFollowing = pgTable(
  'committee_following',
  {
    committeeId: integer('committee_id')
      .notNull()
      .references(() => committees.id),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    /** yes | no | undecided */
    decision: text('decision').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    meetingId: integer('meeting_id').references(() => meetings.id),
  },
  (t) => [primaryKey({ columns: [t.committeeId, t.proposalId] })],
);

/** What a meeting decided on an agenda item: noted, agreed or deferred, with notes. */
export const agendaItemOutcomes = pgTable(
  'agenda_item_outcomes',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    item: integer('item').notNull(),
    /** noted | agreed | deferred */
    outcome: text('outcome').notNull(),
    notes: text('notes'),
  },
  (t) => [uniqueIndex('agenda_item_outcomes_uq').on(t.meetingId, t.item)],
);

/** An action a meeting gave someone, with its owner and due date, open until done. */
export const meetingActions = pgTable(
  'meeting_actions',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    item: integer('item'),
    text: text('text').notNull(),
    ownerUserId: integer('owner_user_id').references(() => users.id),
    ownerName: text('owner_name'),
    dueOn: date('due_on', { mode: 'string' }),
    doneOn: date('done_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_actions_meeting_idx').on(t.meetingId)],
);

/**
 * A request for a committee member's views by e-mail (issue 7): the member replies to a per-recipient address
 * carrying a random token (views+<token>@...), of which only the SHA-256 is stored. It covers the proposals of
 * one paper the member was asked about, lasts until `expires_on` (inclusive), and may be revoked. Sending again
 * makes new requests; old ones stay valid until they expire.
 */
export const viewRequests = pgTable(
  'view_requests',
  {
    id: serial('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    committeeId: integer('committee_id')
      .notNull()
      .references(() => committees.id),
    paperId: integer('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    meetingId: integer('meeting_id').references(() => meetings.id),
    /** The ids of the proposals the member was asked about. */
    proposalIds: jsonb('proposal_ids').$type<number[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** YYYY-MM-DD: the last day a reply is taken. */
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('view_requests_paper_idx').on(t.paperId), index('view_requests_user_idx').on(t.userId)],
);

/**
 * The Message-ID of each e-mail reply that recorded views: a message the mail system delivers twice (a retry
 * after a timeout, a second route) records its views once.
 */
export const viewRequestReplies = pgTable('view_request_replies', {
  messageId: text('message_id').primaryKey(),
  requestId: integer('request_id')
    .notNull()
    .references(() => viewRequests.id, { onDelete: 'cascade' }),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});
