import { createHash } from 'node:crypto';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { accessLevel, type Actor, authenticate, readableProject } from '../access.js';
import { GitLabError } from '../errors.js';
import { paginate } from '../pagination.js';
import { AccessLevel, type GitLabProject } from '../types.js';
import { type GitLabRouteDeps, requestParams, text } from './context.js';

/** Where GitLab reads description templates from, per template type of the project templates API. */
const TEMPLATE_DIRS: Readonly<Record<string, string>> = {
  issues: '.gitlab/issue_templates/',
  merge_requests: '.gitlab/merge_request_templates/',
};

type FileParams = { Params: { id: string; path: string } };

/** `download_code`: anyone on public projects, signed-in users on internal ones, Reporter+ on private ones. */
function requireCodeAccess(actor: Actor, project: GitLabProject): void {
  if (project.visibility === 'public' || (project.visibility === 'internal' && actor !== undefined)) return;
  if (accessLevel(actor, project) < AccessLevel.Reporter) throw GitLabError.forbidden();
}

/** Files only exist on the default branch here: other refs that exist resolve to the same content. */
function checkRef(project: GitLabProject, ref: string | undefined): string {
  const wanted = ref === undefined || ref === '' ? project.defaultBranch : ref;
  const known = project.branches.has(wanted) || /^[0-9a-f]{7,40}$/.test(wanted);
  if (!known) throw GitLabError.notFound('Commit');
  return wanted;
}

/**
 * Description templates (GET /projects/:id/templates/:type[/:name], the project templates API) and
 * repository files (GET /projects/:id/repository/files/:path[/raw]) from the fake's file store,
 * where `setIssueTemplate` writes `.gitlab/issue_templates/<name>.md`.
 */
export function registerTemplateAndFileRoutes(app: FastifyInstance, deps: GitLabRouteDeps): void {
  const { state } = deps;
  const templateDir = (type: string) => {
    const dir = TEMPLATE_DIRS[type];
    if (dir === undefined) throw GitLabError.invalidValue('type');
    return dir;
  };
  const templates = (project: GitLabProject, dir: string) =>
    [...state.files.keys()]
      .filter((key) => key.startsWith(`${project.id}:${dir}`) && key.endsWith('.md'))
      .map((key) => key.slice(`${project.id}:${dir}`.length, -'.md'.length))
      .filter((name) => !name.includes('/'))
      .sort((a, b) => a.localeCompare(b));

  app.get<{ Params: { id: string; type: string } }>('/api/v4/projects/:id/templates/:type', async (request, reply) => {
    const dir = templateDir(request.params.type);
    const actor = authenticate(state, request, 'read', false);
    const project = readableProject(state, actor, request.params.id);
    return paginate(request, reply, deps.baseUrl(), templates(project, dir)).map((name) => ({ key: name, name }));
  });

  app.get<{ Params: { id: string; type: string; name: string } }>(
    '/api/v4/projects/:id/templates/:type/:name',
    async (request) => {
      const dir = templateDir(request.params.type);
      const actor = authenticate(state, request, 'read', false);
      const project = readableProject(state, actor, request.params.id);
      const content = state.files.get(`${project.id}:${dir}${request.params.name}.md`);
      if (content === undefined) throw GitLabError.notFound('Template');
      return { name: request.params.name, content };
    },
  );

  const findFile = (request: FastifyRequest<FileParams>) => {
    const actor = authenticate(state, request, 'read', false);
    const project = readableProject(state, actor, request.params.id);
    requireCodeAccess(actor, project);
    const ref = checkRef(project, text(requestParams(request), 'ref'));
    const content = state.files.get(`${project.id}:${request.params.path}`);
    if (content === undefined) throw GitLabError.notFound('File');
    return { project, ref, path: request.params.path, content };
  };

  app.get<FileParams>('/api/v4/projects/:id/repository/files/:path/raw', async (request, reply) => {
    const { content } = findFile(request);
    return reply.type('text/plain; charset=utf-8').send(content);
  });

  app.get<FileParams>('/api/v4/projects/:id/repository/files/:path', async (request) => {
    // Unlike /raw, the JSON endpoint requires `ref`; Grape says so before anything else.
    if (text(requestParams(request), 'ref') === undefined) throw GitLabError.missing('ref');
    const { project, ref, path, content } = findFile(request);
    const head = project.branches.get(project.defaultBranch) ?? '';
    const bytes = Buffer.from(content, 'utf8');
    return {
      file_name: path.split('/').pop() ?? path,
      file_path: path,
      size: bytes.length,
      encoding: 'base64',
      content_sha256: createHash('sha256').update(bytes).digest('hex'),
      ref,
      blob_id: createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex'),
      commit_id: head,
      last_commit_id: head,
      execute_filemode: false,
      content: bytes.toString('base64'),
    };
  });
}
