import { type Db, type SqlPool } from '../client';
import { statementName } from '../statement-names';

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
  | { kind: 'anchored'; anchor: ThreadRootMessage }
  /** This caller starts the thread: post the root, then `saveThreadRoot` (or `releaseThreadRoot`). */
  | { kind: 'claimed' }
  /** Another delivery is posting the root right now: try again shortly. */
  | { kind: 'posting' };

/**
 * Finds a thread's root or claims the right to post it, atomically across replicas (the claim is
 * the anchor row, with an empty message id). See docs/delivery.md#thread-anchors. Plain SQL, not
 * Prisma: every threaded delivery asks, and Prisma compiles each call's query anew. Named
 * statements unless the pool forbids them (docs/scale-out.md).
 */
export async function claimThreadRoot(sql: SqlPool, key: ThreadAnchorKey, staleAfterMs: number): Promise<ThreadRoot> {
  const keyValues = [key.integrationId, key.channel, key.threadKey];
  const found = await sql.query<ThreadRootMessage>({
    name: statementName(sql, 'chatops_thread_root'),
    text: `SELECT "remoteChannel", "remoteMessageId" FROM "ThreadAnchor"
            WHERE "integrationId" = $1 AND channel = $2 AND "threadKey" = $3`,
    values: keyValues,
  });
  const anchor = found.rows[0];
  if (anchor && anchor.remoteMessageId !== POSTING) return { kind: 'anchored', anchor };
  if (!anchor) {
    const inserted = await sql.query({
      name: statementName(sql, 'chatops_claim_new_thread_root'),
      text: `INSERT INTO "ThreadAnchor" ("integrationId", channel, "threadKey", "remoteChannel", "remoteMessageId", "createdAt", "updatedAt")
             VALUES ($1, $2, $3, $4, $4, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
             ON CONFLICT DO NOTHING`,
      values: [...keyValues, POSTING],
    });
    return inserted.rowCount === 1 ? { kind: 'claimed' } : claimThreadRoot(sql, key, staleAfterMs);
  }
  // A claim nobody finished (its holder crashed mid-post) may be taken over once it is stale.
  const taken = await sql.query({
    name: statementName(sql, 'chatops_take_over_thread_root'),
    text: `UPDATE "ThreadAnchor" SET "updatedAt" = now() AT TIME ZONE 'UTC'
            WHERE "integrationId" = $1 AND channel = $2 AND "threadKey" = $3 AND "remoteMessageId" = $4
              AND "updatedAt" < now() AT TIME ZONE 'UTC' - $5::bigint * interval '1 millisecond'`,
    values: [...keyValues, POSTING, staleAfterMs],
  });
  return taken.rowCount === 1 ? { kind: 'claimed' } : { kind: 'posting' };
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
