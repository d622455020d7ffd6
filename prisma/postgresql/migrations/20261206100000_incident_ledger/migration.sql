-- CreateTable
CREATE TABLE "VenueIncidentLedger" (
    "id" SERIAL NOT NULL,
    "venueId" INTEGER NOT NULL,
    "reviewedFrom" TIMESTAMP(3),
    "reviewedTo" TIMESTAMP(3),
    "note" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VenueIncidentLedger_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VenueIncident" (
    "id" SERIAL NOT NULL,
    "venueId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "mechanism" TEXT NOT NULL,
    "durationMinutes" DOUBLE PRECISION,
    "lossesUsd" DOUBLE PRECISION,
    "compensation" TEXT,
    "compensationUsd" DOUBLE PRECISION,
    "severity" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "thirdPartyReason" TEXT,
    "extraSources" TEXT NOT NULL DEFAULT '[]',
    "asOf" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VenueIncident_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VenueIncidentLedger_venueId_key" ON "VenueIncidentLedger"("venueId");

-- CreateIndex
CREATE INDEX "VenueIncident_venueId_startedAt_idx" ON "VenueIncident"("venueId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "VenueIncident_venueId_key_key" ON "VenueIncident"("venueId", "key");

-- AddForeignKey
ALTER TABLE "VenueIncidentLedger" ADD CONSTRAINT "VenueIncidentLedger_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VenueIncident" ADD CONSTRAINT "VenueIncident_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

