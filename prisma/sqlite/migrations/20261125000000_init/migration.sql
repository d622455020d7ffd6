-- CreateTable
CREATE TABLE "Venue" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "chain" TEXT,
    "websiteUrl" TEXT,
    "docsUrl" TEXT,
    "apiDocsUrl" TEXT,
    "capabilities" TEXT NOT NULL DEFAULT '{}',
    "provenance" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Market" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "venueId" INTEGER NOT NULL,
    "symbol" TEXT NOT NULL,
    "base" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "settle" TEXT NOT NULL,
    "contractType" TEXT NOT NULL,
    "sizeUnit" TEXT NOT NULL,
    "contractSize" REAL NOT NULL DEFAULT 1,
    "tickSize" REAL,
    "maxLeverage" REAL,
    "fundingIntervalHours" REAL,
    "fundingCapRate" REAL,
    "fundingFloorRate" REAL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "provenance" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Market_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BookSnapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "marketId" INTEGER NOT NULL,
    "ts" DATETIME NOT NULL,
    "exchangeTs" DATETIME,
    "receivedTs" DATETIME NOT NULL,
    "bids" BLOB NOT NULL,
    "asks" BLOB NOT NULL,
    "bidLevels" INTEGER NOT NULL,
    "askLevels" INTEGER NOT NULL,
    "levelLimit" INTEGER,
    "truncated" BOOLEAN NOT NULL,
    "bestBid" REAL NOT NULL,
    "bestAsk" REAL NOT NULL,
    "midPrice" REAL NOT NULL,
    "spreadBps" REAL NOT NULL,
    "provenance" TEXT NOT NULL,
    "ingestRunId" INTEGER,
    CONSTRAINT "BookSnapshot_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FundingRecord" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "marketId" INTEGER NOT NULL,
    "fundingTime" DATETIME NOT NULL,
    "rate" REAL NOT NULL,
    "intervalHours" REAL,
    "premium" REAL,
    "markPrice" REAL,
    "indexPrice" REAL,
    "predicted" BOOLEAN NOT NULL DEFAULT false,
    "provenance" TEXT NOT NULL,
    "ingestRunId" INTEGER,
    CONSTRAINT "FundingRecord_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FeeSchedule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "venueId" INTEGER NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'perp',
    "tier" TEXT NOT NULL,
    "makerRate" REAL NOT NULL,
    "takerRate" REAL NOT NULL,
    "effectiveFrom" DATETIME NOT NULL,
    "effectiveTo" DATETIME,
    "source" TEXT NOT NULL,
    "provenance" TEXT NOT NULL,
    "ingestRunId" INTEGER,
    CONSTRAINT "FeeSchedule_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Liquidation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "marketId" INTEGER NOT NULL,
    "ts" DATETIME NOT NULL,
    "side" TEXT NOT NULL,
    "price" REAL NOT NULL,
    "sizeBase" REAL NOT NULL,
    "notionalUsd" REAL NOT NULL,
    "provenance" TEXT NOT NULL,
    "ingestRunId" INTEGER,
    CONSTRAINT "Liquidation_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OpenInterestReading" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "marketId" INTEGER NOT NULL,
    "ts" DATETIME NOT NULL,
    "sizeBase" REAL NOT NULL,
    "valueUsd" REAL,
    "provenance" TEXT NOT NULL,
    "ingestRunId" INTEGER,
    CONSTRAINT "OpenInterestReading_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InsuranceFundBalance" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "venueId" INTEGER NOT NULL,
    "ts" DATETIME NOT NULL,
    "asset" TEXT NOT NULL DEFAULT 'USD',
    "balanceUsd" REAL NOT NULL,
    "provenance" TEXT NOT NULL,
    "ingestRunId" INTEGER,
    CONSTRAINT "InsuranceFundBalance_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VenueFact" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "venueId" INTEGER NOT NULL,
    "item" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'known',
    "value" TEXT NOT NULL,
    "sourceUrl" TEXT,
    "quote" TEXT,
    "asOf" DATETIME NOT NULL,
    "note" TEXT,
    "provenance" TEXT NOT NULL,
    "updatedBy" TEXT NOT NULL DEFAULT 'bundled',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VenueFact_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VenueFactRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "factId" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "sourceUrl" TEXT,
    "quote" TEXT,
    "asOf" DATETIME NOT NULL,
    "note" TEXT,
    "editedBy" TEXT NOT NULL,
    "editedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "VenueFactRevision_factId_fkey" FOREIGN KEY ("factId") REFERENCES "VenueFact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IngestRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "venueId" INTEGER,
    "venueSlug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "source" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "durationMs" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'running',
    "rowsWritten" INTEGER NOT NULL DEFAULT 0,
    "rowsSkipped" INTEGER NOT NULL DEFAULT 0,
    "rowsRejected" INTEGER NOT NULL DEFAULT 0,
    "rejections" TEXT NOT NULL DEFAULT '[]',
    "error" TEXT,
    "provenance" TEXT NOT NULL,
    CONSTRAINT "IngestRun_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WeightProfile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "weights" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SavedReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "params" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "methodologyVersion" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
CREATE UNIQUE INDEX "WeightProfile_name_key" ON "WeightProfile"("name");

