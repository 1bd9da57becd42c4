-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ChatProvider" AS ENUM ('slack', 'mattermost');

-- CreateEnum
CREATE TYPE "DestinationKind" AS ENUM ('slack_bot', 'slack_webhook', 'mattermost_webhook', 'mattermost_bot');

-- CreateEnum
CREATE TYPE "BranchScope" AS ENUM ('all', 'default', 'protected', 'default_and_protected');

-- CreateEnum
CREATE TYPE "LabelMatch" AS ENUM ('match_any', 'match_all');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sent', 'failed', 'skipped');

-- CreateEnum
CREATE TYPE "InstallRequestStatus" AS ENUM ('pending', 'approved', 'denied');

-- CreateTable
CREATE TABLE "SlackInstallation" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL DEFAULT '',
    "teamName" TEXT NOT NULL,
    "appId" TEXT,
    "botUserId" TEXT NOT NULL,
    "botTokenSealed" TEXT NOT NULL,
    "scopes" TEXT[],
    "installedBy" TEXT,
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "SlackInstallation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstallRequest" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "teamName" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "status" "InstallRequestStatus" NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InstallRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MattermostConnection" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "botTokenSealed" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MattermostConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MattermostCommand" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "projectId" TEXT,
    "remoteId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MattermostCommand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "gitlabProjectId" INTEGER NOT NULL,
    "pathWithNamespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "webUrl" TEXT NOT NULL,
    "defaultBranch" TEXT NOT NULL DEFAULT 'main',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectAlias" (
    "alias" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectAlias_pkey" PRIMARY KEY ("alias")
);

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "secretHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastEventAt" TIMESTAMP(3),
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Integration" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "destination" "DestinationKind" NOT NULL,
    "slackInstallationId" TEXT,
    "mattermostConnectionId" TEXT,
    "webhookUrlSealed" TEXT,
    "defaultChannel" TEXT,
    "username" TEXT,
    "confidentialChannels" TEXT[],
    "threading" BOOLEAN NOT NULL DEFAULT true,
    "notifyOnlyBrokenPipelines" BOOLEAN NOT NULL DEFAULT true,
    "notifyOnlyWhenPipelineStatusChanges" BOOLEAN NOT NULL DEFAULT false,
    "branchesToBeNotified" "BranchScope" NOT NULL DEFAULT 'default',
    "branchInclude" TEXT[],
    "branchExclude" TEXT[],
    "labelsToBeNotified" TEXT[],
    "labelsBehavior" "LabelMatch" NOT NULL DEFAULT 'match_any',
    "labelsExclude" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Integration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntegrationRoute" (
    "integrationId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "channels" TEXT[],

    CONSTRAINT "IntegrationRoute_pkey" PRIMARY KEY ("integrationId","event")
);

-- CreateTable
CREATE TABLE "ChatIdentity" (
    "id" TEXT NOT NULL,
    "provider" "ChatProvider" NOT NULL,
    "teamId" TEXT NOT NULL,
    "chatUserId" TEXT NOT NULL,
    "gitlabUserId" INTEGER NOT NULL,
    "gitlabUsername" TEXT NOT NULL,
    "accessTokenSealed" TEXT NOT NULL,
    "refreshTokenSealed" TEXT,
    "tokenExpiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "body" JSONB NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastErrorCode" TEXT,
    "lastErrorMessage" TEXT,
    "remoteMessageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryAttempt" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "httpStatus" INTEGER,
    "durationMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "gitlabIssueIid" INTEGER NOT NULL,
    "provider" "ChatProvider" NOT NULL,
    "teamId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "messageId" TEXT,
    "declaredBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SlackInstallation_teamId_enterpriseId_key" ON "SlackInstallation"("teamId", "enterpriseId");

-- CreateIndex
CREATE INDEX "InstallRequest_status_createdAt_idx" ON "InstallRequest"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MattermostConnection_name_key" ON "MattermostConnection"("name");

-- CreateIndex
CREATE UNIQUE INDEX "MattermostCommand_tokenHash_key" ON "MattermostCommand"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "MattermostCommand_connectionId_teamId_trigger_key" ON "MattermostCommand"("connectionId", "teamId", "trigger");

-- CreateIndex
CREATE UNIQUE INDEX "Project_gitlabProjectId_key" ON "Project"("gitlabProjectId");

-- CreateIndex
CREATE UNIQUE INDEX "Project_pathWithNamespace_key" ON "Project"("pathWithNamespace");

-- CreateIndex
CREATE INDEX "WebhookEndpoint_projectId_idx" ON "WebhookEndpoint"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "Integration_projectId_name_key" ON "Integration"("projectId", "name");

-- CreateIndex
CREATE INDEX "ChatIdentity_gitlabUserId_idx" ON "ChatIdentity"("gitlabUserId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatIdentity_provider_teamId_chatUserId_key" ON "ChatIdentity"("provider", "teamId", "chatUserId");

-- CreateIndex
CREATE INDEX "Delivery_status_createdAt_idx" ON "Delivery"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Delivery_integrationId_createdAt_idx" ON "Delivery"("integrationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_integrationId_eventKey_channel_key" ON "Delivery"("integrationId", "eventKey", "channel");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_deliveryId_idx" ON "DeliveryAttempt"("deliveryId");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_projectId_gitlabIssueIid_key" ON "Incident"("projectId", "gitlabIssueIid");

-- CreateIndex
CREATE INDEX "AuditEntry_createdAt_idx" ON "AuditEntry"("createdAt");

-- AddForeignKey
ALTER TABLE "MattermostCommand" ADD CONSTRAINT "MattermostCommand_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "MattermostConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MattermostCommand" ADD CONSTRAINT "MattermostCommand_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectAlias" ADD CONSTRAINT "ProjectAlias_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_slackInstallationId_fkey" FOREIGN KEY ("slackInstallationId") REFERENCES "SlackInstallation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_mattermostConnectionId_fkey" FOREIGN KEY ("mattermostConnectionId") REFERENCES "MattermostConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntegrationRoute" ADD CONSTRAINT "IntegrationRoute_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryAttempt" ADD CONSTRAINT "DeliveryAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

