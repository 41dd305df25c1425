CREATE TABLE "view_request_replies" (
	"message_id" text PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "view_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" integer NOT NULL,
	"committee_id" integer NOT NULL,
	"paper_id" integer NOT NULL,
	"meeting_id" integer,
	"proposal_ids" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_on" date NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "view_requests_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "view_request_replies" ADD CONSTRAINT "view_request_replies_request_id_view_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."view_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "view_requests" ADD CONSTRAINT "view_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "view_requests" ADD CONSTRAINT "view_requests_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "view_requests" ADD CONSTRAINT "view_requests_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "view_requests" ADD CONSTRAINT "view_requests_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "view_requests_paper_idx" ON "view_requests" USING btree ("paper_id");--> statement-breakpoint
CREATE INDEX "view_requests_user_idx" ON "view_requests" USING btree ("user_id");