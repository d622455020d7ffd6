-- CreateTable
CREATE TABLE "FigureCache" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "dataVersion" INTEGER NOT NULL,
    "json" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "FigureCache_key_key" ON "FigureCache"("key");

