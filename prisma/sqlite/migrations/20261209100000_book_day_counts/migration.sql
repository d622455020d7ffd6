-- CreateTable
CREATE TABLE "BookDayCount" (
    "marketId" INTEGER NOT NULL,
    "day" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("marketId", "day"),
    CONSTRAINT "BookDayCount_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "BookDayCount_day_idx" ON "BookDayCount"("day");

-- Fill from the stored snapshots (times are stored as UTC text in the adapter's format).
INSERT INTO "BookDayCount" ("marketId", "day", "count")
SELECT "marketId", strftime('%Y-%m-%dT00:00:00.000+00:00', "ts"), COUNT(*) FROM "BookSnapshot" GROUP BY "marketId", strftime('%Y-%m-%dT00:00:00.000+00:00', "ts");
