-- CreateTable
CREATE TABLE "VenueIncidentLedger" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "venueId" INTEGER NOT NULL,
    "reviewedFrom" DATETIME,
    "reviewedTo" DATETIME,
    "note" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VenueIncidentLedger_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VenueIncident" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "venueId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "mechanism" TEXT NOT NULL,
    "durationMinutes" REAL,
    "lossesUsd" REAL,
    "compensation" TEXT,
    "compensationUsd" REAL,
    "severity" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "thirdPartyReason" TEXT,
    "extraSources" TEXT NOT NULL DEFAULT '[]',
    "asOf" DATETIME NOT NULL,
    CONSTRAINT "VenueIncident_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "VenueIncidentLedger_venueId_key" ON "VenueIncidentLedger"("venueId");

-- CreateIndex
CREATE INDEX "VenueIncident_venueId_startedAt_idx" ON "VenueIncident"("venueId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "VenueIncident_venueId_key_key" ON "VenueIncident"("venueId", "key");

