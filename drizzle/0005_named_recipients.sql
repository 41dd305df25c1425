CREATE TABLE "paper_recipients" (
	"paper_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "paper_recipients_paper_id_user_id_pk" PRIMARY KEY("paper_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_recipients" (
	"proposal_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "proposal_recipients_proposal_id_user_id_pk" PRIMARY KEY("proposal_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "paper_recipients" ADD CONSTRAINT "paper_recipients_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_recipients" ADD CONSTRAINT "paper_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_recipients" ADD CONSTRAINT "proposal_recipients_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_recipients" ADD CONSTRAINT "proposal_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "paper_recipients_user_idx" ON "paper_recipients" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "proposal_recipients_user_idx" ON "proposal_recipients" USING btree ("user_id");