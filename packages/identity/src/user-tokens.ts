import {
  type ChatIdentity,
  type Db,
  deleteChatIdentity,
  type SecretBox,
  updateChatIdentityTokens,
  withChatIdentityLocked,
} from '@chatops/db';
import { type GitLabOAuth, OAuthGrantRejected } from './gitlab-oauth';

/** Refresh a little before expiry, so a token does not lapse between our check and GitLab's. */
const REFRESH_MARGIN_MS = 60_000;

/** The chat user's GitLab authorization is gone (revoked, or the refresh token was rejected). */
export class LinkRevoked extends Error {
  constructor(readonly identityId: string) {
    super('the GitLab authorization of this chat user is no longer valid');
    this.name = 'LinkRevoked';
  }
}

/**
 * Hands out a linked user's GitLab access token, refreshing it when it is about to expire. A
 * refresh holds the identity's row lock, so replicas racing on one user refresh once.
 */
export class UserTokens {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly oauth: GitLabOAuth,
    private readonly now: () => number = Date.now,
  ) {}

  async accessToken(identity: ChatIdentity): Promise<string> {
    if (!this.expiresSoon(identity)) return this.box.open(identity.accessTokenSealed);
    return this.refreshOrForget(identity, (current) =>
      this.expiresSoon(current) ? null : this.box.open(current.accessTokenSealed),
    );
  }

  /**
   * GitLab answered 401 to `rejectedToken` although our clock still counts it valid (clocks apart,
   * or GitLab expired it early). Rather than unlink at once, the refresh token is tried, as GitLab
   * itself suggests ("you can either do re-authorization or token refresh"). Resolves with the new
   * token (or the one another replica just refreshed to); throws `LinkRevoked`, having deleted the
   * link, when there is no refresh token or GitLab refuses it.
   */
  async renewRejected(identity: ChatIdentity, rejectedToken: string): Promise<string> {
    return this.refreshOrForget(identity, (current) => {
      const token = this.box.open(current.accessTokenSealed);
      return token === rejectedToken ? null : token;
    });
  }

  /**
   * Refreshes under the identity's row lock, unless `stillGood` finds (under the lock) a token that
   * needs no refresh after all. A link GitLab will not refresh is deleted.
   */
  private async refreshOrForget(
    identity: ChatIdentity,
    stillGood: (current: ChatIdentity) => string | null,
  ): Promise<string> {
    const refreshed = await withChatIdentityLocked(this.db, identity.id, async (current, tx) => {
      if (current === null) return null;
      const good = stillGood(current);
      if (good !== null) return good;
      if (current.refreshTokenSealed === null) return null;
      try {
        const tokens = await this.oauth.refresh(this.box.open(current.refreshTokenSealed));
        await updateChatIdentityTokens(tx, this.box, current.id, { ...tokens, tokenExpiresAt: tokens.expiresAt });
        return tokens.accessToken;
      } catch (error) {
        if (error instanceof OAuthGrantRejected) return null;
        throw error;
      }
    });
    if (refreshed === null) {
      await deleteChatIdentity(this.db, identity.id);
      throw new LinkRevoked(identity.id);
    }
    return refreshed;
  }

  /** Forgets a link after GitLab rejected its token outright (401): the user must link again. */
  async forget(identity: ChatIdentity): Promise<void> {
    await deleteChatIdentity(this.db, identity.id);
  }

  /** Unlinks: deletes the identity and revokes its tokens at GitLab (best effort: the row goes either way). */
  async unlink(identityId: string): Promise<ChatIdentity | null> {
    const deleted = await deleteChatIdentity(this.db, identityId);
    if (deleted === null) return null;
    const accessToken = this.box.open(deleted.accessTokenSealed);
    const refreshToken = deleted.refreshTokenSealed === null ? null : this.box.open(deleted.refreshTokenSealed);
    await this.oauth.revoke({ accessToken, refreshToken }).catch(() => undefined);
    return deleted;
  }

  private expiresSoon(identity: ChatIdentity): boolean {
    return identity.tokenExpiresAt !== null && identity.tokenExpiresAt.getTime() - REFRESH_MARGIN_MS <= this.now();
  }
}
