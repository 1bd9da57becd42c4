-- CreateTable
CREATE TABLE "AlertPoll" (
    "projectId" TEXT NOT NULL,
    "lastAlertIid" INTEGER,
    "lastPolledAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertPoll_pkey" PRIMARY KEY ("projectId")
);

-- AddForeignKey
ALTER TABLE "AlertPoll" ADD CONSTRAINT "AlertPoll_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

