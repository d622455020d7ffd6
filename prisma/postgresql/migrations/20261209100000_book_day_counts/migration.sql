-- CreateTable
CREATE TABLE "BookDayCount" (
    "marketId" INTEGER NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "BookDayCount_pkey" PRIMARY KEY ("marketId","day")
);

-- CreateIndex
CREATE INDEX "BookDayCount_day_idx" ON "BookDayCount"("day");

-- AddForeignKey
ALTER TABLE "BookDayCount" ADD CONSTRAINT "BookDayCount_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Fill from the stored snapshots (timestamps without time zone hold UTC).
INSERT INTO "BookDayCount" ("marketId", "day", "count")
SELECT "marketId", date_trunc('day', "ts"), COUNT(*) FROM "BookSnapshot" GROUP BY "marketId", date_trunc('day', "ts");
