import { loadFixture } from '@chatops/test-support/fixtures';
import { issueEventSchema } from '@chatops/gitlab';
import { buildIssueMessage } from './issue';
import { slackNotification as renderSlackMessage } from '@chatops/test-support/slack-notification';

const render = (fixture: string, kind: 'issue' | 'incident', description?: string) => {
  const event = issueEventSchema.parse(loadFixture(fixture));
  if (description !== undefined) event.object_attributes.description = description;
  const message = buildIssueMessage(event, kind);
  if (!message) throw new Error('expected a message');
  return renderSlackMessage(message);
};

describe('renderSlackMessage for issues', () => {
  it('renders the issue fixture exactly as GitLab posts it', () => {
    expect(render('issue.json', 'issue')).toEqual({
      text:
        '[<http://example.com/gitlabhq/gitlab-test|GitlabHQ / Gitlab Test>] Issue ' +
        '<http://example.com/diaspora/issues/23|#23 New API: create/update/delete file> opened by Administrator (root)',
      attachments: [
        {
          title: '#23 New API: create/update/delete file',
          title_link: 'http://example.com/diaspora/issues/23',
          text: 'Create new API for manipulations with repository',
          color: '#C95823',
        },
      ],
      unfurl_links: false,
      unfurl_media: false,
    });
  });

  it('renders the incident payload exactly as GitLab posts it', () => {
    expect(render('incident_integration_only.json', 'incident')).toEqual({
      text:
        '[<http://example.com/gitlabhq/gitlab-test|GitlabHQ / Gitlab Test>] Incident ' +
        '<http://example.com/gitlabhq/gitlab-test/-/issues/23|#23 Database latency spike> opened by Administrator (root)',
      attachments: [
        {
          title: '#23 Database latency spike',
          title_link: 'http://example.com/gitlabhq/gitlab-test/-/issues/23',
          text: 'Create new API for manipulations with repository',
          color: '#C95823',
        },
      ],
      unfurl_links: false,
      unfurl_media: false,
    });
  });

  it('turns markdown links in the description into Slack links but shows Slack links literally', () => {
    const body = render(
      'issue.json',
      'issue',
      'See [docs](https://docs.example/a) and <https://evil.example|a safe page>',
    );
    expect(body.attachments?.[0]?.text).toBe(
      'See <https://docs.example/a|docs> and &lt;https://evil.example|a safe page&gt;',
    );
  });
});
