CREATE TABLE "calendar_closures" (
	"date" date PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
