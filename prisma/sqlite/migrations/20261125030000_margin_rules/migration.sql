-- CreateTable
CREATE TABLE "MarginTier" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "venueId" INTEGER NOT NULL,
    "symbol" TEXT NOT NULL,
    "tier" INTEGER NOT NULL,
    "notionalFloorUsd" REAL NOT NULL,
    "notionalCapUsd" REAL,
    "maxLeverage" REAL NOT NULL,
    "initialMarginRate" REAL NOT NULL,
    "maintenanceMarginRate" REAL NOT NULL,
    "maintenanceAmountUsd" REAL NOT NULL DEFAULT 0,
    "source" TEXT NOT NULL,
    "asOf" DATETIME NOT NULL,
    "provenance" TEXT NOT NULL,
    "ingestRunId" INTEGER,
    CONSTRAINT "MarginTier_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MarginPolicy" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "venueId" INTEGER NOT NULL,
    "crossMargin" BOOLEAN NOT NULL,
    "isolatedMargin" BOOLEAN NOT NULL,
    "liquidationFeeRate" REAL,
    "liquidationStyle" TEXT NOT NULL DEFAULT 'full',
    "note" TEXT,
    "source" TEXT NOT NULL,
    "asOf" DATETIME NOT NULL,
    "provenance" TEXT NOT NULL,
    "ingestRunId" INTEGER,
    CONSTRAINT "MarginPolicy_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CollateralAsset" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "venueId" INTEGER NOT NULL,
    "asset" TEXT NOT NULL,
    "haircut" REAL NOT NULL,
    "source" TEXT NOT NULL,
    "asOf" DATETIME NOT NULL,
    "provenance" TEXT NOT NULL,
    "ingestRunId" INTEGER,
    CONSTRAINT "CollateralAsset_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "MarginTier_venueId_symbol_tier_key" ON "MarginTier"("venueId", "symbol", "tier");

-- CreateIndex
CREATE UNIQUE INDEX "MarginPolicy_venueId_key" ON "MarginPolicy"("venueId");

-- CreateIndex
CREATE UNIQUE INDEX "CollateralAsset_venueId_asset_key" ON "CollateralAsset"("venueId", "asset");

