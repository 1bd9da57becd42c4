import { type GitLabClient } from '@chatops/gitlab';
import { type GitLabOAuth } from '@chatops/identity';
import { type AdminClient } from './admin-client';

/** Where the console is mounted, and the OAuth callback GitLab redirects back to. */
export const CONSOLE_PREFIX = '/console';
export const CONSOLE_CALLBACK_PATH = `${CONSOLE_PREFIX}/auth/callback`;

/** What the console needs; the gateway's composition root builds it (or a process of its own). */
export interface ConsoleOptions {
  /** The admin API, which does every change and every check: the console adds no rules of its own. */
  admin: AdminClient;
  /** GitLab's REST API, opened with the signed-in user's OAuth token. */
  gitlab: GitLabClient;
  /** The same GitLab OAuth application as account linking, redirecting to CONSOLE_CALLBACK_PATH. */
  oauth: GitLabOAuth;
  /** 32 bytes that encrypt and authenticate the session cookie. */
  sessionKey: Buffer;
  /** How long a sign-in lasts. */
  sessionTtlSeconds: number;
  /** GitLab usernames that administer chatops without being GitLab instance administrators. */
  consoleAdmins: readonly string[];
  /** `https://…` turns on the cookie's Secure flag. */
  publicUrl: string;
  now?: () => number;
}
