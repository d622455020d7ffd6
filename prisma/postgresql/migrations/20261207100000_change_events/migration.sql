-- CreateTable
CREATE TABLE "ChangeEvent" (
    "id" SERIAL NOT NULL,
    "venueId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "detectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary" TEXT NOT NULL,
    "details" TEXT NOT NULL,
    "provenance" "Provenance" NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "ingestRunId" INTEGER,
    "alertedAt" TIMESTAMP(3),
    "alertAttempts" INTEGER NOT NULL DEFAULT 0,
    "alertError" TEXT,
    "alertClaimedAt" TIMESTAMP(3),

    CONSTRAINT "ChangeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RankSnapshot" (
    "id" SERIAL NOT NULL,
    "group" TEXT NOT NULL,
    "ranks" TEXT NOT NULL,
    "runId" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RankSnapshot_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "ChangeEvent" ADD CONSTRAINT "ChangeEvent_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

