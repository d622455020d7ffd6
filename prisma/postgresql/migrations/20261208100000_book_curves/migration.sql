-- AlterTable
ALTER TABLE "BookSnapshot" ADD COLUMN     "curve" BYTEA;

-- CreateTable
CREATE TABLE "BookDay" (
    "marketId" INTEGER NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "packed" BYTEA NOT NULL,

    CONSTRAINT "BookDay_pkey" PRIMARY KEY ("marketId","day")
);

-- AddForeignKey
ALTER TABLE "BookDay" ADD CONSTRAINT "BookDay_marketId_fkey" FOREIGN KEY ("marketId") REFERENCES "Market"("id") ON DELETE CASCADE ON UPDATE CASCADE;

