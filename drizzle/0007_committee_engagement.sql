CREATE TABLE "agenda_item_outcomes" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"item" integer NOT NULL,
	"outcome" text NOT NULL,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "committee_following" (
	"committee_id" integer NOT NULL,
	"proposal_id" integer NOT NULL,
	"decision" text NOT NULL,
	"decided_on" date NOT NULL,
	"meeting_id" integer,
	CONSTRAINT "committee_following_committee_id_proposal_id_pk" PRIMARY KEY("committee_id","proposal_id")
);
--> statement-breakpoint
CREATE TABLE "committee_views" (
	"id" serial PRIMARY KEY NOT NULL,
	"proposal_id" integer NOT NULL,
	"committee_id" integer NOT NULL,
	"source" text NOT NULL,
	"author_user_id" integer,
	"author_name" text,
	"given_on" date NOT NULL,
	"classification" text DEFAULT 'white' NOT NULL,
	"text" text NOT NULL,
	"problem_statement_version" integer,
	"meeting_id" integer,
	"paper_id" integer,
	"agenda_item" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"item" integer,
	"text" text NOT NULL,
	"owner_user_id" integer,
	"owner_name" text,
	"due_on" date,
	"done_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_statement_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"proposal_id" integer NOT NULL,
	"version" integer NOT NULL,
	"sections" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"written_on" date NOT NULL,
	"written_by" text NOT NULL,
	"agreed_on" date,
	"agreed_by_committee_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agenda_item_outcomes" ADD CONSTRAINT "agenda_item_outcomes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_following" ADD CONSTRAINT "committee_following_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_following" ADD CONSTRAINT "committee_following_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_following" ADD CONSTRAINT "committee_following_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_views" ADD CONSTRAINT "committee_views_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_views" ADD CONSTRAINT "committee_views_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_views" ADD CONSTRAINT "committee_views_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_views" ADD CONSTRAINT "committee_views_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_views" ADD CONSTRAINT "committee_views_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_statement_versions" ADD CONSTRAINT "problem_statement_versions_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_statement_versions" ADD CONSTRAINT "problem_statement_versions_agreed_by_committee_id_committees_id_fk" FOREIGN KEY ("agreed_by_committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_item_outcomes_uq" ON "agenda_item_outcomes" USING btree ("meeting_id","item");--> statement-breakpoint
CREATE INDEX "committee_views_proposal_idx" ON "committee_views" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "committee_views_committee_idx" ON "committee_views" USING btree ("committee_id");--> statement-breakpoint
CREATE INDEX "meeting_actions_meeting_idx" ON "meeting_actions" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "problem_statement_versions_uq" ON "problem_statement_versions" USING btree ("proposal_id","version");