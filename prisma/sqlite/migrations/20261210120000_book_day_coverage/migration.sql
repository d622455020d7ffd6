-- AlterTable
ALTER TABLE "BookDayCount" ADD COLUMN "truncated" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "BookDayCount" ADD COLUMN "aggregated" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "BookDayCount" ADD COLUMN "maxLevels" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "BookDayCount" ADD COLUMN "exactLevels" INTEGER;
ALTER TABLE "BookDayCount" ADD COLUMN "provenances" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "BookDayCount" ADD COLUMN "firstTs" DATETIME;
ALTER TABLE "BookDayCount" ADD COLUMN "lastTs" DATETIME;

-- Refill every day from the stored snapshots (times are stored as UTC text in the adapter's format; Booleans as 0/1).
DELETE FROM "BookDayCount";
INSERT INTO "BookDayCount" ("marketId", "day", "count", "truncated", "aggregated", "maxLevels", "exactLevels", "provenances", "firstTs", "lastTs")
SELECT "marketId", strftime('%Y-%m-%dT00:00:00.000+00:00', "ts"), COUNT(*), SUM("truncated"), SUM("aggregated"), MAX(MAX("bidLevels", "askLevels")),
       MAX(CASE WHEN "aggregated" = 1 THEN "exactLevels" END),
       MAX(CASE WHEN "provenance" = 'live' THEN 1 ELSE 0 END) | MAX(CASE WHEN "provenance" = 'recorded' THEN 2 ELSE 0 END) | MAX(CASE WHEN "provenance" = 'simulated' THEN 4 ELSE 0 END),
       MIN("ts"), MAX("ts")
FROM "BookSnapshot" GROUP BY "marketId", strftime('%Y-%m-%dT00:00:00.000+00:00', "ts");
