import { pushEventSchema } from '@chatops/gitlab';
import { buildPushMessage } from './push';
import { loadFixture } from '@chatops/test-support/fixtures';
import { slackNotification as renderSlackMessage } from '@chatops/test-support/slack-notification';

describe('renderSlackMessage', () => {
  it('renders the push fixture exactly as GitLab posts it', () => {
    const body = renderSlackMessage(buildPushMessage(pushEventSchema.parse(loadFixture('push.json'))));
    expect(body).toEqual({
      text:
        'John Smith pushed to branch <http://example.com/mike/diaspora/-/commits/master|master> of <http://example.com/mike/diaspora|Mike / Diaspora> ' +
        '(<http://example.com/mike/diaspora/-/compare/95790bf891e76fee5e1747ab589903a6a1f80f22...da1560886d4f094c3e6c9ef40349f7d38b5d27d7|Compare changes>)',
      attachments: [
        {
          text:
            '<http://example.com/mike/diaspora/commit/b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327|b6568db1>: Update Catalan translation to e38cb41. - Jordi Mallach\n\n' +
            '<http://example.com/mike/diaspora/commit/da1560886d4f094c3e6c9ef40349f7d38b5d27d7|da156088>: fixed readme - GitLab dev user',
          color: '#334455',
        },
      ],
      unfurl_links: false,
      unfurl_media: false,
    });
  });
});
