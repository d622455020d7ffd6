-- CreateTable
CREATE TABLE "TradePrint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "marketId" INTEGER NOT NULL,
    "ts" DATETIME NOT NULL,
    "tradeId" TEXT NOT NULL,
    "price" REAL NOT NULL,
    "sizeBase" REAL NOT NULL,
    "notionalUsd" REAL NOT NULL,
    "side" TEXT NOT NULL,
    "groupKey" TEXT,
    "quoteMid" REAL,
    "provenance" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "ingestRunId" INTEGER,
    CONSTRAINT "TradePrint_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TradeMinute" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "marketId" INTEGER NOT NULL,
    "minute" DATETIME NOT NULL,
    "prints" INTEGER NOT NULL,
    "buyPrints" INTEGER NOT NULL,
    "sellPrints" INTEGER NOT NULL,
    "buyBase" REAL NOT NULL,
    "sellBase" REAL NOT NULL,
    "buyUsd" REAL NOT NULL,
    "sellUsd" REAL NOT NULL,
    "open" REAL NOT NULL,
    "high" REAL NOT NULL,
    "low" REAL NOT NULL,
    "close" REAL NOT NULL,
    "sweeps" INTEGER NOT NULL,
    "sweepBuckets" TEXT NOT NULL,
    "provenance" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "ingestRunId" INTEGER,
    CONSTRAINT "TradeMinute_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "TradePrint_marketId_ts_idx" ON "TradePrint"("marketId", "ts");

-- CreateIndex
CREATE UNIQUE INDEX "TradePrint_marketId_tradeId_key" ON "TradePrint"("marketId", "tradeId");

-- CreateIndex
CREATE UNIQUE INDEX "TradeMinute_marketId_minute_key" ON "TradeMinute"("marketId", "minute");

