-- CreateTable
CREATE TABLE "DepthBandSnapshot" (
    "id" SERIAL NOT NULL,
    "marketId" INTEGER NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "bands" TEXT NOT NULL,
    "bandCount" INTEGER NOT NULL,
    "refPrice" DOUBLE PRECISION,
    "status" TEXT NOT NULL DEFAULT 'ok',
    "reason" TEXT,
    "provenance" "Provenance" NOT NULL,
    "source" TEXT NOT NULL,
    "ingestRunId" INTEGER,

    CONSTRAINT "DepthBandSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DepthBandSnapshot_marketId_ts_key" ON "DepthBandSnapshot"("marketId", "ts");

-- AddForeignKey
ALTER TABLE "DepthBandSnapshot" ADD CONSTRAINT "DepthBandSnapshot_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE CASCADE ON UPDATE CASCADE;

