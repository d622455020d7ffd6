-- CreateIndex
CREATE INDEX "IngestRun_status_idx" ON "IngestRun"("status");
