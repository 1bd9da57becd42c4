import { DEMO } from '../config';
import { child, type JsonObject } from './json';
import mergeRequestExample from './payloads/merge_request.json';
import noteExample from './payloads/note_merge_request.json';
import pushExample from './payloads/push.json';
import { isoTime, rewriteExample } from './rewrite';
import { labelJson, PEOPLE, personJson, type Story } from './story';

/** What every event builder gets: the story it belongs to, where the demo's GitLab is, and the time. */
export interface EventContext {
  story: Story;
  gitlabUrl: string;
  now: number;
}

export const projectUrl = (ctx: EventContext) => `${ctx.gitlabUrl}/${DEMO.gitlab.path}`;
export const mergeRequestUrl = (ctx: EventContext) =>
  `${projectUrl(ctx)}/-/merge_requests/${ctx.story.mergeRequest.iid}`;
const commitUrl = (ctx: EventContext, sha: string) => `${projectUrl(ctx)}/-/commit/${sha}`;

const checkoutLabel = (ctx: EventContext) => labelJson(206, 'checkout', '#6699cc', isoTime(ctx.now));

function lastCommit(ctx: EventContext): JsonObject {
  const commit = ctx.story.commits.at(-1) ?? ctx.story.commits[0];
  if (commit === undefined) throw new Error('a story has commits');
  return {
    id: commit.sha,
    message: commit.title,
    title: commit.title,
    timestamp: isoTime(ctx.now),
    url: commitUrl(ctx, commit.sha),
    author: { name: commit.author.name, email: `${commit.author.username}@example.com` },
  };
}

/** The story's merge request as both its own hook and a comment's hook describe it. */
function mergeRequestCore(ctx: EventContext): JsonObject {
  const { mergeRequest, branch } = ctx.story;
  return {
    id: mergeRequest.id,
    iid: mergeRequest.iid,
    title: mergeRequest.title,
    description: mergeRequest.description,
    source_branch: branch,
    target_branch: DEMO.gitlab.defaultBranch,
    source_project_id: DEMO.gitlab.projectId,
    target_project_id: DEMO.gitlab.projectId,
    author_id: PEOPLE.sam.id,
  };
}

/** Push Hook: two commits pushed to the story's branch (GitLab's push example, moved). */
export function pushEvent(ctx: EventContext): JsonObject {
  const payload = rewriteExample(pushExample, ctx.gitlabUrl, ctx.now);
  const { story } = ctx;
  const after = story.commits.at(-1)?.sha ?? story.before;
  Object.assign(payload, {
    before: story.before,
    after,
    ref: `refs/heads/${story.branch}`,
    ref_protected: false,
    checkout_sha: after,
    user_id: PEOPLE.sam.id,
    user_name: PEOPLE.sam.name,
    user_username: PEOPLE.sam.username,
    user_email: `${PEOPLE.sam.username}@example.com`,
    user_avatar: null,
    commits: story.commits.map((commit) => ({
      id: commit.sha,
      message: commit.body === '' ? commit.title : `${commit.title}\n\n${commit.body}`,
      title: commit.title,
      timestamp: isoTime(ctx.now),
      url: commitUrl(ctx, commit.sha),
      author: { name: commit.author.name, email: `${commit.author.username}@example.com` },
      added: [],
      modified: ['app/checkout/payment.ts'],
      removed: [],
    })),
    total_commits_count: story.commits.length,
  });
  return payload;
}

/** Merge Request Hook: the story's merge request opened by Sam, Alex reviewing. */
export function mergeRequestOpenedEvent(ctx: EventContext): JsonObject {
  const payload = rewriteExample(mergeRequestExample, ctx.gitlabUrl, ctx.now);
  const labels = [checkoutLabel(ctx)];
  payload['user'] = personJson(PEOPLE.sam);
  Object.assign(child(payload, 'object_attributes'), {
    ...mergeRequestCore(ctx),
    assignee_ids: [PEOPLE.sam.id],
    assignee_id: PEOPLE.sam.id,
    reviewer_ids: [PEOPLE.alex.id],
    last_edited_at: null,
    last_edited_by_id: null,
    first_contribution: false,
    url: mergeRequestUrl(ctx),
    last_commit: lastCommit(ctx),
    labels,
    action: 'open',
    state: 'opened',
  });
  Object.assign(payload, {
    labels,
    changes: {},
    assignees: [personJson(PEOPLE.sam)],
    reviewers: [personJson(PEOPLE.alex)],
  });
  return payload;
}

/** Note Hook: Alex comments on the merge request (a reply in its thread). */
export function mergeRequestCommentEvent(ctx: EventContext): JsonObject {
  const payload = rewriteExample(noteExample, ctx.gitlabUrl, ctx.now);
  const { mergeRequest } = ctx.story;
  const noteId = 20_000 + ctx.story.n;
  payload['user'] = personJson(PEOPLE.alex);
  Object.assign(child(payload, 'object_attributes'), {
    id: noteId,
    note: 'Looks good. Could `retryOnce` log the decline code, so we can tell *soft* declines from fraud checks?',
    author_id: PEOPLE.alex.id,
    project_id: DEMO.gitlab.projectId,
    noteable_id: mergeRequest.id,
    url: `${mergeRequestUrl(ctx)}#note_${noteId}`,
  });
  Object.assign(child(payload, 'merge_request'), {
    ...mergeRequestCore(ctx),
    assignee_id: PEOPLE.sam.id,
    assignee: personJson(PEOPLE.sam),
    milestone_id: null,
    labels: [checkoutLabel(ctx)],
    last_commit: lastCommit(ctx),
    url: mergeRequestUrl(ctx),
  });
  return payload;
}
