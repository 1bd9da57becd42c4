import { type Db } from '../client';
import { type ThreadAnchor } from '../generated/prisma/client';

export interface ThreadAnchorKey {
  integrationId: string;
  channel: string;
  threadKey: string;
}

export interface ThreadRootMessage {
  remoteChannel: string;
  remoteMessageId: string;
}

/** The message id of an anchor whose root is still being posted. */
const POSTING = '';

/** Where a thread stands for a delivery about to post into it. */
export type ThreadRoot =
  /** The thread exists: reply under (or edit) this message. */
  | { kind: 'anchored'; anchor: ThreadAnchor }
  /** This caller starts the thread: post the root, then `saveThreadRoot` (or `releaseThreadRoot`). */
  | { kind: 'claimed' }
  /** Another delivery is posting the root right now: try again shortly. */
  | { kind: 'posting' };

/**
 * Finds a thread's root or claims the right to post it, atomically across replicas (the claim is
 * the anchor row, with an empty message id). See docs/delivery.md#thread-anchors.
 */
export async function claimThreadRoot(db: Db, key: ThreadAnchorKey, staleAfterMs: number): Promise<ThreadRoot> {
  const anchor = await db.threadAnchor.findUnique({ where: { integrationId_channel_threadKey: key } });
  if (anchor && anchor.remoteMessageId !== POSTING) return { kind: 'anchored', anchor };
  if (!anchor) {
    const { count } = await db.threadAnchor.createMany({
      data: [{ ...key, remoteChannel: POSTING, remoteMessageId: POSTING }],
      skipDuplicates: true,
    });
    return count === 1 ? { kind: 'claimed' } : claimThreadRoot(db, key, staleAfterMs);
  }
  const { count } = await db.threadAnchor.updateMany({
    where: { ...key, remoteMessageId: POSTING, updatedAt: { lt: new Date(Date.now() - staleAfterMs) } },
    data: { updatedAt: new Date() },
  });
  return count === 1 ? { kind: 'claimed' } : { kind: 'posting' };
}

/** Records a thread's root message: after a claim, or when the old root could no longer be edited. */
export async function saveThreadRoot(db: Db, key: ThreadAnchorKey, root: ThreadRootMessage): Promise<void> {
  await db.threadAnchor.upsert({
    where: { integrationId_channel_threadKey: key },
    create: { ...key, ...root },
    update: root,
  });
}

/** Gives up a claim whose root could not be posted, so the next delivery may start the thread. */
export async function releaseThreadRoot(db: Db, key: ThreadAnchorKey): Promise<void> {
  await db.threadAnchor.deleteMany({ where: { ...key, remoteMessageId: POSTING } });
}
