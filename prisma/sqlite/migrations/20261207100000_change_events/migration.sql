-- CreateTable
CREATE TABLE "ChangeEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "venueId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT,
    "occurredAt" DATETIME NOT NULL,
    "detectedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary" TEXT NOT NULL,
    "details" TEXT NOT NULL,
    "provenance" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "ingestRunId" INTEGER,
    "alertedAt" DATETIME,
    "alertAttempts" INTEGER NOT NULL DEFAULT 0,
    "alertError" TEXT,
    "alertClaimedAt" DATETIME,
    CONSTRAINT "ChangeEvent_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RankSnapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "group" TEXT NOT NULL,
    "ranks" TEXT NOT NULL,
    "runId" INTEGER NOT NULL,
    "computedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ChangeEvent_dedupeKey_key" ON "ChangeEvent"("dedupeKey");

-- CreateIndex
CREATE INDEX "ChangeEvent_occurredAt_idx" ON "ChangeEvent"("occurredAt");

-- CreateIndex
CREATE INDEX "ChangeEvent_venueId_occurredAt_idx" ON "ChangeEvent"("venueId", "occurredAt");

-- CreateIndex
CREATE INDEX "ChangeEvent_alertedAt_idx" ON "ChangeEvent"("alertedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RankSnapshot_group_key" ON "RankSnapshot"("group");

