-- AlterTable
ALTER TABLE "SavedReport" ADD COLUMN     "summary" TEXT;

