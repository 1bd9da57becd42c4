import { AppError, ErrorCode } from '@chatops/errors';
import { AuthorizationCode } from 'simple-oauth2';

export interface GitLabOAuthOptions {
  gitlabUrl: string;
  clientId: string;
  clientSecret: string;
  /** The gateway's callback, registered on the GitLab OAuth application. */
  redirectUri: string;
  timeoutMs?: number;
}

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date | null;
}

/** GitLab refused the grant (code used or expired, refresh token revoked): the user must link again. */
export class OAuthGrantRejected extends AppError {
  constructor(message: string, cause?: unknown) {
    super(ErrorCode.GitLabRejected, message, { cause });
  }
}

/** Only `api` lets commands create issues, comment, play jobs and run pipelines as the user. */
const SCOPE = 'api';

/**
 * GitLab's OAuth 2 authorization-code flow with PKCE, as a confidential client: building the
 * authorize URL, exchanging the code, refreshing and revoking tokens (simple-oauth2 does the HTTP).
 */
export class GitLabOAuth {
  private readonly client: AuthorizationCode;
  private readonly timeoutMs: number;

  constructor(private readonly options: GitLabOAuthOptions) {
    this.client = new AuthorizationCode({
      client: { id: options.clientId, secret: options.clientSecret },
      auth: {
        tokenHost: options.gitlabUrl,
        tokenPath: '/oauth/token',
        authorizePath: '/oauth/authorize',
        revokePath: '/oauth/revoke',
      },
      options: { authorizationMethod: 'body' },
    });
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  authorizationUrl(state: string, codeChallenge: string): string {
    // simple-oauth2 passes extra parameters through; its types only know the classic three.
    const params = {
      redirect_uri: this.options.redirectUri,
      scope: SCOPE,
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    };
    return this.client.authorizeURL(params);
  }

  async exchangeCode(code: string, codeVerifier: string): Promise<OAuthTokens> {
    const params = { code, redirect_uri: this.options.redirectUri, code_verifier: codeVerifier };
    return this.tokensFrom(() => this.client.getToken(params, { timeout: this.timeoutMs }));
  }

  async refresh(refreshToken: string): Promise<OAuthTokens> {
    const token = this.client.createToken({ access_token: '', refresh_token: refreshToken });
    return this.tokensFrom(() => token.refresh({}, { timeout: this.timeoutMs }));
  }

  /** Revokes an access or refresh token; GitLab answers 200 even for unknown tokens. */
  async revoke(tokens: { accessToken: string; refreshToken: string | null }): Promise<void> {
    const token = this.client.createToken({
      access_token: tokens.accessToken,
      refresh_token: tokens.refreshToken ?? undefined,
    });
    try {
      await token.revoke('access_token', { timeout: this.timeoutMs });
      if (tokens.refreshToken) await token.revoke('refresh_token', { timeout: this.timeoutMs });
    } catch (error) {
      throw toOAuthError(error);
    }
  }

  private async tokensFrom(request: () => Promise<{ token: Record<string, unknown> }>): Promise<OAuthTokens> {
    let token: Record<string, unknown>;
    try {
      ({ token } = await request());
    } catch (error) {
      throw toOAuthError(error);
    }
    const accessToken = token['access_token'];
    if (typeof accessToken !== 'string' || accessToken === '')
      throw new AppError(ErrorCode.GitLabRejected, 'GitLab returned no access token');
    const refreshToken = typeof token['refresh_token'] === 'string' ? token['refresh_token'] : null;
    const expiresAt = token['expires_at'] instanceof Date ? token['expires_at'] : null;
    return { accessToken, refreshToken, expiresAt };
  }
}

interface BoomLike {
  isBoom?: boolean;
  output?: { statusCode?: number };
  data?: { payload?: { error?: unknown; error_description?: unknown } };
}

/** 4xx from the token endpoint: the grant is dead; anything else may pass (network, 5xx). */
function toOAuthError(error: unknown): AppError {
  const boom = error as BoomLike;
  const status = boom.output?.statusCode;
  if (boom.isBoom && status !== undefined && status >= 400 && status < 500) {
    const payload = boom.data?.payload;
    const reason = typeof payload?.error === 'string' ? payload.error : `HTTP ${status}`;
    return new OAuthGrantRejected(`GitLab refused the OAuth grant: ${reason}`, error);
  }
  return new AppError(ErrorCode.GitLabUnavailable, 'GitLab OAuth is unreachable', { retryable: true, cause: error });
}
