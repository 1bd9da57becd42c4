import { loadFixture } from '@chatops/test-support/fixtures';
import { mergeRequestEventSchema } from '@chatops/gitlab';
import { buildMergeRequestMessage } from './merge-request';
import { slackNotification as renderSlackMessage } from '@chatops/test-support/slack-notification';

const render = (payload: Record<string, unknown>) => {
  const message = buildMergeRequestMessage(mergeRequestEventSchema.parse(payload));
  if (!message) throw new Error('expected a message');
  return renderSlackMessage(message);
};

describe('renderSlackMessage for merge requests', () => {
  it('renders the merge request fixture exactly as GitLab posts it', () => {
    expect(render(loadFixture('merge_request.json'))).toEqual({
      text:
        'Administrator (root) opened merge request <http://example.com/gitlabhq/gitlab-test/-/merge_requests/1|!1 *MS-Viewport*> ' +
        'in <http://example.com/gitlabhq/gitlab-test|GitlabHQ / Gitlab Test>',
      unfurl_links: false,
      unfurl_media: false,
    });
  });

  it('renders a review request', () => {
    const payload = loadFixture<Record<string, Record<string, unknown>>>('merge_request.json');
    payload.object_attributes = { ...payload.object_attributes, action: 'update' };
    payload.changes = { reviewers: { previous: [], current: [{ name: 'User1', username: 'user1' }] } };
    expect(render(payload).text).toBe(
      'Administrator (root) requested a review from User1 (user1) of merge request ' +
        '<http://example.com/gitlabhq/gitlab-test/-/merge_requests/1|!1 *MS-Viewport*> in <http://example.com/gitlabhq/gitlab-test|GitlabHQ / Gitlab Test>',
    );
  });

  it('keeps a crafted title from forging a link', () => {
    const payload = loadFixture<Record<string, Record<string, unknown>>>('merge_request.json');
    payload.object_attributes = {
      ...payload.object_attributes,
      title: '[click](https://evil.example) <https://evil.example|me>',
    };
    expect(render(payload).text).toBe(
      'Administrator (root) opened merge request ' +
        '<http://example.com/gitlabhq/gitlab-test/-/merge_requests/1|!1 *click(https://evil.example) https://evil.exampleme*> ' +
        'in <http://example.com/gitlabhq/gitlab-test|GitlabHQ / Gitlab Test>',
    );
  });
});
