-- Books merged from aggregated requests (Hyperliquid nSigFigs passes) say so: levels past the first
-- exactLevels per side are price buckets. Added columns (no table rebuild: BookSnapshot is the largest table).
ALTER TABLE "BookSnapshot" ADD COLUMN "aggregated" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "BookSnapshot" ADD COLUMN "exactLevels" INTEGER;
