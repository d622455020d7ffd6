-- AlterTable
ALTER TABLE "IngestRun" ADD COLUMN     "touched" TEXT;

-- AlterTable
ALTER TABLE "FigureCache" ADD COLUMN     "bytes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "scope" TEXT;

-- CreateIndex
CREATE INDEX "FigureCache_computedAt_idx" ON "FigureCache"("computedAt");


-- Existing cache rows count toward the size cap.
UPDATE "FigureCache" SET "bytes" = length("json");
