import { type FastifyInstance } from 'fastify';
import { accessLevel, authenticate, canSeeIssue } from '../access.js';
import { GitLabError } from '../errors.js';
import { paginate } from '../pagination.js';
import { issueJson } from '../serializers.js';
import { type GitLabProject } from '../types.js';
import { type GitLabRouteDeps, requestParams, text, view } from './context.js';
import { issueMatcher, sortIssues } from './issue-filters.js';

const SCOPES = ['created_by_me', 'assigned_to_me', 'all'] as const;

/**
 * GET /issues: the issues the user can see across projects. `scope` defaults to created_by_me;
 * only `scope=all` works without a token (public projects then), as in lib/api/issues.rb.
 */
export function registerGlobalIssueRoutes(app: FastifyInstance, deps: GitLabRouteDeps): void {
  const { state } = deps;

  app.get('/api/v4/issues', async (request, reply) => {
    const params = requestParams(request);
    const scope = text(params, 'scope') ?? 'created_by_me';
    if (!SCOPES.some((s) => s === scope)) throw GitLabError.invalidValue('scope');
    const actor = authenticate(state, request, 'read', scope !== 'all');
    const matches = issueMatcher(params);
    const visibleProject = (project: GitLabProject) =>
      project.visibility === 'public' ||
      (project.visibility === 'internal' && actor !== undefined) ||
      accessLevel(actor, project) > 0;
    const issues = [...state.issues.values()].filter((issue) => {
      const project = state.projects.get(issue.projectId);
      if (project === undefined || !visibleProject(project) || !canSeeIssue(actor, project, issue)) return false;
      if (scope === 'created_by_me' && issue.authorId !== actor?.user.id) return false;
      if (scope === 'assigned_to_me' && (actor === undefined || !issue.assigneeIds.includes(actor.user.id)))
        return false;
      return matches(issue);
    });
    return paginate(request, reply, deps.baseUrl(), sortIssues(issues, params)).map((issue) =>
      issueJson(view(deps), issue),
    );
  });
}
