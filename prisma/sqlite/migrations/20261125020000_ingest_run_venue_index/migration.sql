-- CreateIndex
CREATE INDEX "IngestRun_venueId_idx" ON "IngestRun"("venueId");

