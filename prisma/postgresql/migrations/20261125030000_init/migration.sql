-- The PostgreSQL schema as of SQLite migration 20261125030000_margin_rules: all four SQLite migrations in one
-- (prisma migrate diff --from-empty --to-schema-datamodel prisma/postgresql/schema.prisma --script).

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Provenance" AS ENUM ('live', 'recorded', 'simulated');

-- CreateEnum
CREATE TYPE "VenueKind" AS ENUM ('cex', 'dex');

-- CreateEnum
CREATE TYPE "ContractType" AS ENUM ('linear', 'inverse');

-- CreateEnum
CREATE TYPE "SizeUnit" AS ENUM ('base', 'contracts', 'usd');

-- CreateTable
CREATE TABLE "Venue" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "VenueKind" NOT NULL,
    "chain" TEXT,
    "websiteUrl" TEXT,
    "docsUrl" TEXT,
    "apiDocsUrl" TEXT,
    "capabilities" TEXT NOT NULL DEFAULT '{}',
    "provenance" "Provenance" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Venue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Market" (
    "id" SERIAL NOT NULL,
    "venueId" INTEGER NOT NULL,
    "symbol" TEXT NOT NULL,
    "base" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "settle" TEXT NOT NULL,
    "contractType" "ContractType" NOT NULL,
    "sizeUnit" "SizeUnit" NOT NULL,
    "contractSize" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "tickSize" DOUBLE PRECISION,
    "maxLeverage" DOUBLE PRECISION,
    "fundingIntervalHours" DOUBLE PRECISION,
    "fundingCapRate" DOUBLE PRECISION,
    "fundingFloorRate" DOUBLE PRECISION,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "provenance" "Provenance" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Market_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BookSnapshot" (
    "id" SERIAL NOT NULL,
    "marketId" INTEGER NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "exchangeTs" TIMESTAMP(3),
    "receivedTs" TIMESTAMP(3) NOT NULL,
    "bids" BYTEA NOT NULL,
    "asks" BYTEA NOT NULL,
    "bidLevels" INTEGER NOT NULL,
    "askLevels" INTEGER NOT NULL,
    "levelLimit" INTEGER,
    "truncated" BOOLEAN NOT NULL,
    "bestBid" DOUBLE PRECISION NOT NULL,
    "bestAsk" DOUBLE PRECISION NOT NULL,
    "midPrice" DOUBLE PRECISION NOT NULL,
    "spreadBps" DOUBLE PRECISION NOT NULL,
    "provenance" "Provenance" NOT NULL,
    "ingestRunId" INTEGER,

    CONSTRAINT "BookSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundingRecord" (
    "id" SERIAL NOT NULL,
    "marketId" INTEGER NOT NULL,
    "fundingTime" TIMESTAMP(3) NOT NULL,
    "rate" DOUBLE PRECISION NOT NULL,
    "intervalHours" DOUBLE PRECISION,
    "premium" DOUBLE PRECISION,
    "markPrice" DOUBLE PRECISION,
    "indexPrice" DOUBLE PRECISION,
    "predicted" BOOLEAN NOT NULL DEFAULT false,
    "provenance" "Provenance" NOT NULL,
    "ingestRunId" INTEGER,

    CONSTRAINT "FundingRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeeSchedule" (
    "id" SERIAL NOT NULL,
    "venueId" INTEGER NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'perp',
    "tier" TEXT NOT NULL,
    "makerRate" DOUBLE PRECISION NOT NULL,
    "takerRate" DOUBLE PRECISION NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "effectiveTo" TIMESTAMP(3),
    "source" TEXT NOT NULL,
    "provenance" "Provenance" NOT NULL,
    "ingestRunId" INTEGER,

    CONSTRAINT "FeeSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Liquidation" (
    "id" SERIAL NOT NULL,
    "marketId" INTEGER NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "side" TEXT NOT NULL,
    "price" DOUBLE PRECISION NOT NULL,
    "sizeBase" DOUBLE PRECISION NOT NULL,
    "notionalUsd" DOUBLE PRECISION NOT NULL,
    "provenance" "Provenance" NOT NULL,
    "ingestRunId" INTEGER,

    CONSTRAINT "Liquidation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OpenInterestReading" (
    "id" SERIAL NOT NULL,
    "marketId" INTEGER NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "sizeBase" DOUBLE PRECISION NOT NULL,
    "valueUsd" DOUBLE PRECISION,
    "provenance" "Provenance" NOT NULL,
    "ingestRunId" INTEGER,

    CONSTRAINT "OpenInterestReading_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InsuranceFundBalance" (
    "id" SERIAL NOT NULL,
    "venueId" INTEGER NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "asset" TEXT NOT NULL DEFAULT 'USD',
    "balanceUsd" DOUBLE PRECISION NOT NULL,
    "provenance" "Provenance" NOT NULL,
    "ingestRunId" INTEGER,

    CONSTRAINT "InsuranceFundBalance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VenueFact" (
    "id" SERIAL NOT NULL,
    "venueId" INTEGER NOT NULL,
    "item" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'known',
    "value" TEXT NOT NULL,
    "sourceUrl" TEXT,
    "quote" TEXT,
    "asOf" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "provenance" "Provenance" NOT NULL,
    "updatedBy" TEXT NOT NULL DEFAULT 'bundled',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VenueFact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VenueFactRevision" (
    "id" SERIAL NOT NULL,
    "factId" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "sourceUrl" TEXT,
    "quote" TEXT,
    "asOf" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "editedBy" TEXT NOT NULL,
    "editedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VenueFactRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IngestRun" (
    "id" SERIAL NOT NULL,
    "venueId" INTEGER,
    "venueSlug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "source" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'running',
    "rowsWritten" INTEGER NOT NULL DEFAULT 0,
    "rowsSkipped" INTEGER NOT NULL DEFAULT 0,
    "rowsRejected" INTEGER NOT NULL DEFAULT 0,
    "rejections" TEXT NOT NULL DEFAULT '[]',
    "error" TEXT,
    "provenance" "Provenance" NOT NULL,

    CONSTRAINT "IngestRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WeightProfile" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "weights" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WeightProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedReport" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "params" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "methodologyVersion" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FigureCache" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "dataVersion" INTEGER NOT NULL,
    "json" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FigureCache_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MarginTier" (
    "id" SERIAL NOT NULL,
    "venueId" INTEGER NOT NULL,
    "symbol" TEXT NOT NULL,
    "tier" INTEGER NOT NULL,
    "notionalFloorUsd" DOUBLE PRECISION NOT NULL,
    "notionalCapUsd" DOUBLE PRECISION,
    "maxLeverage" DOUBLE PRECISION NOT NULL,
    "initialMarginRate" DOUBLE PRECISION NOT NULL,
    "maintenanceMarginRate" DOUBLE PRECISION NOT NULL,
    "maintenanceAmountUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "source" TEXT NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,
    "provenance" "Provenance" NOT NULL,
    "ingestRunId" INTEGER,

    CONSTRAINT "MarginTier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MarginPolicy" (
    "id" SERIAL NOT NULL,
    "venueId" INTEGER NOT NULL,
    "crossMargin" BOOLEAN NOT NULL,
    "isolatedMargin" BOOLEAN NOT NULL,
    "liquidationFeeRate" DOUBLE PRECISION,
    "liquidationStyle" TEXT NOT NULL DEFAULT 'full',
    "note" TEXT,
    "source" TEXT NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,
    "provenance" "Provenance" NOT NULL,
    "ingestRunId" INTEGER,

    CONSTRAINT "MarginPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollateralAsset" (
    "id" SERIAL NOT NULL,
    "venueId" INTEGER NOT NULL,
    "asset" TEXT NOT NULL,
    "haircut" DOUBLE PRECISION NOT NULL,
    "source" TEXT NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,
    "provenance" "Provenance" NOT NULL,
    "ingestRunId" INTEGER,

    CONSTRAINT "CollateralAsset_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Venue_slug_key" ON "Venue"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Market_venueId_symbol_key" ON "Market"("venueId", "symbol");

-- CreateIndex
CREATE UNIQUE INDEX "BookSnapshot_marketId_ts_key" ON "BookSnapshot"("marketId", "ts");

-- CreateIndex
CREATE UNIQUE INDEX "FundingRecord_marketId_fundingTime_key" ON "FundingRecord"("marketId", "fundingTime");

-- CreateIndex
CREATE UNIQUE INDEX "FeeSchedule_venueId_scope_tier_effectiveFrom_key" ON "FeeSchedule"("venueId", "scope", "tier", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "Liquidation_marketId_ts_side_price_sizeBase_key" ON "Liquidation"("marketId", "ts", "side", "price", "sizeBase");

-- CreateIndex
CREATE UNIQUE INDEX "OpenInterestReading_marketId_ts_key" ON "OpenInterestReading"("marketId", "ts");

-- CreateIndex
CREATE UNIQUE INDEX "InsuranceFundBalance_venueId_ts_asset_key" ON "InsuranceFundBalance"("venueId", "ts", "asset");

-- CreateIndex
CREATE UNIQUE INDEX "VenueFact_venueId_key_key" ON "VenueFact"("venueId", "key");

-- CreateIndex
CREATE INDEX "IngestRun_venueSlug_kind_startedAt_idx" ON "IngestRun"("venueSlug", "kind", "startedAt");

-- CreateIndex
CREATE INDEX "IngestRun_venueId_idx" ON "IngestRun"("venueId");

-- CreateIndex
CREATE UNIQUE INDEX "WeightProfile_name_key" ON "WeightProfile"("name");

-- CreateIndex
CREATE UNIQUE INDEX "FigureCache_key_key" ON "FigureCache"("key");

-- CreateIndex
CREATE UNIQUE INDEX "MarginTier_venueId_symbol_tier_key" ON "MarginTier"("venueId", "symbol", "tier");

-- CreateIndex
CREATE UNIQUE INDEX "MarginPolicy_venueId_key" ON "MarginPolicy"("venueId");

-- CreateIndex
CREATE UNIQUE INDEX "CollateralAsset_venueId_asset_key" ON "CollateralAsset"("venueId", "asset");

-- AddForeignKey
ALTER TABLE "Market" ADD CONSTRAINT "Market_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookSnapshot" ADD CONSTRAINT "BookSnapshot_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingRecord" ADD CONSTRAINT "FundingRecord_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeSchedule" ADD CONSTRAINT "FeeSchedule_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Liquidation" ADD CONSTRAINT "Liquidation_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpenInterestReading" ADD CONSTRAINT "OpenInterestReading_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InsuranceFundBalance" ADD CONSTRAINT "InsuranceFundBalance_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VenueFact" ADD CONSTRAINT "VenueFact_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VenueFactRevision" ADD CONSTRAINT "VenueFactRevision_factId_fkey" FOREIGN KEY ("factId") REFERENCES "VenueFact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IngestRun" ADD CONSTRAINT "IngestRun_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MarginTier" ADD CONSTRAINT "MarginTier_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MarginPolicy" ADD CONSTRAINT "MarginPolicy_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollateralAsset" ADD CONSTRAINT "CollateralAsset_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

