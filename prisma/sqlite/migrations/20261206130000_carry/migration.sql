-- CreateTable
CREATE TABLE "TermQuote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "venueId" INTEGER NOT NULL,
    "symbol" TEXT NOT NULL,
    "base" TEXT NOT NULL,
    "expiry" DATETIME,
    "ts" DATETIME NOT NULL,
    "markPrice" REAL NOT NULL,
    "indexPrice" REAL,
    "fundingRate" REAL,
    "fundingIntervalHours" REAL,
    "provenance" TEXT NOT NULL,
    "ingestRunId" INTEGER
);

-- CreateIndex
CREATE INDEX "TermQuote_venueId_base_ts_idx" ON "TermQuote"("venueId", "base", "ts");

-- CreateIndex
CREATE UNIQUE INDEX "TermQuote_venueId_symbol_ts_key" ON "TermQuote"("venueId", "symbol", "ts");


-- AlterTable
ALTER TABLE "FundingRecord" ADD COLUMN "predictedRate" REAL;
ALTER TABLE "FundingRecord" ADD COLUMN "predictedRunId" INTEGER;

