import { buildAlertMessage } from './alert';
import { ALERT_FIXTURE_FIELDS, alertFixture } from './test-support/alert-fixture';
import { slackNotification as renderSlackMessage } from '@chatops/test-support/slack-notification';

describe('renderSlackMessage for alerts', () => {
  it('renders the alert fixture exactly as GitLab posts it', () => {
    expect(renderSlackMessage(buildAlertMessage(alertFixture(), 'GitlabHQ / Gitlab Test'))).toEqual({
      text: 'Alert firing in GitlabHQ / Gitlab Test',
      attachments: [
        {
          title: 'High error rate on web-1',
          title_link: 'http://example.com/gitlabhq/gitlab-test/-/alert_management/12/details',
          color: '#C95823',
          fields: ALERT_FIXTURE_FIELDS,
        },
      ],
      unfurl_links: false,
      unfurl_media: false,
    });
  });
});
