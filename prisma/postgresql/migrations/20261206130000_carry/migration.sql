-- CreateTable
CREATE TABLE "TermQuote" (
    "id" SERIAL NOT NULL,
    "venueId" INTEGER NOT NULL,
    "symbol" TEXT NOT NULL,
    "base" TEXT NOT NULL,
    "expiry" TIMESTAMP(3),
    "ts" TIMESTAMP(3) NOT NULL,
    "markPrice" DOUBLE PRECISION NOT NULL,
    "indexPrice" DOUBLE PRECISION,
    "fundingRate" DOUBLE PRECISION,
    "fundingIntervalHours" DOUBLE PRECISION,
    "provenance" "Provenance" NOT NULL,
    "ingestRunId" INTEGER,

    CONSTRAINT "TermQuote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TermQuote_venueId_base_ts_idx" ON "TermQuote"("venueId", "base", "ts");

-- CreateIndex
CREATE UNIQUE INDEX "TermQuote_venueId_symbol_ts_key" ON "TermQuote"("venueId", "symbol", "ts");


-- AlterTable
ALTER TABLE "FundingRecord" ADD COLUMN     "predictedRate" DOUBLE PRECISION,
ADD COLUMN     "predictedRunId" INTEGER;

