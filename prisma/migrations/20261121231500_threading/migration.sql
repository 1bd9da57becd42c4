-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "threadKey" TEXT;

-- CreateTable
CREATE TABLE "ThreadAnchor" (
    "integrationId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "threadKey" TEXT NOT NULL,
    "remoteChannel" TEXT NOT NULL,
    "remoteMessageId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThreadAnchor_pkey" PRIMARY KEY ("integrationId","channel","threadKey")
);

-- AddForeignKey
ALTER TABLE "ThreadAnchor" ADD CONSTRAINT "ThreadAnchor_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

