-- CreateTable
CREATE TABLE "BackfillCursor" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "venueSlug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "fromTs" DATETIME NOT NULL,
    "toTs" DATETIME NOT NULL,
    "coveredTo" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'running',
    "steps" INTEGER NOT NULL DEFAULT 0,
    "stepsTotal" INTEGER,
    "rowsWritten" INTEGER NOT NULL DEFAULT 0,
    "rowsSkipped" INTEGER NOT NULL DEFAULT 0,
    "notPublished" TEXT NOT NULL DEFAULT '[]',
    "notPublishedCount" INTEGER NOT NULL DEFAULT 0,
    "failedSteps" INTEGER NOT NULL DEFAULT 0,
    "bytes" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "BackfillCursor_updatedAt_idx" ON "BackfillCursor"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BackfillCursor_venueSlug_kind_symbol_source_key" ON "BackfillCursor"("venueSlug", "kind", "symbol", "source");

