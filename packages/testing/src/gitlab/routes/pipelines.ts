import { type FastifyInstance } from 'fastify';
import { isRecord } from '../../shared/body.js';
import { accessLevel, authenticate, readableProject, requireLevel, requireWritable } from '../access.js';
import { commitJson, jobJson, pipelineJson } from '../ci-serializers.js';
import { addCiJob } from '../deployments.js';
import { GitLabError } from '../errors.js';
import { paginate } from '../pagination.js';
import { AccessLevel, type GitLabPipeline } from '../types.js';
import { type GitLabRouteDeps, requestParams, text, view } from './context.js';

type Variables = GitLabPipeline['variables'];

function variables(value: unknown): Variables {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw GitLabError.invalidValue('variables');
  return value.map((item) => {
    if (!isRecord(item) || typeof item['key'] !== 'string') throw GitLabError.invalidValue('variables');
    return {
      key: item['key'],
      value: String(item['value'] ?? ''),
      variable_type: typeof item['variable_type'] === 'string' ? item['variable_type'] : 'env_var',
    };
  });
}

/** Trigger a pipeline, read it, its variables and jobs, and commits. */
export function registerPipelineRoutes(app: FastifyInstance, deps: GitLabRouteDeps): void {
  const { state } = deps;

  app.post<{ Params: { id: string } }>('/api/v4/projects/:id/pipeline', async (request, reply) => {
    const actor = authenticate(state, request, 'write', true);
    const project = readableProject(state, actor, request.params.id);
    const { user } = requireWritable(actor, project);
    requireLevel(actor, project, AccessLevel.Developer);
    const params = requestParams(request);
    const ref = text(params, 'ref');
    if (ref === undefined || ref === '') throw GitLabError.missing('ref');
    const sha = project.branches.get(ref);
    if (sha === undefined) throw new GitLabError(400, { message: { base: ['Reference not found'] } });
    const pipeline = state.addPipeline(project, {
      ref,
      sha,
      userId: user.id,
      variables: variables(params['variables']),
    });
    for (const job of project.ciJobs) addCiJob(state, pipeline, job);
    return reply.code(201).send(pipelineJson(view(deps), pipeline));
  });

  const findPipeline = (projectRef: string, pipelineId: string, actorRequest: Parameters<typeof authenticate>[1]) => {
    const actor = authenticate(state, actorRequest, 'read', false);
    const project = readableProject(state, actor, projectRef);
    const pipeline = state.pipelines.get(Number(pipelineId));
    if (pipeline === undefined || pipeline.projectId !== project.id) throw GitLabError.notFound();
    return pipeline;
  };

  app.get<{ Params: { id: string; pid: string } }>('/api/v4/projects/:id/pipelines/:pid', async (request) =>
    pipelineJson(view(deps), findPipeline(request.params.id, request.params.pid, request)),
  );

  app.get<{ Params: { id: string; pid: string } }>('/api/v4/projects/:id/pipelines/:pid/variables', async (request) => {
    const pipeline = findPipeline(request.params.id, request.params.pid, request);
    const actor = authenticate(state, request, 'read', false);
    const project = state.project(pipeline.projectId);
    // read_pipeline_variable: Maintainer+, or a Developer+ who triggered the pipeline.
    const level = accessLevel(actor, project);
    if (level < AccessLevel.Maintainer && !(level >= AccessLevel.Developer && actor?.user.id === pipeline.userId))
      throw GitLabError.forbidden();
    return pipeline.variables.map((v) => ({ variable_type: v.variable_type, key: v.key, value: v.value, raw: false }));
  });

  app.get<{ Params: { id: string; pid: string } }>(
    '/api/v4/projects/:id/pipelines/:pid/jobs',
    async (request, reply) => {
      const pipeline = findPipeline(request.params.id, request.params.pid, request);
      const jobs = [...state.jobs.values()].filter((job) => job.pipelineId === pipeline.id);
      return paginate(request, reply, deps.baseUrl(), jobs).map((job) => jobJson(view(deps), job));
    },
  );

  app.get<{ Params: { id: string; sha: string } }>('/api/v4/projects/:id/repository/commits/:sha', async (request) => {
    const actor = authenticate(state, request, 'read', false);
    const project = readableProject(state, actor, request.params.id);
    // Guests have no code access in private projects.
    if (
      project.visibility !== 'public' &&
      accessLevel(actor, project) < AccessLevel.Reporter &&
      !(project.visibility === 'internal' && actor !== undefined)
    ) {
      throw GitLabError.forbidden();
    }
    const commit = state.findCommit(project.id, request.params.sha);
    if (commit === undefined) throw GitLabError.notFound('Commit');
    return commitJson(view(deps), commit, { full: true });
  });
}
