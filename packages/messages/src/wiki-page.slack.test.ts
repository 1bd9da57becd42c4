import { loadFixture } from '@chatops/test-support/fixtures';
import { wikiPageEventSchema } from '@chatops/gitlab';
import { buildWikiPageMessage } from './wiki-page';
import { slackNotification as renderSlackMessage } from '@chatops/test-support/slack-notification';

describe('renderSlackMessage for wiki pages', () => {
  it('renders the wiki page fixture exactly as GitLab posts it', () => {
    const body = renderSlackMessage(buildWikiPageMessage(wikiPageEventSchema.parse(loadFixture('wiki_page.json'))));
    expect(body).toEqual({
      text:
        'Administrator (root) created <http://example.com/root/awesome-project/-/wikis/awesome|wiki page> ' +
        '(<http://example.com/root/awesome-project/-/wikis/home/diff?version_id=78ee4a6705abfbff4f4132c6646dbaae9c8fb6ec|Compare changes>) ' +
        'in <http://example.com/root/awesome-project|root / awesome-project>: *Awesome*',
      attachments: [{ text: 'adding an awesome page to the wiki', color: '#334455' }],
      unfurl_links: false,
      unfurl_media: false,
    });
  });
});
