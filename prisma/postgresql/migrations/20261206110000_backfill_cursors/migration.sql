-- CreateTable
CREATE TABLE "BackfillCursor" (
    "id" SERIAL NOT NULL,
    "venueSlug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "fromTs" TIMESTAMP(3) NOT NULL,
    "toTs" TIMESTAMP(3) NOT NULL,
    "coveredTo" TIMESTAMP(3),
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
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BackfillCursor_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BackfillCursor_updatedAt_idx" ON "BackfillCursor"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BackfillCursor_venueSlug_kind_symbol_source_key" ON "BackfillCursor"("venueSlug", "kind", "symbol", "source");

