import { GitLabClient, type GitLabApi } from '@chatops/gitlab';

/** A poll reads one page at a time; GitLab answers one within seconds. */
const TIMEOUT_MS = 10_000;

/**
 * GitLab for a project's token: the configured instance (GITLAB_URL), else the origin of the
 * project's web URL, as the notifier's pipeline lookups do. One client per instance.
 */
export function projectGitLab(configuredUrl: string | undefined): (projectWebUrl: string, token: string) => GitLabApi {
  const clients = new Map<string, GitLabClient>();
  return (projectWebUrl, token) => {
    const url = configuredUrl ?? new URL(projectWebUrl).origin;
    let client = clients.get(url);
    if (!client) {
      if (clients.size >= 100) clients.clear();
      client = new GitLabClient({ url, timeoutMs: TIMEOUT_MS });
      clients.set(url, client);
    }
    return client.withToken(token);
  };
}
