import { createHash } from 'node:crypto';
import { type GitLabOAuthAppInput } from './types.js';

export const DEFAULT_APP_SCOPES = ['api', 'read_user', 'read_api', 'openid', 'profile', 'email'];
/** GitLab access tokens live two hours; authorization codes ten minutes (Doorkeeper's defaults). */
export const ACCESS_TOKEN_TTL_SECONDS = 7200;
export const CODE_TTL_MS = 10 * 60 * 1000;

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  scopes: string[];
  confidential: boolean;
}

export interface AuthorizationGrant {
  clientId: string;
  redirectUri: string;
  userId: number;
  scopes: string[];
  challenge: string | undefined;
  challengeMethod: 'S256' | 'plain';
  issuedAt: number;
  used: boolean;
}

export interface RefreshGrant {
  clientId: string;
  userId: number;
  scopes: string[];
  accessToken: string;
  revoked: boolean;
}

/** OAuth applications, issued authorization codes and refresh tokens, and who is "signed in" in the browser. */
export class OAuthStore {
  readonly apps = new Map<string, OAuthApp>();
  readonly codes = new Map<string, AuthorizationGrant>();
  readonly refreshTokens = new Map<string, RefreshGrant>();
  browserUserId: number | undefined;

  addApp(input: GitLabOAuthAppInput): void {
    this.apps.set(input.clientId, {
      clientId: input.clientId,
      clientSecret: input.clientSecret,
      redirectUris: Array.isArray(input.redirectUri) ? input.redirectUri : [input.redirectUri],
      scopes: input.scopes ?? DEFAULT_APP_SCOPES,
      confidential: input.confidential ?? true,
    });
  }

  clear(): void {
    this.apps.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.browserUserId = undefined;
  }
}

/** RFC 7636: S256 compares BASE64URL(SHA256(verifier)) with the challenge; plain compares them directly. */
export function verifierMatches(grant: AuthorizationGrant, verifier: string | undefined): boolean {
  if (grant.challenge === undefined) return true;
  if (verifier === undefined || verifier === '') return false;
  const computed =
    grant.challengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return computed === grant.challenge;
}
