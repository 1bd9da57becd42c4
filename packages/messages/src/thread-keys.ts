/**
 * Which GitLab object a notification is about, so updates to it can go in one thread per channel.
 * Comments share their issue's or merge request's key, so they reply under it too.
 */
export const threadKeys = {
  issue: (projectId: number, iid: number) => `issue:${projectId}:${iid}`,
  mergeRequest: (projectId: number, iid: number) => `merge_request:${projectId}:${iid}`,
  pipeline: (projectId: number, pipelineId: number) => `pipeline:${projectId}:${pipelineId}`,
};

/** A pipeline's message is one card kept current (edited in place); other objects get thread replies. */
export function editsInPlace(threadKey: string): boolean {
  return threadKey.startsWith('pipeline:');
}
