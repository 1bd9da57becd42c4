import { type Db } from '../client';
import { type ThreadAnchor } from '../generated/prisma/client';

export interface ThreadAnchorKey {
  integrationId: string;
  channel: string;
  threadKey: string;
}

export function findThreadAnchor(db: Db, key: ThreadAnchorKey): Promise<ThreadAnchor | null> {
  return db.threadAnchor.findUnique({ where: { integrationId_channel_threadKey: key } });
}

/**
 * Records the root message of a thread. When two deliveries race to start the same thread, the
 * first anchor wins and the other message simply stays a separate root.
 */
export async function saveThreadAnchor(db: Db, key: ThreadAnchorKey, root: { remoteChannel: string; remoteMessageId: string }): Promise<void> {
  await db.threadAnchor.createMany({ data: [{ ...key, ...root }], skipDuplicates: true });
}

/** Points a thread at a new root, after the old one could no longer be edited (deleted in chat). */
export async function replaceThreadAnchor(db: Db, key: ThreadAnchorKey, root: { remoteChannel: string; remoteMessageId: string }): Promise<void> {
  await db.threadAnchor.upsert({ where: { integrationId_channel_threadKey: key }, create: { ...key, ...root }, update: root });
}
