import { type Db } from '../client';
import { type ChatIdentity, type ChatProvider, type Prisma } from '../generated/prisma/client';
import { type SecretBox } from '../secret-box';

export interface ChatUserRef {
  provider: ChatProvider;
  teamId: string;
  chatUserId: string;
}

export interface ChatIdentityInput extends ChatUserRef {
  gitlabUserId: number;
  gitlabUsername: string;
  accessToken: string;
  refreshToken: string | null;
  tokenExpiresAt: Date | null;
}

export function findChatIdentity(db: Db, { provider, teamId, chatUserId }: ChatUserRef): Promise<ChatIdentity | null> {
  return db.chatIdentity.findUnique({ where: { provider_teamId_chatUserId: { provider, teamId, chatUserId } } });
}

/** Links (or re-links) a chat user to a GitLab account; tokens are stored sealed. */
export function saveChatIdentity(db: Db, box: SecretBox, input: ChatIdentityInput): Promise<ChatIdentity> {
  const { accessToken, refreshToken, provider, teamId, chatUserId, ...rest } = input;
  const data = {
    ...rest,
    accessTokenSealed: box.seal(accessToken),
    refreshTokenSealed: refreshToken === null ? null : box.seal(refreshToken),
  };
  return db.chatIdentity.upsert({
    where: { provider_teamId_chatUserId: { provider, teamId, chatUserId } },
    create: { provider, teamId, chatUserId, ...data },
    update: data,
  });
}

/** Replaces the tokens after a refresh (GitLab rotates the refresh token on every use). */
export function updateChatIdentityTokens(
  db: Db | Prisma.TransactionClient,
  box: SecretBox,
  id: string,
  tokens: Pick<ChatIdentityInput, 'accessToken' | 'refreshToken' | 'tokenExpiresAt'>,
): Promise<ChatIdentity> {
  return db.chatIdentity.update({
    where: { id },
    data: {
      accessTokenSealed: box.seal(tokens.accessToken),
      refreshTokenSealed: tokens.refreshToken === null ? null : box.seal(tokens.refreshToken),
      tokenExpiresAt: tokens.tokenExpiresAt,
    },
  });
}

/** Deletes a link; returns what was deleted (so its tokens can be revoked at GitLab), or null. */
export async function deleteChatIdentity(db: Db, id: string): Promise<ChatIdentity | null> {
  const [deleted] = await db.$queryRaw<ChatIdentity[]>`DELETE FROM "ChatIdentity" WHERE id = ${id} RETURNING *`;
  return deleted ?? null;
}

export function findChatIdentityById(db: Db, id: string): Promise<ChatIdentity | null> {
  return db.chatIdentity.findUnique({ where: { id } });
}

export function listChatIdentities(db: Db, filter: { gitlabUsername?: string } = {}): Promise<ChatIdentity[]> {
  return db.chatIdentity.findMany({ where: filter, orderBy: { createdAt: 'asc' }, take: 1000 });
}

/**
 * Runs `fn` holding a row lock on one identity, so concurrent commands of the same user refresh
 * its token once (GitLab invalidates a refresh token when it is used). Writes inside `fn` must use
 * `tx`: the row is locked against every other connection.
 */
export function withChatIdentityLocked<T>(
  db: Db,
  id: string,
  fn: (current: ChatIdentity | null, tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  return db.$transaction(
    async (tx) => {
      const [current] = await tx.$queryRaw<ChatIdentity[]>`SELECT * FROM "ChatIdentity" WHERE id = ${id} FOR UPDATE`;
      return fn(current ?? null, tx);
    },
    { timeout: 20_000, maxWait: 10_000 },
  );
}
