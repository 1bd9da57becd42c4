import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { authenticate, readableProject, requireLevel } from '../access.js';
import { GitLabError } from '../errors.js';
import { type GitLabState } from '../gitlab-state.js';
import { type GitLabProjectHook, HOOK_EVENT_FLAGS, type HookEventFlag } from '../incident-types.js';
import { paginate } from '../pagination.js';
import { AccessLevel, type GitLabProject } from '../types.js';
import { bool, type GitLabRouteDeps, integerParam, requestParams, text } from './context.js';

type HookParams = { Params: { id: string; hookId: string } };

/** ProjectHook's entity (lib/api/entities/project_hook.rb); the token is write-only. */
export function hookJson(hook: GitLabProjectHook): Record<string, unknown> {
  return {
    id: hook.id,
    url: hook.url,
    name: hook.name,
    description: hook.description,
    created_at: hook.createdAt,
    push_events: hook.events.push_events,
    tag_push_events: hook.events.tag_push_events,
    merge_requests_events: hook.events.merge_requests_events,
    repository_update_events: false,
    enable_ssl_verification: hook.enableSslVerification,
    alert_status: 'executable',
    disabled_until: null,
    url_variables: [],
    push_events_branch_filter: hook.pushEventsBranchFilter,
    branch_filter_strategy: 'wildcard',
    custom_webhook_template: '',
    custom_headers: [],
    project_id: hook.projectId,
    issues_events: hook.events.issues_events,
    confidential_issues_events: hook.events.confidential_issues_events,
    note_events: hook.events.note_events,
    confidential_note_events: hook.events.confidential_note_events,
    pipeline_events: hook.events.pipeline_events,
    wiki_page_events: hook.events.wiki_page_events,
    deployment_events: hook.events.deployment_events,
    feature_flag_events: hook.events.feature_flag_events,
    job_events: hook.events.job_events,
    releases_events: hook.events.releases_events,
    milestone_events: false,
    emoji_events: hook.events.emoji_events,
    resource_access_token_events: false,
    vulnerability_events: false,
  };
}

/**
 * WebHook's url validation. Unlike a default GitLab, loopback URLs are allowed: the fake's hooks
 * exist to reach services on this machine (GitLab needs "Allow requests to the local network").
 */
function checkUrl(url: string): void {
  if (!URL.canParse(url)) throw new GitLabError(422, { message: { url: ['is blocked: URI is invalid'] } });
  const protocol = new URL(url).protocol;
  if (protocol !== 'http:' && protocol !== 'https:')
    throw new GitLabError(422, { message: { url: ['is blocked: Only allowed schemes are http, https'] } });
}

function applyParams(hook: GitLabProjectHook, params: Record<string, unknown>): void {
  for (const flag of HOOK_EVENT_FLAGS) {
    const value = bool(params, flag);
    if (value !== undefined) hook.events[flag] = value;
  }
  const ssl = bool(params, 'enable_ssl_verification');
  if (ssl !== undefined) hook.enableSslVerification = ssl;
  const token = text(params, 'token');
  if (token !== undefined) hook.token = token === '' ? null : token;
  hook.name = text(params, 'name') ?? hook.name;
  hook.description = text(params, 'description') ?? hook.description;
  hook.pushEventsBranchFilter = text(params, 'push_events_branch_filter') ?? hook.pushEventsBranchFilter;
}

function findHook(state: GitLabState, project: GitLabProject, raw: string): GitLabProjectHook {
  const hook = state.hooks.get(integerParam(raw, 'hook_id'));
  if (hook === undefined || hook.projectId !== project.id) throw GitLabError.notFound('Hook');
  return hook;
}

/** Project hooks API: list, show, add, edit, delete (Maintainer+, like `admin_web_hook`). */
export function registerProjectHookRoutes(app: FastifyInstance, deps: GitLabRouteDeps): void {
  const { state } = deps;
  const maintainerProject = (request: FastifyRequest<{ Params: { id: string } }>) => {
    const actor = authenticate(state, request, request.method === 'GET' ? 'read' : 'write', true);
    const project = readableProject(state, actor, request.params.id);
    requireLevel(actor, project, AccessLevel.Maintainer);
    return project;
  };

  app.get<{ Params: { id: string } }>('/api/v4/projects/:id/hooks', async (request, reply) => {
    const project = maintainerProject(request);
    const hooks = [...state.hooks.values()].filter((hook) => hook.projectId === project.id);
    return paginate(request, reply, deps.baseUrl(), hooks).map(hookJson);
  });

  app.get<HookParams>('/api/v4/projects/:id/hooks/:hookId', async (request) =>
    hookJson(findHook(state, maintainerProject(request), request.params.hookId)),
  );

  app.post<{ Params: { id: string } }>('/api/v4/projects/:id/hooks', async (request, reply) => {
    const project = maintainerProject(request);
    const params = requestParams(request);
    const url = text(params, 'url');
    if (url === undefined) throw GitLabError.missing('url');
    checkUrl(url);
    const events = Object.fromEntries(HOOK_EVENT_FLAGS.map((flag) => [flag, flag === 'push_events'])) as Record<
      HookEventFlag,
      boolean
    >;
    const hook: GitLabProjectHook = {
      id: state.nextId(),
      projectId: project.id,
      url,
      name: '',
      description: '',
      token: null,
      events,
      enableSslVerification: true,
      pushEventsBranchFilter: null,
      createdAt: state.iso(),
    };
    applyParams(hook, params);
    state.hooks.set(hook.id, hook);
    return reply.code(201).send(hookJson(hook));
  });

  app.put<HookParams>('/api/v4/projects/:id/hooks/:hookId', async (request) => {
    const hook = findHook(state, maintainerProject(request), request.params.hookId);
    const params = requestParams(request);
    const url = text(params, 'url');
    if (url !== undefined) {
      checkUrl(url);
      hook.url = url;
    }
    applyParams(hook, params);
    return hookJson(hook);
  });

  app.delete<HookParams>('/api/v4/projects/:id/hooks/:hookId', async (request, reply) => {
    const hook = findHook(state, maintainerProject(request), request.params.hookId);
    state.hooks.delete(hook.id);
    return reply.code(204).send();
  });
}
