-- AlterTable
ALTER TABLE "VenueFact" ADD COLUMN     "thirdPartyReason" TEXT;

-- CreateTable
CREATE TABLE "VenueOfficialDomain" (
    "id" SERIAL NOT NULL,
    "venueId" INTEGER NOT NULL,
    "domain" TEXT NOT NULL,

    CONSTRAINT "VenueOfficialDomain_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VenueOfficialDomain_venueId_domain_key" ON "VenueOfficialDomain"("venueId", "domain");

-- AddForeignKey
ALTER TABLE "VenueOfficialDomain" ADD CONSTRAINT "VenueOfficialDomain_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

