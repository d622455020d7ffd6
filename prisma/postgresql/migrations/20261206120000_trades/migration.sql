-- CreateTable
CREATE TABLE "TradePrint" (
    "id" SERIAL NOT NULL,
    "marketId" INTEGER NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "tradeId" TEXT NOT NULL,
    "price" DOUBLE PRECISION NOT NULL,
    "sizeBase" DOUBLE PRECISION NOT NULL,
    "notionalUsd" DOUBLE PRECISION NOT NULL,
    "side" TEXT NOT NULL,
    "groupKey" TEXT,
    "quoteMid" DOUBLE PRECISION,
    "provenance" "Provenance" NOT NULL,
    "source" TEXT NOT NULL,
    "ingestRunId" INTEGER,

    CONSTRAINT "TradePrint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TradeMinute" (
    "id" SERIAL NOT NULL,
    "marketId" INTEGER NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "prints" INTEGER NOT NULL,
    "buyPrints" INTEGER NOT NULL,
    "sellPrints" INTEGER NOT NULL,
    "buyBase" DOUBLE PRECISION NOT NULL,
    "sellBase" DOUBLE PRECISION NOT NULL,
    "buyUsd" DOUBLE PRECISION NOT NULL,
    "sellUsd" DOUBLE PRECISION NOT NULL,
    "open" DOUBLE PRECISION NOT NULL,
    "high" DOUBLE PRECISION NOT NULL,
    "low" DOUBLE PRECISION NOT NULL,
    "close" DOUBLE PRECISION NOT NULL,
    "sweeps" INTEGER NOT NULL,
    "sweepBuckets" TEXT NOT NULL,
    "provenance" "Provenance" NOT NULL,
    "source" TEXT NOT NULL,
    "ingestRunId" INTEGER,

    CONSTRAINT "TradeMinute_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TradePrint_marketId_ts_idx" ON "TradePrint"("marketId", "ts");

-- CreateIndex
CREATE UNIQUE INDEX "TradePrint_marketId_tradeId_key" ON "TradePrint"("marketId", "tradeId");

-- CreateIndex
CREATE UNIQUE INDEX "TradeMinute_marketId_minute_key" ON "TradeMinute"("marketId", "minute");

-- AddForeignKey
ALTER TABLE "TradePrint" ADD CONSTRAINT "TradePrint_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TradeMinute" ADD CONSTRAINT "TradeMinute_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE CASCADE ON UPDATE CASCADE;
