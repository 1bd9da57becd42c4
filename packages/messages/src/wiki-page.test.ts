import { loadFixture } from '@chatops/test-support/fixtures';
import { type WikiPageEvent, wikiPageEventSchema } from '@chatops/gitlab';
import { buildWikiPageMessage } from './wiki-page';

const fixture = (): WikiPageEvent => wikiPageEventSchema.parse(loadFixture('wiki_page.json'));
const PAGE = '[wiki page](http://example.com/root/awesome-project/-/wikis/awesome)';
const COMPARE =
  '([Compare changes](http://example.com/root/awesome-project/-/wikis/home/diff?version_id=78ee4a6705abfbff4f4132c6646dbaae9c8fb6ec))';
const PROJECT = 'in [root / awesome-project](http://example.com/root/awesome-project)';

describe('wikiPageEventSchema', () => {
  it('rejects a payload of another kind', () => {
    expect(wikiPageEventSchema.safeParse(loadFixture('note_issue.json')).success).toBe(false);
  });
});

describe('buildWikiPageMessage', () => {
  it('describes a created page with its commit message (GitLab fixture)', () => {
    expect(buildWikiPageMessage(fixture())).toEqual({
      text: `Administrator (root) created ${PAGE} ${COMPARE} ${PROJECT}: *Awesome*`,
      attachments: [{ text: 'adding an awesome page to the wiki', color: '#334455' }],
    });
  });

  it('says "edited" for an update', () => {
    const event = fixture();
    event.object_attributes.action = 'update';
    expect(buildWikiPageMessage(event).text).toBe(
      `Administrator (root) edited ${PAGE} ${COMPARE} ${PROJECT}: *Awesome*`,
    );
  });

  it('leaves the verb empty for other actions, as GitLab does', () => {
    const event = fixture();
    event.object_attributes.action = 'delete';
    expect(buildWikiPageMessage(event).text).toBe(`Administrator (root)  ${PAGE} ${COMPARE} ${PROJECT}: *Awesome*`);
  });

  it('omits the compare link when the payload has no diff URL', () => {
    const event = fixture();
    event.object_attributes.diff_url = undefined;
    expect(buildWikiPageMessage(event).text).toBe(`Administrator (root) created ${PAGE} ${PROJECT}: *Awesome*`);
  });

  it('strips link markup from the title and user name', () => {
    const event = fixture();
    event.object_attributes.title = '[x](https://evil) <https://evil|x> |';
    event.user = { name: '<Eve|x>', username: 'eve' };
    expect(buildWikiPageMessage(event).text).toBe(
      `Evex (eve) created ${PAGE} ${COMPARE} ${PROJECT}: *x(https://evil) https://evilx *`,
    );
  });

  it('copes with a missing user and commit message', () => {
    const event = fixture();
    event.user = null;
    event.object_attributes.message = null;
    const message = buildWikiPageMessage(event);
    expect(message.text).toBe(` created ${PAGE} ${COMPARE} ${PROJECT}: *Awesome*`);
    expect(message.attachments).toEqual([{ text: '', color: '#334455' }]);
  });

  it('makes uploaded images in the commit message absolute', () => {
    const event = fixture();
    event.object_attributes.message = 'add ![d](/uploads/x/d.png)';
    expect(buildWikiPageMessage(event).attachments?.[0]?.text).toBe(
      'add http://example.com/root/awesome-project/uploads/x/d.png',
    );
  });
});
