import { type GitLabClient } from './gitlab-client';

/** What GitLab's own pipeline message shows that the webhook lacks, read from the REST API. */
export interface PipelineDetails {
  commitTitle?: string;
  yamlErrors?: string;
}

/**
 * Reads a pipeline's YAML errors and its commit's title with a project token. Each lookup that
 * fails is simply left out: callers degrade to the webhook's data.
 */
export async function fetchPipelineDetails(
  gitlab: GitLabClient,
  options: { token: string; projectId: number; pipelineId: number; sha: string | undefined },
): Promise<PipelineDetails> {
  const api = gitlab.withToken(options.token);
  const [pipeline, commit] = await Promise.allSettled([
    api.pipeline(options.projectId, options.pipelineId),
    options.sha ? api.commit(options.projectId, options.sha) : Promise.reject(new Error('no sha')),
  ]);
  const details: PipelineDetails = {};
  if (
    pipeline.status === 'fulfilled' &&
    typeof pipeline.value.yaml_errors === 'string' &&
    pipeline.value.yaml_errors !== ''
  )
    details.yamlErrors = pipeline.value.yaml_errors;
  if (commit.status === 'fulfilled' && typeof commit.value.title === 'string') details.commitTitle = commit.value.title;
  return details;
}
