import { type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  type Actor,
  authenticate,
  readableProject,
  requireLevel,
  requireReadBuilds,
  requireWritable,
} from '../access.js';
import { jobJson } from '../ci-serializers.js';
import { applyCiStatus } from '../ci-status.js';
import { syncDeploymentWithJob } from '../deployments.js';
import { GitLabError } from '../errors.js';
import { type GitLabState } from '../gitlab-state.js';
import { AccessLevel, type GitLabJob, type GitLabProject } from '../types.js';
import { type GitLabRouteDeps, integerParam, view } from './context.js';

type JobParams = { Params: { id: string; jobId: string } };

/** authorize_read_builds! then `user_project.builds.find`: a job of another project is a plain 404. */
function findJob(
  state: GitLabState,
  actor: Actor,
  request: FastifyRequest<JobParams>,
): { project: GitLabProject; job: GitLabJob } {
  const project = readableProject(state, actor, request.params.id);
  requireReadBuilds(actor, project);
  const job = state.jobs.get(integerParam(request.params.jobId, 'job_id'));
  if (job === undefined || job.projectId !== project.id) throw GitLabError.notFound();
  return { project, job };
}

/** Manual actions and delayed jobs that have not run yet (Ci::Build#playable?). */
function playable(job: GitLabJob): boolean {
  return job.status === 'manual' || job.status === 'scheduled';
}

/** One job, its log, and playing a manual job. The Jobs API needs a signed-in user even for public projects. */
export function registerJobRoutes(app: FastifyInstance, deps: GitLabRouteDeps): void {
  const { state } = deps;

  app.get<JobParams>('/api/v4/projects/:id/jobs/:jobId', async (request) => {
    const actor = authenticate(state, request, 'read', true);
    return jobJson(view(deps), findJob(state, actor, request).job);
  });

  app.get<JobParams>('/api/v4/projects/:id/jobs/:jobId/trace', async (request, reply) => {
    const actor = authenticate(state, request, 'read', true);
    const { job } = findJob(state, actor, request);
    return reply.type('text/plain').header('content-disposition', `infile; filename="${job.id}.log"`).send(job.trace);
  });

  app.post<JobParams>('/api/v4/projects/:id/jobs/:jobId/play', async (request) => {
    const actor = authenticate(state, request, 'write', true);
    const { project, job } = findJob(state, actor, request);
    const { user } = requireWritable(actor, project);
    requireLevel(actor, project, AccessLevel.Developer);
    if (!playable(job)) throw new GitLabError(400, { message: '400 Bad request - Unplayable Job' });
    // Playing enqueues the job as the player; its deployment follows once a runner reports `running`.
    job.userId = user.id;
    applyCiStatus(job, 'pending', state.iso());
    syncDeploymentWithJob(state, job);
    return jobJson(view(deps), job);
  });
}
