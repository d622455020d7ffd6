-- CreateTable
CREATE TABLE "RunDay" (
    "venueId" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "runs" INTEGER NOT NULL,
    "finished" INTEGER NOT NULL,
    "successes" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "firstOk" DOUBLE PRECISION,
    "lastOk" DOUBLE PRECISION,
    "longestGapMs" DOUBLE PRECISION,

    CONSTRAINT "RunDay_pkey" PRIMARY KEY ("venueId","day","kind")
);

-- AddForeignKey
ALTER TABLE "RunDay" ADD CONSTRAINT "RunDay_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "IngestRun_venueId_startedAt_idx" ON "IngestRun"("venueId", "startedAt");

-- A run written (started, finished, changed, deleted, moved to another venue or day) drops the summaries of
-- its venue-day, old and new: lib/store/run-days.ts rebuilds them on the next read. The day is the UTC day
-- of "startedAt" (timestamp without time zone, holding UTC). Updates count only when they set a column the
-- summaries read: a writer updates its run's "touched" and row counts in every batch's transaction.
CREATE FUNCTION "IngestRun_forget_RunDay"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD."venueId" IS NOT NULL THEN
    DELETE FROM "RunDay" WHERE "venueId" = OLD."venueId" AND "day" = floor(extract(epoch FROM OLD."startedAt") / 86400)::integer;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW."venueId" IS NOT NULL THEN
    DELETE FROM "RunDay" WHERE "venueId" = NEW."venueId" AND "day" = floor(extract(epoch FROM NEW."startedAt") / 86400)::integer;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "IngestRun_RunDay" AFTER INSERT OR UPDATE OF "venueId", "kind", "mode", "status", "startedAt" OR DELETE ON "IngestRun" FOR EACH ROW EXECUTE FUNCTION "IngestRun_forget_RunDay"();
