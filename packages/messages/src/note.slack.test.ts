import { loadFixture } from '@chatops/test-support/fixtures';
import { noteEventSchema } from '@chatops/gitlab';
import { buildNoteMessage } from './note';
import { slackNotification as renderSlackMessage } from '@chatops/test-support/slack-notification';

const render = (name: string) => {
  const message = buildNoteMessage(noteEventSchema.parse(loadFixture(name)));
  if (!message) throw new Error(`${name} built no message`);
  return renderSlackMessage(message);
};
const ORG = 'in <http://example.com/gitlab-org/gitlab-test|Gitlab Org / Gitlab Test>';
const NO_UNFURL = { unfurl_links: false, unfurl_media: false };

describe('renderSlackMessage for notes', () => {
  it('renders the commit note fixture exactly as GitLab posts it', () => {
    expect(render('note_commit.json')).toEqual({
      text:
        'Administrator (root) <http://example.com/gitlab-org/gitlab-test/commit/cfe32cf61b73a0d5e9f13e774abde7ff789b1660#note_1243|commented on commit cfe32cf6> ' +
        'in <http://example.com/gitlabhq/gitlab-test|GitlabHQ / Gitlab Test>: *Add submodule*',
      attachments: [{ text: 'This is a commit comment. How does this work?', color: '#334455' }],
      ...NO_UNFURL,
    });
  });

  it('renders the issue note fixture', () => {
    expect(render('note_issue.json')).toEqual({
      text: `Administrator (root) <http://example.com/gitlab-org/gitlab-test/issues/17#note_1241|commented on issue #17> ${ORG}: *test*`,
      attachments: [{ text: 'Hello world', color: '#334455' }],
      ...NO_UNFURL,
    });
  });

  it('renders the merge request note fixture', () => {
    expect(render('note_merge_request.json')).toEqual({
      text:
        'Administrator (root) <http://example.com/gitlab-org/gitlab-test/merge_requests/1#note_1244|commented on merge request !1> ' +
        `${ORG}: *Tempora et eos debitis quae laborum et.*`,
      attachments: [{ text: 'This MR needs work.', color: '#334455' }],
      ...NO_UNFURL,
    });
  });

  it('renders the snippet note fixture', () => {
    expect(render('note_snippet.json')).toEqual({
      text: `Administrator (root) <http://example.com/gitlab-org/gitlab-test/-/snippets/53#note_1245|commented on snippet $53> ${ORG}: *test*`,
      attachments: [{ text: "Is this snippet doing what it's supposed to be doing?", color: '#334455' }],
      ...NO_UNFURL,
    });
  });

  it('turns markdown links in the note into Slack links, as GitLab does', () => {
    const event = noteEventSchema.parse(loadFixture('note_issue.json'));
    event.object_attributes.note = 'see [docs](https://docs.example/a)';
    const message = buildNoteMessage(event);
    expect(message && renderSlackMessage(message).attachments?.[0]?.text).toBe('see <https://docs.example/a|docs>');
  });
});
