-- CreateEnum
CREATE TYPE "EndpointScope" AS ENUM ('project', 'group');

-- DropForeignKey
ALTER TABLE "Integration" DROP CONSTRAINT "Integration_slackInstallationId_fkey";

-- DropForeignKey
ALTER TABLE "Integration" DROP CONSTRAINT "Integration_mattermostConnectionId_fkey";

-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "scope" "EndpointScope" NOT NULL DEFAULT 'project';

-- AddForeignKey
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_slackInstallationId_fkey" FOREIGN KEY ("slackInstallationId") REFERENCES "SlackInstallation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_mattermostConnectionId_fkey" FOREIGN KEY ("mattermostConnectionId") REFERENCES "MattermostConnection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

