-- The cache's total size (SUM of bytes, read on every store) and its oldest entries come from this index alone,
-- not from rows that hold the cached JSON.
-- DropIndex
DROP INDEX "FigureCache_computedAt_idx";

-- CreateIndex
CREATE INDEX "FigureCache_computedAt_bytes_idx" ON "FigureCache"("computedAt", "bytes");
