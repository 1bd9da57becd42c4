-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "signingSecretSealed" TEXT;

