CREATE TABLE "codes" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"administrator_organisation_id" integer,
	"change_team_email" text
);
--> statement-breakpoint
CREATE TABLE "committees" (
	"id" serial PRIMARY KEY NOT NULL,
	"code_id" text NOT NULL,
	"ref" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" integer,
	"impact_heading" text
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"committee_id" integer NOT NULL,
	"number" integer NOT NULL,
	"date" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"category" text NOT NULL,
	"referred_to_as" text,
	CONSTRAINT "organisations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "papers" (
	"id" serial PRIMARY KEY NOT NULL,
	"code_id" text NOT NULL,
	"reference" text NOT NULL,
	"type" text NOT NULL,
	"meeting_id" integer,
	"item" integer,
	"title" text NOT NULL,
	"action" text NOT NULL,
	"classification" text DEFAULT 'white' NOT NULL,
	"date" date NOT NULL,
	"author_id" integer,
	"covers_from" date,
	"covers_to" date
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"organisation_id" integer NOT NULL,
	"kind" text,
	"team" text,
	CONSTRAINT "people_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "proposal_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"proposal_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"on" date NOT NULL,
	"event" text NOT NULL,
	"by_committee_id" integer,
	"release_id" integer,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_impacts" (
	"proposal_id" integer NOT NULL,
	"committee_id" integer NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "proposal_impacts_proposal_id_committee_id_pk" PRIMARY KEY("proposal_id","committee_id")
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" serial PRIMARY KEY NOT NULL,
	"code_id" text NOT NULL,
	"reference" text NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"proposer_id" integer NOT NULL,
	"lead_analyst_id" integer,
	"raised" date NOT NULL,
	"stage" text NOT NULL,
	"path" text,
	"urgent" boolean DEFAULT false NOT NULL,
	"fast_track" boolean DEFAULT false NOT NULL,
	"classification" text DEFAULT 'white' NOT NULL,
	"summary" text,
	"problem_statement" text,
	"affected_documents" text[] DEFAULT '{}'::text[] NOT NULL,
	"impacted_parties" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"id" serial PRIMARY KEY NOT NULL,
	"code_id" text NOT NULL,
	"ref" text NOT NULL,
	"name" text NOT NULL,
	"date" date NOT NULL,
	"code_version" text
);
--> statement-breakpoint
ALTER TABLE "codes" ADD CONSTRAINT "codes_administrator_organisation_id_organisations_id_fk" FOREIGN KEY ("administrator_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committees" ADD CONSTRAINT "committees_code_id_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_code_id_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_events" ADD CONSTRAINT "proposal_events_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_events" ADD CONSTRAINT "proposal_events_by_committee_id_committees_id_fk" FOREIGN KEY ("by_committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_events" ADD CONSTRAINT "proposal_events_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_impacts" ADD CONSTRAINT "proposal_impacts_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_impacts" ADD CONSTRAINT "proposal_impacts_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_code_id_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_proposer_id_people_id_fk" FOREIGN KEY ("proposer_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_lead_analyst_id_people_id_fk" FOREIGN KEY ("lead_analyst_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_code_id_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "committees_code_ref_uq" ON "committees" USING btree ("code_id","ref");--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_committee_number_uq" ON "meetings" USING btree ("committee_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "papers_code_reference_uq" ON "papers" USING btree ("code_id","reference");--> statement-breakpoint
CREATE INDEX "people_organisation_idx" ON "people" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_events_seq_uq" ON "proposal_events" USING btree ("proposal_id","seq");--> statement-breakpoint
CREATE INDEX "proposal_events_on_idx" ON "proposal_events" USING btree ("on");--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_code_reference_uq" ON "proposals" USING btree ("code_id","reference");--> statement-breakpoint
CREATE INDEX "proposals_code_number_idx" ON "proposals" USING btree ("code_id","number");--> statement-breakpoint
CREATE INDEX "proposals_stage_idx" ON "proposals" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "proposals_raised_idx" ON "proposals" USING btree ("raised");--> statement-breakpoint
CREATE UNIQUE INDEX "releases_code_ref_uq" ON "releases" USING btree ("code_id","ref");