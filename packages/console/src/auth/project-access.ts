import { AccessLevel, type GitLabClient } from '@chatops/gitlab';
import { type ConsoleUser } from './session-data';

interface Cached {
  ids: Set<number>;
  until: number;
}

/** GitLab keeps at most this many projects per page; a user maintaining more sees the most active ones. */
const MAX_PROJECTS = 100;

/**
 * Which GitLab projects a user may manage in the console: all of them for an administrator,
 * otherwise those where GitLab says they are Maintainer or Owner, asked as the user and cached
 * briefly (a role removed in GitLab stops counting within `ttlMs`).
 */
export class ProjectAccess {
  private readonly cache = new Map<number, Cached>();

  constructor(
    private readonly gitlab: GitLabClient,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async maintained(user: ConsoleUser, accessToken: string): Promise<Set<number> | 'all'> {
    if (user.isAdmin) return 'all';
    const cached = this.cache.get(user.id);
    if (cached && cached.until > this.now()) return cached.ids;
    const projects = await this.gitlab.asUser(accessToken).memberProjects(AccessLevel.Maintainer, MAX_PROJECTS);
    const ids = new Set(projects.map((p) => p.id));
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(user.id, { ids, until: this.now() + this.ttlMs });
    return ids;
  }

  forget(userId: number): void {
    this.cache.delete(userId);
  }
}
