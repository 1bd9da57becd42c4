-- Incidents are now recorded by the incident service, and no row was ever written before, so the new
-- NOT NULL columns need no default. An incident may live in a GitLab project not registered here.
-- DropForeignKey
ALTER TABLE "Incident" DROP CONSTRAINT "Incident_projectId_fkey";

-- DropIndex
DROP INDEX "Incident_projectId_gitlabIssueIid_key";

-- AlterTable
ALTER TABLE "SlackInstallation" ADD COLUMN     "incidentChannels" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Incident" DROP COLUMN "messageId",
DROP COLUMN "projectId",
ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "gitlabIssueId" INTEGER NOT NULL,
ADD COLUMN     "gitlabProjectId" INTEGER NOT NULL,
ADD COLUMN     "incidentChannelId" TEXT,
ADD COLUMN     "projectPath" TEXT NOT NULL,
ADD COLUMN     "title" TEXT NOT NULL,
ADD COLUMN     "webUrl" TEXT NOT NULL,
ALTER COLUMN "channelId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "Incident_provider_teamId_incidentChannelId_idx" ON "Incident"("provider", "teamId", "incidentChannelId");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_gitlabProjectId_gitlabIssueIid_key" ON "Incident"("gitlabProjectId", "gitlabIssueIid");

