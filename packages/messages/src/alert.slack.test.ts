import { loadFixture } from '@chatops/test-support/fixtures';
import { alertEventSchema } from '@chatops/gitlab';
import { buildAlertMessage } from './alert';
import { slackNotification as renderSlackMessage } from '@chatops/test-support/slack-notification';

describe('renderSlackMessage for alerts', () => {
  it('renders the alert fixture exactly as GitLab posts it', () => {
    const event = alertEventSchema.parse(loadFixture('alert_integration_only.json'));
    expect(renderSlackMessage(buildAlertMessage(event, 'GitlabHQ / Gitlab Test'))).toEqual({
      text: 'Alert firing in GitlabHQ / Gitlab Test',
      attachments: [
        {
          title: 'High error rate on web-1',
          title_link: 'http://example.com/gitlabhq/gitlab-test/-/alert_management/12/details',
          color: '#C95823',
          fields: [
            { title: 'Severity', value: 'Critical', short: true },
            { title: 'Events', value: '3', short: true },
            { title: 'Status', value: 'Triggered', short: true },
            { title: 'Start time', value: 'April 23rd, 2020  1:06AM UTC', short: true },
          ],
        },
      ],
      unfurl_links: false,
      unfurl_media: false,
    });
  });
});
