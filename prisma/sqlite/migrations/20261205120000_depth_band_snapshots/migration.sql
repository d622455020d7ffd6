-- CreateTable
CREATE TABLE "DepthBandSnapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "marketId" INTEGER NOT NULL,
    "ts" DATETIME NOT NULL,
    "bands" TEXT NOT NULL,
    "bandCount" INTEGER NOT NULL,
    "refPrice" REAL,
    "status" TEXT NOT NULL DEFAULT 'ok',
    "reason" TEXT,
    "provenance" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "ingestRunId" INTEGER,
    CONSTRAINT "DepthBandSnapshot_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "DepthBandSnapshot_marketId_ts_key" ON "DepthBandSnapshot"("marketId", "ts");

