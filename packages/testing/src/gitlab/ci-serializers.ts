import { userBasic, type ViewContext } from './serializers.js';
import { type GitLabCommit, type GitLabJob, type GitLabPipeline } from './types.js';

function seconds(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  return (Date.parse(to) - Date.parse(from)) / 1000;
}

function detailedStatus(ctx: ViewContext, pipeline: GitLabPipeline, webPath: string): Record<string, unknown> {
  const { status } = pipeline;
  const label = status === 'success' ? 'passed' : status;
  return {
    icon: `status_${status}`,
    text: label,
    label,
    group: status,
    tooltip: label,
    has_details: true,
    details_path: webPath,
    illustration: null,
    favicon: `${ctx.baseUrl}/assets/ci_favicons/favicon_status_${status}.png`,
  };
}

/** The pipeline as GET /projects/:id/pipelines/:pid returns it (basic fields nested elsewhere). */
export function pipelineJson(ctx: ViewContext, pipeline: GitLabPipeline, detailed = true): Record<string, unknown> {
  const project = ctx.state.project(pipeline.projectId);
  const webPath = `/${project.pathWithNamespace}/-/pipelines/${pipeline.id}`;
  const basic = {
    id: pipeline.id,
    iid: pipeline.iid,
    project_id: pipeline.projectId,
    sha: pipeline.sha,
    ref: pipeline.ref,
    status: pipeline.status,
    source: pipeline.source,
    created_at: pipeline.createdAt,
    updated_at: pipeline.updatedAt,
    web_url: `${ctx.baseUrl}${webPath}`,
  };
  if (!detailed) return basic;
  return {
    ...basic,
    before_sha: '0000000000000000000000000000000000000000',
    tag: false,
    yaml_errors: pipeline.yamlErrors,
    user: userBasic(ctx, ctx.state.users.get(pipeline.userId)),
    started_at: pipeline.startedAt,
    finished_at: pipeline.finishedAt,
    committed_at: null,
    duration: seconds(pipeline.startedAt, pipeline.finishedAt),
    queued_duration: seconds(pipeline.createdAt, pipeline.startedAt),
    coverage: null,
    detailed_status: detailedStatus(ctx, pipeline, webPath),
    name: null,
  };
}

export function commitJson(
  ctx: ViewContext,
  commit: GitLabCommit,
  options: { full?: boolean } = {},
): Record<string, unknown> {
  const project = ctx.state.project(commit.projectId);
  const basic = {
    id: commit.sha,
    short_id: commit.sha.slice(0, 8),
    created_at: commit.createdAt,
    parent_ids: commit.parentIds,
    title: commit.title,
    message: commit.message,
    author_name: commit.authorName,
    author_email: commit.authorEmail,
    authored_date: commit.createdAt,
    committer_name: commit.committerName,
    committer_email: commit.committerEmail,
    committed_date: commit.createdAt,
    trailers: {},
    extended_trailers: {},
    web_url: `${ctx.baseUrl}/${project.pathWithNamespace}/-/commit/${commit.sha}`,
  };
  if (options.full !== true) return basic;
  const last = [...ctx.state.pipelines.values()]
    .filter((p) => p.projectId === commit.projectId && p.sha === commit.sha)
    .pop();
  return {
    ...basic,
    stats: { additions: 0, deletions: 0, total: 0 },
    status: last?.status ?? null,
    project_id: commit.projectId,
    last_pipeline: last === undefined ? null : pipelineJson(ctx, last, false),
  };
}

export function jobJson(ctx: ViewContext, job: GitLabJob): Record<string, unknown> {
  const { state } = ctx;
  const pipeline = state.pipelines.get(job.pipelineId);
  const project = state.project(job.projectId);
  const commit = pipeline === undefined ? undefined : state.findCommit(job.projectId, pipeline.sha);
  return {
    id: job.id,
    status: job.status,
    stage: job.stage,
    name: job.name,
    ref: pipeline?.ref ?? project.defaultBranch,
    tag: false,
    coverage: null,
    allow_failure: job.allowFailure,
    created_at: job.createdAt,
    started_at: job.startedAt,
    finished_at: job.finishedAt,
    erased_at: null,
    duration: seconds(job.startedAt, job.finishedAt),
    queued_duration: seconds(job.createdAt, job.startedAt),
    user: userBasic(ctx, state.users.get(job.userId)),
    commit: commit === undefined ? null : commitJson(ctx, commit),
    pipeline: pipeline === undefined ? null : pipelineJson(ctx, pipeline, false),
    web_url: `${ctx.baseUrl}/${project.pathWithNamespace}/-/jobs/${job.id}`,
    project: { ci_job_token_scope_enabled: false },
    artifacts: [],
    runner: null,
    artifacts_expire_at: null,
    archived: false,
    tag_list: [],
    ...(job.failureReason === null ? {} : { failure_reason: job.failureReason }),
  };
}
