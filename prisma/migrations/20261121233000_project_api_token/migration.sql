-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "apiTokenSealed" TEXT;

