-- AlterTable
ALTER TABLE "IngestRun" ADD COLUMN "touched" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FigureCache" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "dataVersion" INTEGER NOT NULL,
    "json" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "scope" TEXT,
    "bytes" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_FigureCache" ("computedAt", "dataVersion", "id", "json", "key") SELECT "computedAt", "dataVersion", "id", "json", "key" FROM "FigureCache";
DROP TABLE "FigureCache";
ALTER TABLE "new_FigureCache" RENAME TO "FigureCache";
CREATE UNIQUE INDEX "FigureCache_key_key" ON "FigureCache"("key");
CREATE INDEX "FigureCache_computedAt_idx" ON "FigureCache"("computedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Existing cache rows count toward the size cap.
UPDATE "FigureCache" SET "bytes" = length("json");
