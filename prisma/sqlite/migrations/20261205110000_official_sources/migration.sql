-- AlterTable
ALTER TABLE "VenueFact" ADD COLUMN "thirdPartyReason" TEXT;

-- CreateTable
CREATE TABLE "VenueOfficialDomain" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "venueId" INTEGER NOT NULL,
    "domain" TEXT NOT NULL,
    CONSTRAINT "VenueOfficialDomain_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "VenueOfficialDomain_venueId_domain_key" ON "VenueOfficialDomain"("venueId", "domain");

