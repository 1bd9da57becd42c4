export { GitLabOAuth, type GitLabOAuthOptions, type OAuthTokens, OAuthGrantRejected } from './gitlab-oauth';
export { LinkRequests, type LinkRequest, type PendingAuthorization, LINK_TTL_SECONDS } from './link-requests';
export { UserTokens, LinkRevoked } from './user-tokens';
export { createPkcePair, randomToken } from './pkce';
export {
  gitlabLinkingFromEnv,
  linkUrl,
  OAUTH_CALLBACK_PATH,
  type GitLabLinking,
  type GitLabOAuthEnv,
} from './from-env';
export { authorizeReply, connectPrompt } from './connect-prompt';
