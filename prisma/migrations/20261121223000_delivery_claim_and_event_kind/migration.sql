-- AlterEnum
ALTER TYPE "DeliveryStatus" ADD VALUE 'sending' AFTER 'pending';

-- AlterTable (a rename, written by hand so existing rows keep their value)
ALTER TABLE "Delivery" RENAME COLUMN "eventName" TO "eventKind";
