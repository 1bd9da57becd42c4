-- CreateEnum
CREATE TYPE "SlackInstallPolicy" AS ENUM ('open', 'approval');

-- CreateTable
CREATE TABLE "SlackAppSettings" (
    "id" TEXT NOT NULL DEFAULT 'slack',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "clientId" TEXT,
    "clientSecretSealed" TEXT,
    "signingSecretSealed" TEXT,
    "verificationTokenSealed" TEXT,
    "installPolicy" "SlackInstallPolicy" NOT NULL DEFAULT 'approval',
    "preApprovedTeamIds" TEXT[],
    "approvalLink" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackAppSettings_pkey" PRIMARY KEY ("id")
);

