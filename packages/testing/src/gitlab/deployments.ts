import { findOrCreateEnvironment } from './environments.js';
import { type GitLabState } from './gitlab-state.js';
import {
  type DeploymentStatus,
  type GitLabDeployment,
  type GitLabDeploymentInput,
  type GitLabJob,
  type GitLabJobInput,
  type GitLabPipeline,
  type GitLabProject,
  type PipelineStatus,
} from './types.js';

export const DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = [
  'created',
  'running',
  'success',
  'failed',
  'canceled',
  'skipped',
  'blocked',
];
const FINISHED: readonly DeploymentStatus[] = ['success', 'failed', 'canceled'];

/** The deployment status a job status maps to (Deployment#sync_status_with): manual → blocked; pending etc. → none. */
export function deploymentStatusFor(jobStatus: PipelineStatus): DeploymentStatus | undefined {
  if (jobStatus === 'manual') return 'blocked';
  return DEPLOYMENT_STATUSES.find((status) => status === jobStatus);
}

/** Which statuses each target can be reached from, per Deployment's state machine. */
function canMove(from: DeploymentStatus, to: DeploymentStatus): boolean {
  if (from === to) return false;
  if (to === 'running') return from === 'created' || from === 'blocked';
  if (to === 'blocked') return from === 'created';
  if (to === 'created') return from === 'skipped';
  return true;
}

function setStatus(state: GitLabState, deployment: GitLabDeployment, status: DeploymentStatus): void {
  const now = state.iso();
  deployment.status = status;
  deployment.updatedAt = now;
  if (FINISHED.includes(status)) deployment.finishedAt = now;
}

/** Follows a deploy job's status change the way GitLab's after_transition hook does; invalid moves are ignored. */
export function syncDeploymentWithJob(state: GitLabState, job: GitLabJob): void {
  const target = deploymentStatusFor(job.status);
  if (target === undefined) return;
  for (const deployment of state.deployments.values()) {
    if (deployment.jobId === job.id && canMove(deployment.status, target)) setStatus(state, deployment, target);
  }
}

export function addDeployment(
  state: GitLabState,
  project: GitLabProject,
  input: GitLabDeploymentInput,
): GitLabDeployment {
  const job = input.jobId === undefined ? undefined : state.jobs.get(input.jobId);
  if (input.jobId !== undefined && (job === undefined || job.projectId !== project.id))
    throw new Error(`unknown job ${input.jobId} in project ${project.id}`);
  const pipeline = job === undefined ? undefined : state.pipelines.get(job.pipelineId);
  const env = findOrCreateEnvironment(state, project, input.environment);
  const now = state.iso();
  const status = input.status ?? (job === undefined ? undefined : deploymentStatusFor(job.status)) ?? 'created';
  const deployment: GitLabDeployment = {
    id: state.nextId(),
    iid: project.nextDeploymentIid,
    projectId: project.id,
    environmentId: env.id,
    jobId: job?.id ?? null,
    ref: input.ref ?? pipeline?.ref ?? project.defaultBranch,
    sha: input.sha ?? pipeline?.sha ?? project.branches.get(project.defaultBranch) ?? '',
    status,
    userId: input.userId ?? job?.userId ?? null,
    createdAt: now,
    updatedAt: now,
    finishedAt: FINISHED.includes(status) ? (job?.finishedAt ?? now) : null,
  };
  project.nextDeploymentIid += 1;
  state.deployments.set(deployment.id, deployment);
  return deployment;
}

/** A pipeline job as GitLab creates it from `.gitlab-ci.yml`: with `environment:`, it also gets its deployment. */
export function addCiJob(state: GitLabState, pipeline: GitLabPipeline, spec: GitLabJobInput): GitLabJob {
  const { environment, ...fields } = spec;
  const job = state.addJob(pipeline, fields);
  if (environment !== undefined)
    addDeployment(state, state.project(pipeline.projectId), { environment, jobId: job.id });
  return job;
}
