-- AlterTable
ALTER TABLE "BookSnapshot" ADD COLUMN     "aggregated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "exactLevels" INTEGER;

