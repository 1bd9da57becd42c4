import { DEMO } from '../config';
import { type EventContext, projectUrl } from './code-events';
import { child, type JsonObject } from './json';
import issueExample from './payloads/issue.json';
import { isoTime, rewriteExample } from './rewrite';
import { labelJson, PEOPLE, personJson } from './story';

export const STORY_ISSUE = {
  title: 'Checkout spinner never stops when the payment service times out',
  description: 'Seen on a slow network: after 30 s the spinner keeps going and no error is shown.',
  labels: 'bug,checkout',
};

/** Issue Hook: an issue Alex opened (the caller has created it in the demo's GitLab as `iid`). */
export function issueOpenedEvent(ctx: EventContext, iid: number): JsonObject {
  const payload = rewriteExample(issueExample, ctx.gitlabUrl, ctx.now);
  const labels = STORY_ISSUE.labels
    .split(',')
    .map((title, index) => labelJson(300 + index, title, index === 0 ? '#d9534f' : '#6699cc', isoTime(ctx.now)));
  payload['user'] = personJson(PEOPLE.alex);
  const attributes = child(payload, 'object_attributes');
  Object.assign(attributes, {
    id: 60_000 + iid,
    iid,
    title: STORY_ISSUE.title,
    description: STORY_ISSUE.description,
    author_id: PEOPLE.alex.id,
    assignee_ids: [],
    assignee_id: null,
    project_id: DEMO.gitlab.projectId,
    updated_by_id: null,
    discussion_locked: null,
    health_status: null,
    severity: 'unknown',
    url: `${projectUrl(ctx)}/-/issues/${iid}`,
    labels,
    action: 'open',
    state: 'opened',
  });
  // Escalations belong to incidents; an ordinary issue carries none.
  delete attributes['escalation_status'];
  delete attributes['escalation_policy'];
  delete payload['assignee'];
  Object.assign(payload, { assignees: [], labels, changes: {} });
  return payload;
}
