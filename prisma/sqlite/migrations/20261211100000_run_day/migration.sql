-- CreateTable
CREATE TABLE "RunDay" (
    "venueId" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "runs" INTEGER NOT NULL,
    "finished" INTEGER NOT NULL,
    "successes" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "firstOk" REAL,
    "lastOk" REAL,
    "longestGapMs" REAL,

    PRIMARY KEY ("venueId", "day", "kind"),
    CONSTRAINT "RunDay_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "IngestRun_venueId_startedAt_idx" ON "IngestRun"("venueId", "startedAt");

-- A run written (started, finished, changed, deleted, moved to another venue or day) drops the summaries of
-- its venue-day, old and new: lib/store/run-days.ts rebuilds them on the next read. The day is the UTC day
-- of "startedAt" (stored as the adapter's UTC text; epoch ms if a writer stored a number). Updates count only
-- when they set a column the summaries read: a writer updates its run's "touched" and row counts in every
-- batch's transaction, thousands of times a second in a bulk ingest.
CREATE TRIGGER "IngestRun_RunDay_insert" AFTER INSERT ON "IngestRun" WHEN NEW."venueId" IS NOT NULL
BEGIN
  DELETE FROM "RunDay" WHERE "venueId" = NEW."venueId" AND "day" = (CASE WHEN typeof(NEW."startedAt") IN ('integer', 'real') THEN CAST(NEW."startedAt" / 86400000 AS INTEGER) ELSE CAST(strftime('%s', NEW."startedAt") AS INTEGER) / 86400 END);
END;

CREATE TRIGGER "IngestRun_RunDay_update" AFTER UPDATE OF "venueId", "kind", "mode", "status", "startedAt" ON "IngestRun"
BEGIN
  DELETE FROM "RunDay" WHERE "venueId" = OLD."venueId" AND "day" = (CASE WHEN typeof(OLD."startedAt") IN ('integer', 'real') THEN CAST(OLD."startedAt" / 86400000 AS INTEGER) ELSE CAST(strftime('%s', OLD."startedAt") AS INTEGER) / 86400 END);
  DELETE FROM "RunDay" WHERE "venueId" = NEW."venueId" AND "day" = (CASE WHEN typeof(NEW."startedAt") IN ('integer', 'real') THEN CAST(NEW."startedAt" / 86400000 AS INTEGER) ELSE CAST(strftime('%s', NEW."startedAt") AS INTEGER) / 86400 END);
END;

CREATE TRIGGER "IngestRun_RunDay_delete" AFTER DELETE ON "IngestRun" WHEN OLD."venueId" IS NOT NULL
BEGIN
  DELETE FROM "RunDay" WHERE "venueId" = OLD."venueId" AND "day" = (CASE WHEN typeof(OLD."startedAt") IN ('integer', 'real') THEN CAST(OLD."startedAt" / 86400000 AS INTEGER) ELSE CAST(strftime('%s', OLD."startedAt") AS INTEGER) / 86400 END);
END;
