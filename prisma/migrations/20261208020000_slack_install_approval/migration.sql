-- AlterTable
ALTER TABLE "SlackInstallation" ADD COLUMN     "manifest" JSONB,
ADD COLUMN     "pendingApproval" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "InstallRequest" ADD COLUMN     "decisionNote" TEXT,
ADD COLUMN     "enterpriseId" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "installationId" TEXT,
ADD COLUMN     "message" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE UNIQUE INDEX "InstallRequest_installationId_key" ON "InstallRequest"("installationId");

-- AddForeignKey
ALTER TABLE "InstallRequest" ADD CONSTRAINT "InstallRequest_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "SlackInstallation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

