-- AlterTable
ALTER TABLE "BookSnapshot" ADD COLUMN "curve" BLOB;

-- CreateTable
CREATE TABLE "BookDay" (
    "marketId" INTEGER NOT NULL,
    "day" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "packed" BLOB NOT NULL,

    PRIMARY KEY ("marketId", "day"),
    CONSTRAINT "BookDay_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

