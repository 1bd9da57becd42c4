import { GitLabOAuth } from './gitlab-oauth';

export interface GitLabOAuthEnv {
  GITLAB_URL?: string | undefined;
  GITLAB_OAUTH_CLIENT_ID?: string | undefined;
  GITLAB_OAUTH_CLIENT_SECRET?: string | undefined;
  PUBLIC_URL: string;
}

export interface GitLabLinking {
  gitlabUrl: string;
  oauth: GitLabOAuth;
}

/** The path GitLab redirects back to; register `${PUBLIC_URL}${OAUTH_CALLBACK_PATH}` on the GitLab OAuth application. */
export const OAUTH_CALLBACK_PATH = '/oauth/gitlab/callback';

/** The GitLab OAuth client, when the environment configures one (null: account linking is off). */
export function gitlabLinkingFromEnv(env: GitLabOAuthEnv): GitLabLinking | null {
  const { GITLAB_URL: gitlabUrl, GITLAB_OAUTH_CLIENT_ID: clientId, GITLAB_OAUTH_CLIENT_SECRET: clientSecret } = env;
  if (!gitlabUrl || !clientId || !clientSecret) return null;
  return {
    gitlabUrl,
    oauth: new GitLabOAuth({
      gitlabUrl,
      clientId,
      clientSecret,
      redirectUri: `${env.PUBLIC_URL}${OAUTH_CALLBACK_PATH}`,
    }),
  };
}

/** The link a chat user opens to connect their GitLab account. */
export function linkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/link/gitlab/${token}`;
}
