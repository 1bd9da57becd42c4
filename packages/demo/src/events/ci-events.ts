import { DEMO } from '../config';
import { type EventContext, mergeRequestUrl, projectUrl } from './code-events';
import { child, type JsonObject } from './json';
import deploymentExample from './payloads/deployment.json';
import pipelineExample from './payloads/pipeline.json';
import { isoTime, rewriteExample, utcTime } from './rewrite';
import { PEOPLE, personJson } from './story';

export type PipelineStage = 'running' | 'failed' | 'fixed';

interface JobPlan {
  name: string;
  stage: string;
  status: Record<PipelineStage, string>;
}

/** The story's pipeline: the end-to-end job fails first, then passes when retried. */
const JOBS: JobPlan[] = [
  { name: 'build', stage: 'build', status: { running: 'success', failed: 'success', fixed: 'success' } },
  { name: 'unit-tests', stage: 'test', status: { running: 'running', failed: 'success', fixed: 'success' } },
  { name: 'e2e-checkout', stage: 'test', status: { running: 'running', failed: 'failed', fixed: 'success' } },
];

const DURATION_SECONDS: Record<PipelineStage, number | null> = { running: null, failed: 272, fixed: 391 };

/**
 * Pipeline Hook for the story's merge request pipeline. The same pipeline id in every stage, as
 * when GitLab retries a job, so chatops edits one card in place. GitLab notifies only finished
 * pipelines: the running stage posts nothing.
 */
export function pipelineEvent(ctx: EventContext, stage: PipelineStage): JsonObject {
  const payload = rewriteExample(pipelineExample, ctx.gitlabUrl, ctx.now);
  const { story } = ctx;
  const { pipeline, mergeRequest } = story;
  const head = story.commits.at(-1);
  if (head === undefined) throw new Error('a story has commits');
  const status = stage === 'running' ? 'running' : stage === 'failed' ? 'failed' : 'success';
  const duration = DURATION_SECONDS[stage];
  const created = utcTime(pipeline.createdAt);
  const finished = duration === null ? null : utcTime(ctx.now);
  Object.assign(child(payload, 'object_attributes'), {
    id: pipeline.id,
    iid: pipeline.iid,
    name: null,
    ref: story.branch,
    tag: false,
    sha: head.sha,
    before_sha: story.before,
    source: 'merge_request_event',
    status,
    detailed_status: status === 'success' ? 'passed' : status,
    stages: ['build', 'test'],
    created_at: created,
    finished_at: finished,
    duration,
    queued_duration: 3,
    variables: [],
    url: `${projectUrl(ctx)}/-/pipelines/${pipeline.id}`,
  });
  Object.assign(child(payload, 'merge_request'), {
    id: mergeRequest.id,
    iid: mergeRequest.iid,
    title: mergeRequest.title,
    source_branch: story.branch,
    source_project_id: DEMO.gitlab.projectId,
    target_branch: DEMO.gitlab.defaultBranch,
    target_project_id: DEMO.gitlab.projectId,
    url: mergeRequestUrl(ctx),
  });
  payload['user'] = personJson(PEOPLE.sam);
  payload['commit'] = {
    id: head.sha,
    message: `${head.title}\n`,
    title: head.title,
    timestamp: isoTime(ctx.now),
    url: `${projectUrl(ctx)}/-/commit/${head.sha}`,
    author: { name: head.author.name, email: `${head.author.username}@example.com` },
  };
  delete payload['source_pipeline'];
  payload['builds'] = JOBS.map((job, index) => buildJson(ctx, job, index, job.status[stage]));
  return payload;
}

function buildJson(ctx: EventContext, job: JobPlan, index: number, status: string): JsonObject {
  const done = status === 'success' || status === 'failed';
  return {
    id: ctx.story.pipeline.id * 10 + index,
    stage: job.stage,
    name: job.name,
    status,
    created_at: utcTime(ctx.story.pipeline.createdAt),
    started_at: utcTime(ctx.story.pipeline.createdAt),
    finished_at: done ? utcTime(ctx.now) : null,
    duration: done ? 60 + index * 40 : null,
    queued_duration: 2,
    failure_reason: status === 'failed' ? 'script_failure' : null,
    when: 'on_success',
    manual: false,
    allow_failure: false,
    user: personJson(PEOPLE.sam),
    runner: null,
    artifacts_file: { filename: null, size: null },
    environment: null,
  };
}

/** Deployment Hook: main deployed to production by Alex. */
export function deploymentEvent(ctx: EventContext): JsonObject {
  const payload = rewriteExample(deploymentExample, ctx.gitlabUrl, ctx.now);
  const { deployment } = ctx.story;
  Object.assign(payload, {
    status: 'success',
    deployment_id: deployment.id,
    deployable_id: deployment.jobId,
    deployable_url: `${projectUrl(ctx)}/-/jobs/${deployment.jobId}`,
    environment: 'production',
    environment_tier: 'production',
    environment_slug: 'production',
    environment_external_url: 'https://shop.acme.example',
    short_sha: deployment.sha.slice(0, 8),
    user: personJson(PEOPLE.alex),
    user_url: `${ctx.gitlabUrl}/${PEOPLE.alex.username}`,
    commit_url: `${projectUrl(ctx)}/-/commit/${deployment.sha}`,
    commit_title: `Merge branch '${ctx.story.branch}' into '${DEMO.gitlab.defaultBranch}'`,
  });
  return payload;
}
