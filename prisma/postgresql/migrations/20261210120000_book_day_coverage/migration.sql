-- AlterTable
ALTER TABLE "BookDayCount" ADD COLUMN "truncated" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "aggregated" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "maxLevels" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "exactLevels" INTEGER,
ADD COLUMN "provenances" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "firstTs" TIMESTAMP(3),
ADD COLUMN "lastTs" TIMESTAMP(3);

-- Refill every day from the stored snapshots (timestamps without time zone hold UTC).
DELETE FROM "BookDayCount";
INSERT INTO "BookDayCount" ("marketId", "day", "count", "truncated", "aggregated", "maxLevels", "exactLevels", "provenances", "firstTs", "lastTs")
SELECT "marketId", date_trunc('day', "ts"), COUNT(*), SUM(CASE WHEN "truncated" THEN 1 ELSE 0 END), SUM(CASE WHEN "aggregated" THEN 1 ELSE 0 END), MAX(GREATEST("bidLevels", "askLevels")),
       MAX(CASE WHEN "aggregated" THEN "exactLevels" END),
       MAX(CASE WHEN "provenance" = 'live' THEN 1 ELSE 0 END) | MAX(CASE WHEN "provenance" = 'recorded' THEN 2 ELSE 0 END) | MAX(CASE WHEN "provenance" = 'simulated' THEN 4 ELSE 0 END),
       MIN("ts"), MAX("ts")
FROM "BookSnapshot" GROUP BY "marketId", date_trunc('day', "ts");
